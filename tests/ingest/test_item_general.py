"""The item of a pledge at the right level of detail (issue 13, item errors), hand-made sentences in several
languages: a model's variant written a few words after its name ("Leopard-Kampfpanzer vom Typ 1 A5", "Leopard tanks
of the 2A6 version") is that variant, and a system's name written just before its own missile's ("Patriot PAC-3
interceptors") qualifies the missile: the missile is pledged, not the system as well."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def _pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}


VARIANT_APART = [
    ("de", "Berlin liefert der Ukraine zwölf Leopard-Kampfpanzer vom Typ 1 A5.",
     ("DE", "leopard-1a5", "committed", 12.0)),
    ("en", "Germany will deliver 30 Leopard tanks of the 1A5 type.", ("DE", "leopard-1a5", "committed", 30.0)),
    ("pl", "Polska przekazała Ukrainie czołgi Leopard w wersji 2A4.", ("PL", "leopard-2a4", "delivered", None)),
    ("nl", "Nederland levert Oekraïne tien Leopard-tanks van het type 2A6.", ("NL", "leopard-2a6", "committed", 10.0)),
]


@pytest.mark.parametrize(("lang", "text", "want"), VARIANT_APART,
                         ids=[a[0] + str(i) for i, a in enumerate(VARIANT_APART)])
def test_a_variant_written_apart_from_the_model_name(extractor: Extractor, lang: str, text: str, want: tuple) -> None:
    assert want in _pledges(extractor, text, lang)


def test_a_variant_apart_does_not_reach_over_another_model(extractor: Extractor) -> None:
    got = _pledges(extractor, "Germany will send Leopard 1 tanks and Leopard tanks of the 2A6 version.", "en")
    assert {i for _, i, _, _ in got} == {"leopard-1a5", "leopard-2a6"}


QUALIFIED_MISSILE = [
    ("en", "Germany delivered Patriot PAC-3 interceptors to Ukraine.", {("DE", "pac-3-mse", "delivered", None)}),
    ("en", "The Netherlands will send Patriot GEM-T missiles.", {("NL", "pac-2-gem-t", "committed", None)}),
    ("de", "Deutschland hat Patriot-PAC-3-Raketen an die Ukraine geliefert.", {("DE", "pac-3-mse", "delivered", None)}),
    ("fr", "L'Espagne livrera des missiles Patriot PAC-2 à l'Ukraine.", {("ES", "pac-2-gem-t", "committed", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), QUALIFIED_MISSILE,
                         ids=[a[0] + str(i) for i, a in enumerate(QUALIFIED_MISSILE)])
def test_a_system_name_before_its_missile_name_is_no_system(extractor: Extractor, lang: str, text: str,
                                                             want: set[tuple]) -> None:
    assert _pledges(extractor, text, lang) == want


# -- a missile or launcher noun, then the system it is for, in a phrase of purpose ------------------------------
FOR_THE_SYSTEM = [
    ("en", "Spain will send interceptors to Ukraine to supply the Patriot batteries.",
     ("ES", "pac-3-mse", "committed")),
    ("es", "España enviará misiles a Ucrania para reforzar las baterías Patriot.", ("ES", "pac-3-mse", "committed")),
    ("fr", "L'Allemagne livrera des missiles à l'Ukraine pour alimenter ses systèmes IRIS-T.",
     ("DE", "iris-t-slm-missile", "committed")),
    ("ro", "Grecia va trimite Ucrainei rachete pentru sistemul de apărare aeriană Patriot.",
     ("GR", "pac-3-mse", "committed")),
]


@pytest.mark.parametrize(("lang", "text", "want"), FOR_THE_SYSTEM, ids=[a[0] for a in FOR_THE_SYSTEM])
def test_missiles_for_a_system_are_its_missiles(extractor: Extractor, lang: str, text: str, want: tuple) -> None:
    assert {(d, i, s) for d, i, s, _ in _pledges(extractor, text, lang)} == {want}


def test_a_system_named_with_its_own_noun_after_ammunition_is_the_system(extractor: Extractor) -> None:
    # "from cartridges and ammunition to a complete Patriot air defence system": the system is given, not its missiles
    got = _pledges(extractor, "Grecia a trimis Ucrainei de la cartușe și muniție până la un sistem complet de apărare "
                              "aeriană Patriot.", "ro")
    assert ("GR", "patriot", "delivered", 1.0) in got
    assert not any(i == "pac-3-mse" for _, i, _, _ in got)


def test_missiles_then_a_system_pledged_by_its_own_verb_stay_apart(extractor: Extractor) -> None:
    got = _pledges(extractor, "Spain will send missiles to Ukraine and will deliver a Patriot battery.", "en")
    assert ("ES", "patriot", "committed", 1.0) in got


# -- German "hinzu kommen" (are added) lists more items of a package announced before -----------------------------
ADDED = [
    "Berlin hat Kiew ein neues Paket zugesagt. Hinzu kommen zwei Gepard und weitere Iris-T-Systeme.",
    "Berlin hat Kiew ein neues Paket zugesagt. Außerdem kämen zwei Gepard und weitere Iris-T-Systeme hinzu.",
]


@pytest.mark.parametrize("text", ADDED, ids=["hinzu-kommen", "kaemen-hinzu"])
def test_items_added_to_a_package(extractor: Extractor, text: str) -> None:
    got = {(d, i, s) for d, i, s, _ in _pledges(extractor, text, "de")}
    assert {("DE", "gepard", "committed"), ("DE", "iris-t-slm", "committed")} <= got


# -- a system named after its own missile as what the missile is for ----------------------------------------------
OWN_PLATFORM = [
    ("en", "Italy will send Aster 30 missiles to Ukraine for its SAMP/T system."),
    ("it", "L'Italia invierà missili Aster 30 all'Ucraina per il suo sistema SAMP/T."),
    ("fr", "L'Italie enverra des missiles Aster 30 à l'Ukraine pour son système SAMP/T."),
]


@pytest.mark.parametrize(("lang", "text"), OWN_PLATFORM, ids=[a[0] for a in OWN_PLATFORM])
def test_a_system_a_missile_is_for_is_not_pledged(extractor: Extractor, lang: str, text: str) -> None:
    assert _pledges(extractor, text, lang) == {("IT", "aster-30", "committed", None)}


# -- a second party with its own item after a pledge, the verb left out (gapping) ----------------------------------
GAPPED = [
    ("en", "Norway will deliver NASAMS to Ukraine, and Germany IRIS-T systems."),
    ("en", "Norway will deliver NASAMS and Germany IRIS-T systems."),
    ("de", "Norwegen liefert der Ukraine NASAMS, Deutschland IRIS-T-Systeme."),
    ("fr", "La Norvège livrera des NASAMS à l'Ukraine, et l'Allemagne des systèmes IRIS-T."),
]


@pytest.mark.parametrize(("lang", "text"), GAPPED, ids=[a[0] + str(i) for i, a in enumerate(GAPPED)])
def test_a_party_with_its_own_item_and_the_verb_left_out(extractor: Extractor, lang: str, text: str) -> None:
    got = {(d, i) for d, i, _, _ in _pledges(extractor, text, lang)}
    assert got == {("NO", "nasams"), ("DE", "iris-t-slm")}
