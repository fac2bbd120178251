"""Items, statuses and quantities on real texts, round 2 (issue 13, corpus d's errors), hand-made sentences in
several languages unless a case says otherwise: the parts of a system listed in the next sentence, whole paradigms
of status verbs (a perfect participle, a future, a past), digits written as ordinals, a number that looks like a
year but counts shells, and the article "un"/"a" that is no count beside a number."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from allyplan.ingest.numbers import find_numbers
from allyplan.ingest.rules import Rules


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}


# -- the parts of a system, listed in the next sentence -----------------------------------------------------------
PARTS_NEXT = [
 # the Dutch government's release (rijksoverheid.nl, 2023), the case nl-rijksoverheid-patriot-lanceerinstallaties
 ("nl", "Nederland levert Oekraïne delen van een Patriot-luchtverdedigingswapensysteem. Het gaat om 2 "
        "lanceerinstallaties en raketten.",
  {("NL", "patriot-launcher", "committed", 2.0), ("NL", "pac-3-mse", "committed", None)}),
 ("en", "The Netherlands will supply parts of a Patriot system. These are two launchers and missiles.",
  {("NL", "patriot-launcher", "committed", 2.0), ("NL", "pac-3-mse", "committed", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), PARTS_NEXT, ids=[a[0] for a in PARTS_NEXT])
def test_parts_of_a_system_listed_in_the_next_sentence(extractor: Extractor, lang: str, text: str,
                                                        want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


def test_parts_of_a_system_take_nothing_from_a_next_sentence_that_names_its_own_item(extractor: Extractor) -> None:
    got = _pledges(extractor, "The Netherlands will supply parts of a Patriot system to Ukraine. Germany sent "
                              "IRIS-T missiles.", "en")
    assert ("NL", "patriot", "committed", 1.0) in got
    assert not any(d == "NL" and i in ("patriot-launcher", "pac-3-mse") for d, i, _, _ in got)


# -- status paradigms ---------------------------------------------------------------------------------------------
STATUS = [
 # a perfect participle of "present" (da "har fremlagt", nb "har lagt fram", sv "har presenterat", "lade fram")
 ("da", "Den svenske regering har tirsdag fremlagt en ny støttepakke til Ukraine.", "SE", "committed"),
 ("nb", "Den svenske regjeringen har i dag lagt fram en ny støttepakke til Ukraina.", "SE", "committed"),
 ("sv", "Finland har i dag presenterat ett nytt stödpaket till Ukraina.", "FI", "committed"),
 ("sv", "Sverige lade fram ett nytt stödpaket till Ukraina på tisdagen.", "SE", "committed"),
 # the future and past of "consider" (lt "svarstys", "svarstė"; lv "apsvēra")
 ("lt", "Vyriausybė ateinančią savaitę svarstys perduoti Ukrainai Lietuvos kariuomenės nenaudojamus šaudmenis.",
  "LT", "considering"),
 ("lt", "Lietuva svarstė perduoti Ukrainai daugiau šaudmenų.", "LT", "considering"),
 ("lv", "Latvija apsvēra nodot Ukrainai vēl munīciju.", "LV", "considering"),
 # Czech/Slovak "dodal" with the recipient or a helicopter after it is a delivery, not "added"
 ("cs", "Ministryně potvrdila, že Česko v polovině února dodalo Kyjevu dva bojové vrtulníky Mi-24.", "CZ",
  "delivered"),
 ("sk", "Slovensko dodalo Kyjevu ďalšie vrtuľníky Mi-17.", "SK", "delivered"),
]


@pytest.mark.parametrize(("lang", "text", "donor", "status"), STATUS, ids=[f"{a[0]}-{i}" for i, a in enumerate(STATUS)])
def test_status_paradigms(extractor: Extractor, lang: str, text: str, donor: str, status: str) -> None:
    assert {(p.donor, p.status) for p in extractor.extract(text, lang).pledges} == {(donor, status)}


def test_czech_dodal_that_reports_speech_is_no_delivery(extractor: Extractor) -> None:
    got = {(p.donor, p.status) for p in extractor.extract("Ministr dodal, že Česko pošle další munici.", "cs").pledges}
    assert got == {("CZ", "committed")}


# -- digits written as ordinals ------------------------------------------------------------------------------------
ORDINALS = [
 ("uk", "46-й пакет і 12 танків", [(46.0, True), (12.0, False)]),
 ("en", "the 46th package of 12 tanks", [(46.0, True), (12.0, False)]),
 ("fr", "le 46e paquet de 12 chars", [(46.0, True), (12.0, False)]),
 ("pt", "o 46º pacote com 12 tanques", [(46.0, True), (12.0, False)]),
 ("cs", "46. balíček s 12 tanky", [(46.0, True), (12.0, False)]),
 ("de", "das 46. Paket mit 12 Panzern", [(46.0, True), (12.0, False)]),
 ("tr", "46’ncı paket, sayısını 18’e", [(46.0, True), (18.0, False)]),
 ("sv", "det 46:e paketet med 12 stridsvagnar", [(46.0, True), (12.0, False)]),
 ("lt", "46-asis paketas", [(46.0, True)]),
 # a sentence's last number before the next sentence is no ordinal
 ("de", "Deutschland liefert 12. Die Ukraine", [(12.0, False)]),
 ("en", "Germany delivered 12. then", [(12.0, False)]),
]


@pytest.mark.parametrize(("lang", "text", "want"), ORDINALS, ids=[f"{a[0]}-{i}" for i, a in enumerate(ORDINALS)])
def test_digits_written_as_an_ordinal(lang: str, text: str, want: list[tuple[float, bool]]) -> None:
    assert [(n.value, n.ordinal) for n in find_numbers(text, Rules.load(lang))] == want


def test_an_ordinal_package_is_no_count(extractor: Extractor) -> None:
    [p] = extractor.extract("Польща передала Україні 46-й пакет військової допомоги.", "uk").pledges
    assert (p.donor, p.item, p.status, p.quantity) == ("PL", None, "delivered", None)


# -- a number that looks like a year ------------------------------------------------------------------------------
YEARS = [
 ("fr", "La France livrera 2000 obus de 155 mm à l’Ukraine.", 2000.0),
 ("fr", "La France livrera environ 2000 obus de 155 mm à l’Ukraine.", 2000.0),
 ("en", "Germany will deliver 2000 155mm shells to Ukraine.", 2000.0),
 ("fr", "La France a livré en 2023 des obus de 155 mm à l’Ukraine.", None),
 ("en", "In 2024 Patriot systems were delivered by Germany.", None),
 ("en", "Germany delivered in 2023 155mm shells.", None),
]


@pytest.mark.parametrize(("lang", "text", "quantity"), YEARS, ids=[f"{a[0]}-{i}" for i, a in enumerate(YEARS)])
def test_a_number_like_a_year_counts_the_item_it_is_the_object_of(extractor: Extractor, lang: str, text: str,
                                                                  quantity: float | None) -> None:
    [p] = extractor.extract(text, lang).pledges
    assert p.quantity == quantity


# -- the article "un", "a" beside a count -----------------------------------------------------------------------
ARTICLE = [
 ("fr", "La Belgique livrera un total de 10 chasseurs F-16 à l’Ukraine.", 10.0),
 ("en", "Belgium will deliver a batch of 30 aircraft to Ukraine.", 30.0),
 # a range stays no count
 ("fr", "La Belgique livrera entre un et trois avions à l’Ukraine.", None),
 ("fr", "La Belgique livrera un à trois avions à l’Ukraine.", None),
 ("en", "Belgium will deliver one or two aircraft to Ukraine.", None),
]


@pytest.mark.parametrize(("lang", "text", "quantity"), ARTICLE, ids=[f"{a[0]}-{i}" for i, a in enumerate(ARTICLE)])
def test_an_article_one_is_no_count_beside_a_number(extractor: Extractor, lang: str, text: str,
                                                     quantity: float | None) -> None:
    [p] = extractor.extract(text, lang).pledges
    assert (p.item, p.quantity) == (None, quantity)


# -- "N more are to follow": a commitment of more of the item just delivered ---------------------------------------
FOLLOW = [
 # the dpa report of case de-finanzen-dpa-gepard-munition-bestellt (finanzen.net, 2023)
 ("de", "Deutschland hat nach Angaben aus dem Verteidigungsministerium seit Sommer 32 Gepard-Flugabwehrpanzer in die "
        "Ukraine geliefert, fünf weitere sollen bis Ende Februar folgen.", "gepard", 32.0, 5.0),
 ("en", "Germany has delivered 32 Gepard guns to Ukraine, and five more will follow.", "gepard", 32.0, 5.0),
 ("fr", "La France a livré 12 canons Caesar, six autres suivront en mars.", "caesar", 12.0, 6.0),
 ("nl", "Nederland heeft 12 pantserhouwitsers PzH 2000 geleverd, vier andere zullen in maart volgen.", "pzh-2000",
  12.0, 4.0),
 ("it", "L’Italia ha consegnato due sistemi SAMP/T, altri due seguiranno.", "samp-t", 2.0, 2.0),
]


@pytest.mark.parametrize(("lang", "text", "item", "delivered", "committed"), FOLLOW, ids=[a[0] for a in FOLLOW])
def test_more_to_follow_is_a_commitment(extractor: Extractor, lang: str, text: str, item: str, delivered: float,
                                        committed: float) -> None:
    got = {(p.item, p.status, p.quantity) for p in extractor.extract(text, lang).pledges}
    assert got == {(item, "delivered", delivered), (item, "committed", committed)}


# -- a system's class noun between a missile noun and the system's name --------------------------------------------
CLASSED = [
 ("de", "Deutschland liefert der Ukraine neue Munition für die Flugabwehrpanzer vom Typ Gepard.",
  {("DE", "ammo-35mm-gepard")}),
 ("en", "Germany will send ammunition for the anti-aircraft guns of the Gepard type.", {("DE", "ammo-35mm-gepard")}),
 # a list, not the missiles of the system named last
 ("de", "Deutschland liefert der Ukraine Munition, Panzer und die Flugabwehrpanzer vom Typ Gepard.",
  {("DE", "gepard"), ("DE", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), CLASSED, ids=[f"{a[0]}-{i}" for i, a in enumerate(CLASSED)])
def test_a_class_noun_before_the_system_name_keeps_the_missiles_its_own(extractor: Extractor, lang: str, text: str,
                                                                         want: set[tuple]) -> None:
    assert {(p.donor, p.item) for p in extractor.extract(text, lang).pledges} == want


# -- ordering for Ukraine is a commitment ------------------------------------------------------------------------
ORDERED = [
 # the dpa report of case de-finanzen-dpa-gepard-munition-bestellt (finanzen.net, 2023)
 ("de", "Deutschland hat für die Ukraine neue Munition für die Flugabwehrpanzer vom Typ Gepard bestellt.",
  {("DE", "ammo-35mm-gepard", "committed")}),
 ("en", "Germany has ordered new Gepard ammunition for Ukraine from Rheinmetall.",
  {("DE", "ammo-35mm-gepard", "committed")}),
 ("fr", "La France a commandé 12 canons Caesar pour l'Ukraine.", {("FR", "caesar", "committed")}),
 # Ukraine ordering for itself gives no donor
 ("de", "Die Ukraine hat bei Rheinmetall Munition bestellt.", set()),
]


@pytest.mark.parametrize(("lang", "text", "want"), ORDERED, ids=[f"{a[0]}-{i}" for i, a in enumerate(ORDERED)])
def test_ordering_for_ukraine_is_a_commitment(extractor: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert {(p.donor, p.item, p.status) for p in extractor.extract(text, lang).pledges} == want


# -- a count after the verb, before a two-letter word ------------------------------------------------------------
VERB_COUNT = [
 # the Dutch government's release (rijksoverheid.nl, 2023), case nl-rijksoverheid-patriot-lanceerinstallaties
 ("nl", "Verder levert Nederland 100 in Tsjechië commercieel ingekochte voertuigen met luchtafweergeschut.", 100.0),
 ("nl", "Nederland levert 40 in eigen land gebouwde voertuigen aan Oekraïne.", 40.0),
 # a unit of measure is no count of what is given
 ("en", "Denmark will send 500 kg of what the army calls surplus ammunition to Ukraine.", None),
]


@pytest.mark.parametrize(("lang", "text", "quantity"), VERB_COUNT,
                         ids=[f"{a[0]}-{i}" for i, a in enumerate(VERB_COUNT)])
def test_the_count_after_the_verb_before_a_short_word(extractor: Extractor, lang: str, text: str,
                                                      quantity: float | None) -> None:
    [p] = extractor.extract(text, lang).pledges
    assert (p.item, p.quantity) == (None, quantity)
