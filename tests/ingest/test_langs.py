"""The weakest languages' morphology and word order (issue 13, helper "langs"): a thing that arrived "from" a party
with no subject of its own (the source before or after the verb and the place it reached), Polish verbs of
contributing ("dorzuciła", "dołożyli") and the people named for their country ("Polacy"), Danish and Norwegian
passives in -s ("doneres af Danmark", "leveredes")."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor


def pledges(ex: Extractor, text: str, lang: str) -> set[tuple]:
    return {(p.donor, p.item, p.status, p.quantity) for p in ex.extract(text, lang).pledges}


@pytest.mark.parametrize(("text", "lang", "want"), [
    # arrival verbs: the source of what arrived gives it, wherever the source stands
    ("Kolejne czołgi Leopard 2A6 trafiły na Ukrainę z Niemiec.", "pl", {("DE", "leopard-2a6", "delivered", None)}),
    ("Z Niemiec na Ukrainę trafiły czołgi Leopard 2A6.", "pl", {("DE", "leopard-2a6", "delivered", None)}),
    ("New Leopard 2A6 tanks arrived in Ukraine from Germany.", "en", {("DE", "leopard-2a6", "delivered", None)}),
    ("From Germany, Leopard 2A6 tanks arrived in Ukraine.", "en", {("DE", "leopard-2a6", "delivered", None)}),
    ("Iš Vokietijos į Ukrainą atvyko tankai Leopard 2A6.", "lt", {("DE", "leopard-2a6", "delivered", None)}),
    # Polish verbs of contributing, the subject after the verb
    ("Trzy czołgi Leopard 2A6 dorzuciła też Portugalia.", "pl", {("PT", "leopard-2a6", "committed", 3)}),
    ("Swoje czołgi Leopard 2A4 dołożyli do tego Norwegowie, Kanadyjczycy i Hiszpanie.", "pl",
     {("NO", "leopard-2a4", "committed", None), ("CA", "leopard-2a4", "committed", None),
      ("ES", "leopard-2a4", "committed", None)}),
    ("Polacy przekazali Ukrainie czołgi Leopard 2A4.", "pl", {("PL", "leopard-2a4", "delivered", None)}),
    # Danish and Norwegian passives in -s: present committed, past delivered; the agent after "af"/"av"
    ("19 Caesar-haubitser doneres af Danmark.", "da", {("DK", "caesar", "committed", 19)}),
    ("Våbnene leveredes af Danmark i januar: 19 Caesar-haubitser.", "da", {("DK", "caesar", "delivered", 19)}),
    ("Åtte Leopard 2A4 doneres av Norge.", "nb", {("NO", "leopard-2a4", "committed", 8)}),
])
def test_weak_language_forms(extractor: Extractor, text: str, lang: str, want: set[tuple]) -> None:
    assert pledges(extractor, text, lang) == want


@pytest.mark.parametrize(("text", "lang"), [
    # a party the thing was bought from sells it: no gift
    ("Leopard 2A6 tanks bought from Germany arrived in Ukraine.", "en"),
    # "dołożyć wszelkich starań" is to make every effort, no contribution
    ("Polska dołoży wszelkich starań.", "pl"),
])
def test_no_pledge(extractor: Extractor, text: str, lang: str) -> None:
    assert pledges(extractor, text, lang) == set()
