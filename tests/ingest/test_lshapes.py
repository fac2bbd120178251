"""Shapes of whole articles the extractor failed on (issue 13, round 2, helper "lshapes"): a list of parties set off
by dashes or brackets just after a noun names that noun's members, so it is the clause's subject ("Three of the EU's
five neutral countries — Ireland, Austria and Malta — are only providing non-lethal aid"), not an aside to drop (the
genitive "EU's" before it owns the noun and acts in nothing). A parenthesis holding other words than the list stays an
aside ("Germany — unlike France and Italy — ..."). Each sentence names every record it must give."""

from __future__ import annotations

import pytest

from allyplan.ingest import Extractor
from tests.ingest.records import records


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


APPOSED = [
    # https://www.irishexaminer.com (corpus l, en-irishexaminer-ireland-pay-share-epf): the list between dashes
    ("en", "Three of the EU’s five neutral countries — Ireland, Austria and Malta — are only providing non-lethal aid.",
     {("IE", "policy", "non-lethal-only", None), ("AT", "policy", "non-lethal-only", None),
      ("MT", "policy", "non-lethal-only", None)}),
    ("en", "The two other neutral countries — Finland and Sweden — are also providing lethal military aid.",
     {("FI", None, "committed", None), ("SE", None, "committed", None)}),
    # made up: the same apposition in brackets, and with German dashes
    ("fr", "Deux pays voisins (la Pologne et la Slovaquie) ont déjà livré des armes à l'Ukraine.",
     {("PL", None, "delivered", None), ("SK", None, "delivered", None)}),
    ("de", "Zwei Nachbarländer Deutschlands – Polen und Tschechien – haben bereits Waffen an die Ukraine geliefert.",
     {("PL", None, "delivered", None), ("CZ", None, "delivered", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), APPOSED)
def test_apposed_list_is_the_subject(ex: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(ex, text, lang) == want


ASIDES = [
    # made up: the parenthesis says more than the list: an aside, the subject is named before it
    ("en", "Germany — unlike France and Italy — will send weapons to Ukraine.", {("DE", None, "committed", None)}),
]


@pytest.mark.parametrize(("lang", "text", "want"), ASIDES)
def test_aside_with_other_words_stays_aside(ex: Extractor, lang: str, text: str, want: set[tuple]) -> None:
    assert records(ex, text, lang) == want
