"""The error classes of real published texts (issue 13), each on hand-made sentences built from the issue's own
examples: donors attached by clause structure, lists under lists, contrast, parts of a system, likened items,
continued refusals and support, second pledges in one sentence, reported speech and numbers in words."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def records(ex: Extractor, text: str, lang: str) -> set[tuple]:
    r = ex.extract(text, lang)
    return ({("pledge", p.donor, p.item, p.status, p.quantity) for p in r.pledges}
            | {("policy", p.party, p.stance) for p in r.policies})


@pytest.mark.parametrize(("text", "lang"), [
    ("Germany, Norway, Denmark and Sweden will send air defence to Ukraine; the systems include IRIS-T, NASAMS, "
     "Patriot and Mistral.", "en"),
    ("Germany, Norway, Denmark and Sweden will send air defence to Ukraine. The package includes IRIS-T, NASAMS, "
     "Patriot and Mistral.", "en"),
])
def test_a_list_of_items_under_a_list_of_donors_is_one_pledge_per_donor(extractor: Extractor, text: str,
                                                                        lang: str) -> None:
    assert records(extractor, text, lang) == {("pledge", c, None, "committed", None) for c in ("DE", "NO", "DK", "SE")}


def test_items_that_are_the_donors_own_object_stay_paired(extractor: Extractor) -> None:
    got = records(extractor, "France and Italy will send SAMP/T and Mistral systems to Ukraine.", "en")
    assert got == {("pledge", c, i, "committed", None) for c in ("FR", "IT") for i in ("samp-t", "mistral")}


@pytest.mark.parametrize(("text", "lang"), [
    ("Unlike Germany and France, Hungary will not send weapons to Ukraine.", "en"),
    ("Hungary, unlike Germany and France, will not send weapons to Ukraine.", "en"),
    ("Contrairement à l'Allemagne et à la France, la Hongrie refuse de livrer des armes à l'Ukraine.", "fr"),
    ("Anders als Deutschland und Frankreich liefert Ungarn keine Waffen an die Ukraine.", "de"),
])
def test_a_contrast_is_not_a_stance_of_the_parties_compared_with(extractor: Extractor, text: str, lang: str) -> None:
    assert records(extractor, text, lang) == {("policy", "HU", "non-lethal-only")}


def test_parts_of_a_system_are_its_launchers_and_interceptors(extractor: Extractor) -> None:
    got = records(extractor, "Germany will send parts of a Patriot system: two launchers and missiles.", "en")
    assert got == {("pledge", "DE", "patriot-launcher", "committed", 2.0),
                   ("pledge", "DE", "pac-3-mse", "committed", None)}


def test_received_in_the_future_is_committed(extractor: Extractor) -> None:
    got = records(extractor, "Ukraine will receive parts of a Patriot system from Germany: two launchers.", "en")
    assert got == {("pledge", "DE", "patriot-launcher", "committed", 2.0)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Spain will send a system equivalent to Patriot.", "en"),
    ("L'Espagne enverra un système équivalent au Patriot.", "fr"),
    ("Spanien liefert statt Patriot ein eigenes System.", "de"),
])
def test_an_item_only_likened_to_is_not_pledged(extractor: Extractor, text: str, lang: str) -> None:
    assert not any(r[2] == "patriot" for r in records(extractor, text, lang) if r[0] == "pledge")


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Switzerland will continue not to support Ukraine with arms deliveries.", "en",
     {("policy", "CH", "non-lethal-only")}),
    ("Germany will not send a Patriot battery, but will send PAC-3 MSE missiles.", "en",
     {("policy", "DE", "excludes:patriot"), ("pledge", "DE", "pac-3-mse", "committed", None)}),
    ("The Dutch government said it will keep supporting Ukraine.", "en", {("policy", "NL", "supportive")}),
    ("Die Schweiz wird die Ukraine weiterhin nicht mit Waffen unterstützen.", "de",
     {("policy", "CH", "non-lethal-only")}),
])
def test_stances_of_continuing_and_partial_refusals_and_of_support(extractor: Extractor, text: str, lang: str,
                                                                   want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want


def test_two_pledges_in_one_sentence_keep_their_own_donors_quantities_and_statuses(extractor: Extractor) -> None:
    text = ("Ukraine's army now fields the 18 CAESAR howitzers already delivered by Paris, and the 19 promised by "
            "Copenhagen.")
    assert records(extractor, text, "en") == {("pledge", "FR", "caesar", "delivered", 18.0),
                                              ("pledge", "DK", "caesar", "committed", 19.0)}


@pytest.mark.parametrize(("text", "lang", "qty"), [
    ("The minister said the IRIS-T SLM systems would also be delivered by Germany.", "en", None),
    ("Four IRIS-T SLM systems were still to be delivered by Germany.", "en", 4.0),
    ("Laut Pistorius würden auch zwei weitere IRIS-T SLM aus Deutschland geliefert.", "de", 2.0),
])
def test_reported_speech_and_the_future_in_the_past_are_committed(extractor: Extractor, text: str, lang: str,
                                                                  qty: float | None) -> None:
    assert records(extractor, text, lang) == {("pledge", "DE", "iris-t-slm", "committed", qty)}


@pytest.mark.parametrize(("text", "lang", "qty"), [
    ("Deutschland liefert zwölf Leopard 2 A6 an die Ukraine.", "de", 12.0),
    ("L'Italia invierà dieci obici PzH 2000 all'Ucraina.", "it", 10.0),
    ("Germany will send about 200 PAC-3 MSE missiles.", "en", 200.0),
    ("Deutschland wird rund 200 Stinger liefern.", "de", 200.0),
])
def test_spelled_out_and_approximate_numbers_keep_their_quantity(extractor: Extractor, text: str, lang: str,
                                                                 qty: float) -> None:
    [p] = extractor.extract(text, lang).pledges
    assert p.quantity == qty


def test_every_record_says_why_it_is_there(extractor: Extractor) -> None:
    r = extractor.extract("Ukraine's army now fields the 18 CAESAR howitzers already delivered by Paris, and the 19 "
                          "promised by Copenhagen.", "en")
    by = {p.donor: p.explain for p in r.pledges}
    assert by["DK"] is not None and by["DK"]["cue"] == "promised" and "agent" in by["DK"]["attachment"]
    assert by["FR"] is not None and by["FR"]["rule"] == "the item's status cue"
