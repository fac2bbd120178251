"""An item's name that only says what a service is for ("Patriot-Ausbildung", "Patriot training") is no equipment
given: the soldiers or the course arrive. From corpus l (de-ntv-niederlande-patriot-rutte, n-tv 2024: "Die Soldaten
sind bereits zur Patriot-Ausbildung in Oklahoma eingetroffen", read as a Dutch delivery of a Patriot system)."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from tests.ingest.records import records

CASES = [
    ("de", "Die Niederlande erwägen, der Ukraine ein Patriot-System zur Verfügung zu stellen. Die Soldaten sind "
           "bereits zur Patriot-Ausbildung in Oklahoma eingetroffen.", {("NL", "patriot", "considering", 1)}),
    ("en", "The Netherlands is considering sending a Patriot system to Ukraine. Ukrainian soldiers have already "
           "arrived in Oklahoma for Patriot training.", {("NL", "patriot", "considering", 1)}),
    ("nl", "Nederland overweegt een Patriot-systeem naar Oekraïne te sturen. Oekraïense militairen zijn al in Oklahoma "
           "aangekomen voor Patriot-training.", {("NL", "patriot", "considering", 1)}),
    # the equipment itself is still given, a service word elsewhere in the sentence aside
    ("de", "Die Niederlande liefern der Ukraine zwei Patriot-Abschussgeräte.", {("NL", "patriot-launcher", "committed",
                                                                             2)}),
    ("en", "Germany has delivered a Patriot system to Ukraine and will provide training.",
     {("DE", "patriot", "delivered", 1)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), CASES)
def test_a_service_named_after_an_item_gives_no_item(extractor: Extractor, lang: str, text: str,
                                                      want: set[tuple]) -> None:
    assert records(extractor, text, lang) == want
