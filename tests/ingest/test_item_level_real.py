"""The item and its level of detail on real texts (issue 13): hand-made sentences in several languages, none taken
from a case, one group per rule.

Launchers and missiles listed after a system, with no name of their own, are that system's launcher and interceptor
("das zweite Luftverteidigungssystem Patriot sowie acht weitere Startgeräte und mehr als 60 Lenkflugkörper"); a
noun that names its own thing ("Hawk-Startgeräte", "i missili terra-aria Aspide", "air defence missiles") or that is
not in the list ("; missiles will follow") is not.
"""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}


LISTED_PARTS = [
 ("en", "Germany will send a second Patriot system as well as eight more launchers and over 60 missiles.",
  {("DE", "patriot", "committed", 1.0), ("DE", "patriot-launcher", "committed", 8.0),
   ("DE", "pac-3-mse", "committed", 60.0)}),
 ("de", "Deutschland liefert das zweite Luftverteidigungssystem Patriot sowie acht weitere Startgeräte und mehr als "
        "60 Lenkflugkörper.",
  {("DE", "patriot", "committed", 1.0), ("DE", "patriot-launcher", "committed", 8.0),
   ("DE", "pac-3-mse", "committed", 60.0)}),
 ("fr", "L'Allemagne livrera un système Patriot, deux lanceurs et des missiles.",
  {("DE", "patriot", "committed", 1.0), ("DE", "patriot-launcher", "committed", 2.0),
   ("DE", "pac-3-mse", "committed", None)}),
 ("pl", "Niemcy przekażą system Patriot oraz cztery wyrzutnie i rakiety.",
  {("DE", "patriot", "committed", None), ("DE", "patriot-launcher", "committed", 4.0),
   ("DE", "pac-3-mse", "committed", None)}),
 ("it", "L'Italia invierà un sistema Samp-T e i missili.",
  {("IT", "samp-t", "committed", 1.0), ("IT", "aster-30", "committed", None)}),
 ("es", "España enviará una batería Patriot y seis lanzadores.",
  {("ES", "patriot", "committed", 1.0), ("ES", "patriot-launcher", "committed", 6.0)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), LISTED_PARTS,
                         ids=[f"{a[0]}-{i}" for i, a in enumerate(LISTED_PARTS)])
def test_launchers_and_missiles_listed_after_a_system_are_its_own(extractor: Extractor, lang: str, text: str,
                                                                  want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


NOT_PARTS = [
 # a name after the noun says whose missiles they are
 ("it", "L'Italia garantirà a Kiev l'arma italo-francese Samp-T e i missili terra-aria Aspide."),
 # a name joined to the noun
 ("de", "Deutschland liefert ein Patriot-System und zwei Hawk-Startgeräte."),
 # a qualifying word: another kind of missile
 ("en", "Germany will send a Patriot system and air defence missiles."),
 # not in the list: another sentence part after a semicolon
 ("en", "Germany will send a Patriot system; missiles will follow later."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_PARTS, ids=[f"{a[0]}-{i}" for i, a in enumerate(NOT_PARTS)])
def test_a_noun_that_names_another_thing_is_no_part_of_the_system(extractor: Extractor, lang: str,
                                                                  text: str) -> None:
    items = {p.item for p in extractor.extract(text, lang).pledges}
    assert not items & {"pac-3-mse", "patriot-launcher", "aster-30"}, items


CLASS_SUMMARIES = [
 ("en", "Norway will donate air defence systems to Ukraine. Oslo will send two NASAMS fire units.",
  {("NO", "nasams", "committed", 2.0)}),
 ("de", "Deutschland wird der Ukraine weitere Flugabwehrsysteme liefern. Berlin liefert ein drittes IRIS-T SLM.",
  {("DE", "iris-t-slm", "committed", 1.0)}),
 ("pl", "Polska przekaże Ukrainie systemy obrony powietrznej. Warszawa wyśle baterię Patriot.",
  {("PL", "patriot", "committed", None)}),
 ("fr", "La France livrera des systèmes de défense aérienne à l'Ukraine. Paris enverra un SAMP/T.",
  {("FR", "samp-t", "committed", 1.0)}),
 ("nb", "Norge vil donere luftvern til Ukraina. Norge vil donere to NASAMS.", {("NO", "nasams", "committed", 2.0)}),
 ("en", "Poland will send tanks to Ukraine. Warsaw will deliver 14 Leopard 2A4 tanks.",
  {("PL", "leopard-2a4", "committed", 14.0)}),
 ("de", "Deutschland wird Kampfpanzer liefern. Berlin schickt 14 Leopard 2A6.",
  {("DE", "leopard-2a6", "committed", 14.0)}),
 ("fr", "La France enverra des obusiers. Paris livrera 12 Caesar.", {("FR", "caesar", "committed", 12.0)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), CLASS_SUMMARIES,
                         ids=[f"{a[0]}-{i}" for i, a in enumerate(CLASS_SUMMARIES)])
def test_a_class_of_items_sums_up_the_donors_named_items_of_that_class(extractor: Extractor, lang: str, text: str,
                                                                       want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


def test_a_class_noun_beside_other_equipment_or_another_class_stays_a_pledge(extractor: Extractor) -> None:
    """Helmets are not air defence; air defence is not a tank: the item-less pledge says something of its own."""
    helmets = "Norway will donate air defence systems and helmets to Ukraine. Oslo will send two NASAMS fire units."
    tanks = "Norway will donate air defence systems to Ukraine. Oslo will send 14 Leopard 2A4 tanks."
    patriot = "Poland will send tanks to Ukraine. Warsaw will deliver a Patriot battery."
    assert ("NO", None, "committed", None) in _pledges(extractor, helmets, "en")
    assert ("NO", None, "committed", None) in _pledges(extractor, tanks, "en")
    assert ("PL", None, "committed", None) in _pledges(extractor, patriot, "en")


POINTED_BACK = [
 ("fr", "Les États-Unis ont livré des ATACMS. La France livrera aussi ces armes.",
  {("US", "atacms", "delivered", None), ("FR", "atacms", "committed", None)}),
 ("it", "Gli Stati Uniti hanno consegnato gli ATACMS. Anche l'Italia fornirà queste armi.",
  {("US", "atacms", "delivered", None), ("IT", "atacms", "committed", None)}),
 ("es", "Estados Unidos ha entregado los ATACMS. España también enviará estas armas.",
  {("US", "atacms", "delivered", None), ("ES", "atacms", "committed", None)}),
 ("nl", "De Verenigde Staten hebben Patriot-systemen geleverd. Duitsland zal deze wapens ook leveren.",
  {("US", "patriot", "delivered", None), ("DE", "patriot", "committed", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), POINTED_BACK,
                         ids=[f"{a[0]}-{i}" for i, a in enumerate(POINTED_BACK)])
def test_aid_named_with_a_word_that_points_back_is_the_item_named_before(extractor: Extractor, lang: str,
                                                                         text: str, want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


def test_a_pointer_to_several_items_or_beside_other_aid_names_no_item(extractor: Extractor) -> None:
    several = "Les États-Unis ont livré des ATACMS et des Patriot. La France livrera aussi ces armes."
    other = ("La France et l'Italie livreront un SAMP/T. La livraison de ce système complète le soutien déjà "
             "apporté par la France.")
    assert ("FR", "atacms", "committed", None) not in _pledges(extractor, several, "fr")
    assert ("FR", "samp-t", "delivered", None) not in _pledges(extractor, other, "fr")


FORMS = [
 # an inner word of a name declined before its model number
 ("Polska przekaże czternaście Leopardów 2A6.", "leopard-2a6"),
 ("Polsko dodalo Ukrajině Leopardy 2.", "leopard-2a4"),
 ("Česko pošle deset Leopardů 2A6.", "leopard-2a6"),
 ("Slovensko dodá dvanásť Leopardov 2A4.", "leopard-2a4"),
 ("Україна отримала Леопарди 2A4 від Канади.", "leopard-2a4"),
 ("Niemcy nie przekażą Taurusa KEPD 350.", "taurus"),
 # a name and its noun written as one word
 ("Sverige skickar Patriotsystem till Ukraina.", "patriot"),
 ("Tyskland levererar fler Patriotrobotar.", "pac-3-mse"),
 ("Norge sender to Patriotutskytere.", "patriot-launcher"),
 ("Sverige skickar Stridsvagn 122 till Ukraina.", "leopard-2a4"),
 # Bulgarian spelling
 ("България изпрати Стингъри на Украйна.", "stinger"),
]


@pytest.mark.parametrize(("text", "item"), FORMS, ids=[f"{i}" for i in range(len(FORMS))])
def test_a_name_declined_or_joined_to_its_noun_is_the_item(extractor: Extractor, text: str, item: str) -> None:
    assert [m.code for m in extractor.gazetteer.find(text) if m.is_item] == [item]


def test_an_ordinary_word_that_starts_like_a_name_is_no_item(extractor: Extractor) -> None:
    assert not [m for m in extractor.gazetteer.find("patriotic feelings and patriotism in Norway") if m.is_item]


LIKENED_BEFORE = [
 ("de", "Spanien liefert ein mit Patriot vergleichbares System."),
 ("fi", "Espanja toimittaa Patriotia vastaavan järjestelmän."),
 ("hu", "Spanyolország egy Patriothoz hasonló rendszert küld."),
 ("tr", "İspanya Patriot'a benzer bir sistem gönderecek."),
 ("nl", "Spanje levert Patriot-achtige systemen."),
 ("cs", "Španělsko dodá Patriotu podobný systém."),
]


@pytest.mark.parametrize(("lang", "text"), LIKENED_BEFORE, ids=[a[0] for a in LIKENED_BEFORE])
def test_a_system_likened_to_a_named_one_before_its_likening_word_is_no_pledge_of_it(
        extractor: Extractor, lang: str, text: str) -> None:
    """The thing compared to comes before the word that likens ("ein mit Patriot vergleichbares System"): the
    donor gives a system, not a Patriot."""
    assert {(p.donor, p.item) for p in extractor.extract(text, lang).pledges} == {("ES", None)}


def test_a_likening_word_after_a_comma_leaves_the_item(extractor: Extractor) -> None:
    got = {p.item for p in extractor.extract("Deutschland liefert Patriot, ähnlich wie die Niederlande.", "de").pledges}
    assert got == {"patriot"}


EXAMPLES = [
 ("en", "The United States, Germany and the Netherlands will provide additional air defence systems, including "
        "Patriot batteries.", {"US", "DE", "NL"}),
 ("de", "Deutschland und die Niederlande liefern weitere Luftverteidigungssysteme, darunter Patriot.", {"DE", "NL"}),
 ("fr", "L'Allemagne et les Pays-Bas livreront des systèmes de défense aérienne, dont des batteries Patriot.",
  {"DE", "NL"}),
 ("pl", "Niemcy i Holandia przekażą systemy obrony powietrznej, w tym baterie Patriot.", {"DE", "NL"}),
 ("tr", "Almanya ve Hollanda, Patriot bataryaları da dahil olmak üzere hava savunma sistemleri gönderecek.",
  {"DE", "NL"}),
]


@pytest.mark.parametrize(("lang", "text", "donors"), EXAMPLES, ids=[a[0] for a in EXAMPLES])
def test_an_item_given_as_an_example_under_several_donors_is_no_donors_item(
        extractor: Extractor, lang: str, text: str, donors: set[str]) -> None:
    assert {(p.donor, p.item) for p in extractor.extract(text, lang).pledges} == {(d, None) for d in donors}


def test_one_donor_gives_the_item_it_names_as_an_example(extractor: Extractor) -> None:
    text = "Germany will provide additional air defence systems, including Patriot batteries."
    assert {(p.donor, p.item) for p in extractor.extract(text, "en").pledges} == {("DE", "patriot")}


def test_a_short_name_with_another_models_designation_is_no_catalog_item(extractor: Extractor) -> None:
    """The catalog's IRIS-T is the SLM; "IRIS-T SLS" (the short-range model) and "IRIS T-SLX" are others."""
    both = extractor.extract("Deutschland liefert ein IRIS-T SLM und ein IRIS-T SLS.", "de").pledges
    assert [(p.donor, p.item) for p in both] == [("DE", "iris-t-slm")]
    other = extractor.extract("Germany will send IRIS-T SLX and IRIS T-SLS systems.", "en").pledges
    assert [(p.donor, p.item) for p in other] == [("DE", None)]
    plain = extractor.extract("Germany sends IRIS-T to Ukraine.", "en").pledges
    assert [(p.donor, p.item) for p in plain] == [("DE", "iris-t-slm")]
