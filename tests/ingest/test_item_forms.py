"""Items named otherwise than by their catalog name (issue 13), hand-made sentences in several languages, none taken
from a case: a common noun for a system, its launchers or its missiles stands for the one system named just before
("Ukraine has received one system from the US"), unless the noun says which thing it is ("Hawk launchers", "air
defence missiles"), the text names several items there, or the noun is in a relative clause said in passing."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}


ANAPHORA = [
 ("en", "Ukraine needs more Patriot batteries. So far it has received one system from Germany.",
  {("DE", "patriot", "delivered", 1.0)}),
 ("cs", "Ukrajina potřebuje další systémy Patriot.\nZatím dostala jeden systém od Německa.",
  {("DE", "patriot", "delivered", 1.0)}),
 ("fi", "Ukraina tarvitsee lisää NASAMS-järjestelmiä. Järjestelmät toimitetaan Norjan tuella.",
  {("NO", "nasams", "committed", None)}),
 ("de", "Die Bundesregierung hatte ein drittes Patriot-System zugesagt. Deutschland liefert dazu acht weitere "
        "Startgeräte.", {("DE", "patriot", "committed", 1.0), ("DE", "patriot-launcher", "committed", 8.0)}),
 ("pt", "A Alemanha anunciou um sistema IRIS-T para a Ucrânia. A Noruega vai fornecer os mísseis.",
  {("DE", "iris-t-slm", "committed", 1.0), ("NO", "iris-t-slm-missile", "committed", None)}),
 ("uk", "Ми отримали NASAMS від Норвегії. Тепер Канада передасть ракети.",
  {("NO", "nasams", "delivered", None), ("CA", "aim-120-amraam", "committed", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), ANAPHORA, ids=[f"{a[0]}-{i}" for i, a in enumerate(ANAPHORA)])
def test_a_common_noun_stands_for_the_system_named_before(extractor: Extractor, lang: str, text: str,
                                                          want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


NOT_ANAPHORA = [
 # the noun names its own system, which the catalog does not list
 ("de", "Spanien wird weitere Patriot-Raketen liefern. Bereits im Frühjahr hatte Madrid sechs Hawk-Startgeräte "
        "übergeben.", "ES", {"patriot-launcher"}),
 ("en", "The US sent another Patriot battery. Spain pledged six launchers for Hawk.", "ES", {"patriot-launcher"}),
 # a qualifying word: another kind of missile than the system's
 ("en", "Germany pledged two more Patriot systems. Denmark announced a package including air defence missiles.",
  "DK", {"pac-3-mse"}),
 ("fr", "La France a livré des canons Caesar. La Belgique enverra des missiles antichars.", "BE", {"caesar"}),
 # two systems named before: the noun says not which
 ("en", "Germany sent IRIS-T and Patriot systems. Norway will send two more systems.", "NO",
  {"patriot", "iris-t-slm"}),
]


@pytest.mark.parametrize(("lang", "text", "donor", "absent"), NOT_ANAPHORA,
                         ids=[f"{a[0]}-{i}" for i, a in enumerate(NOT_ANAPHORA)])
def test_a_qualified_or_ambiguous_noun_stands_for_nothing_named_before(extractor: Extractor, lang: str, text: str,
                                                                       donor: str, absent: set[str]) -> None:
    got = _pledges(extractor, text, lang)
    assert not {p for p in got if p[0] == donor and p[1] in absent}, got


def test_a_relative_clause_said_in_passing_names_no_item(extractor: Extractor) -> None:
    got = _pledges(extractor, "La Pologne livrera quatre batteries Patriot. La Roumanie, qui a déjà cédé une "
                              "batterie, étudie l'envoi d'une seconde.", "fr")
    assert ("RO", "patriot", "delivered", 1.0) not in got


GEPARD_AMMUNITION = [
 ("de", "Deutschland liefert 53.000 Schuss Flakpanzermunition.", 53000.0),
 ("de", "Deutschland liefert 12.400 Patronen für Gepard-Panzer.", 12400.0),
 ("en", "Germany will send 12,400 rounds of 35mm ammunition intended for Gepard.", 12400.0),
 ("fr", "L'Allemagne livrera des munitions destinées aux Gepard.", None),
]


@pytest.mark.parametrize(("lang", "text", "qty"), GEPARD_AMMUNITION,
                         ids=[f"{a[0]}-{i}" for i, a in enumerate(GEPARD_AMMUNITION)])
def test_ammunition_for_a_system_is_its_ammunition(extractor: Extractor, lang: str, text: str,
                                                   qty: float | None) -> None:
    """The ammunition of a system, named as a compound, as cartridges for it, or as intended for it, is the
    system's ammunition counted as written (a calibre is no count)."""
    assert _pledges(extractor, text, lang) == {("DE", "ammo-35mm-gepard", "committed", qty)}


def test_a_list_of_kinds_of_equipment_names_no_item(extractor: Extractor) -> None:
    """"... sending machine guns, howitzers and air surveillance systems" lists kinds of equipment: its "systems" are
    not the Patriot named before."""
    got = _pledges(extractor, "España enviará misiles Patriot. También enviará a Ucrania ametralladoras, obuses y "
                              "sistemas de vigilancia antiaérea.", "es")
    assert ("ES", "patriot", "committed", None) not in got
    got = _pledges(extractor, "Spain will send Patriot missiles. It will also send machine guns, howitzers and "
                              "surveillance systems.", "en")
    assert {p[1] for p in got} <= {"pac-3-mse", None}


@pytest.mark.parametrize(("lang", "text", "want"), [
 ("en", "Romania sends Patriot missiles to Ukraine\n\nRomania will send a Patriot system to Ukraine, the council "
        "decided.", {("RO", "patriot", "committed", 1.0)}),
 ("de", "Spanien schickt Patriot-System in die Ukraine\n\nSpanien wird der Ukraine weitere Patriot-Raketen "
        "liefern.", {("ES", "pac-3-mse", "committed", None)}),
])
def test_the_body_gives_the_level_of_detail_of_the_headline(extractor: Extractor, lang: str, text: str,
                                                            want: set[tuple]) -> None:
    """A headline that sums a donor's system up at another level of detail than the body (its missiles, the
    system) gives no record of its own."""
    assert _pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
 ("en", "The US has delivered the Army Tactical Missile Systems, or ATACMS, to Ukraine.",
  {("US", "atacms", "delivered", None)}),
 ("en", "The US will buy two National Advanced Surface-to-Air Missile Systems (NASAMS) for Ukraine.",
  {("US", "nasams", "committed", 2.0)}),
])
def test_a_long_name_before_the_short_one_is_the_item(extractor: Extractor, lang: str, text: str,
                                                      want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("lang", "text", "donor"), [
 ("en", "Poland has sent 129 insulators and 39 transformers to Ukraine.", "PL"),
 ("de", "Österreich liefert der Ukraine 300 Heizgeräte und 50 Generatoren.", "AT"),
 ("cs", "Česko poslalo Ukrajině 18 topidel a 40 generátorů.", "CZ"),
 ("pl", "Polska przekazała Ukrainie 200 grzejników i 50 generatorów.", "PL"),
])
def test_energy_equipment_the_catalog_lacks_is_an_item_less_pledge(extractor: Extractor, lang: str, text: str,
                                                                   donor: str) -> None:
    got = _pledges(extractor, text, lang)
    assert {(p[0], p[1]) for p in got} == {(donor, None), (donor, "transformer" if lang == "en" else "generator")}


def test_just_under_a_number_in_words_is_no_shortage(extractor: Extractor) -> None:
    """"knapp zwei Dutzend" is "just under two dozen", as "knapp 20" is; "knapp" alone says supplies are short."""
    assert _pledges(extractor, "Deutschland liefert knapp zwei Dutzend Leopard 2A6.", "de") == {
        ("DE", "leopard-2a6", "committed", 24.0)}


@pytest.mark.parametrize(("lang", "text", "want"), [
 ("en", "Norway will send 8,000 artillery shells to Ukraine. The 155 mm shells come from Nammo.",
  {("NO", "shell-155mm", "committed", 8000.0)}),
 ("de", "Dänemark liefert 8000 Artilleriegranaten. Es handelt sich um Granaten vom Kaliber 155 mm.",
  {("DK", "shell-155mm", "committed", 8000.0)}),
 ("uk", "Чехія передасть 10 тисяч снарядів. Йдеться про боєприпаси калібру 155 мм.",
  {("CZ", "shell-155mm", "committed", 10000.0)}),
])
def test_shells_without_their_calibre_are_the_calibre_the_text_names(extractor: Extractor, lang: str, text: str,
                                                                     want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


def test_shells_are_no_item_where_the_text_names_no_calibre(extractor: Extractor) -> None:
    assert _pledges(extractor, "Norway will send 8,000 artillery shells to Ukraine.", "en") == {
        ("NO", None, "committed", 8000.0)}


@pytest.mark.parametrize(("lang", "text"), [
 ("fr", "Il faut ajouter les 19 canons César de 155 mm promis par le Danemark."),
 ("es", "Dinamarca enviará 19 cañones César."),
])
def test_caesar_spelled_cesar_with_its_noun(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == {("DK", "caesar", "committed", 19.0)}


def test_cesar_the_name_is_no_howitzer(extractor: Extractor) -> None:
    assert all(p[1] is None for p in _pledges(extractor, "César a dit que la France enverra 12 canons.", "fr"))
