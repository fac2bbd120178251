"""What the extractor finds in a text, as comparable tuples: the helpers the language test tables share."""

from __future__ import annotations

from allyplan.ingest import Extractor


def records(ex: Extractor, text: str, lang: str) -> set[tuple]:
    r = ex.extract(text, lang)
    return ({(p.donor, p.item, p.status, p.quantity) for p in r.pledges}
            | {(p.party, "policy", p.stance, None) for p in r.policies})


def stances(ex: Extractor, text: str, lang: str) -> set[tuple[str, str]]:
    """The (party, stance) pairs the extractor finds in ``text``."""
    return {(p.party, p.stance) for p in ex.extract(text, lang).policies}


def same(want: tuple, got: tuple) -> bool:
    return got[:3] == want[:3] and (want[3] is None or got[3] == want[3])
