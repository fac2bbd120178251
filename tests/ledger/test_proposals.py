"""Proposals from ingest: stored once per document, never counted until accepted, accepted / edited / rejected /
merged through the one write path; a re-announcement is linked to the entry it re-states."""

from __future__ import annotations

import pytest

from allyplan.ingest import ingest_text
from allyplan.ledger import Ledger, LedgerInputError

TEXT = ("LONDON - The Defence Secretary confirmed the 5,000 Lightweight Multirole Missiles for Ukraine first "
        "announced in January. Britain will also provide 100 Storm Shadow missiles. Hungary urged restraint.")


def propose(led: Ledger, text: str = TEXT, published: str | None = "2025-03-12"):
    r = ingest_text(text, "https://example.org/uk")
    doc, records = r.for_ledger()
    doc.update(url="https://example.org/uk", title="UK aid", published=published)
    return led.propose(doc, records, who="tester")


def test_proposals_are_not_counted_until_accepted(ledger: Ledger) -> None:
    first = ledger.add(donor="GB", item="lmm", quantity=5000, announced="2025-01-20", who="t",
                       source="https://gov.uk/jan")
    stored = propose(ledger)
    assert not stored.already and len(stored.proposals) == 3
    lmm, storm, hungary = stored.proposals
    assert stored.restates == {lmm: first}
    assert ledger.count()["entries"] == 1
    rep = ledger.report("donor", statuses=["committed", "considering"])
    assert rep["pledges"].tolist() == [1, 1]  # GB's one entry, and the total

    assert propose(ledger).already  # the same text is never stored twice
    assert len(ledger.proposals()) == 3

    merged = ledger.merge_proposal(lmm, first, who="rev")
    assert merged.sources == "https://gov.uk/jan;https://example.org/uk" and merged.quantity == 5000
    entry = ledger.accept(storm, who="rev", quantity="120")
    s = ledger.entry(entry)
    assert (s.donor, s.item, s.quantity, s.status, str(s.announced)) == ("GB", "storm-shadow", 120.0, "committed",
                                                                        "2025-03-12")
    assert s.sources == "https://example.org/uk"
    assert ledger.accept(hungary, who="rev") is None
    assert ledger.count()["entries"] == 2
    done = ledger.proposals(("accepted", "merged"))
    assert sorted(zip(done["id"], done["review"], strict=True)) == [(lmm, "merged"), (storm, "accepted"),
                                                                   (hungary, "accepted")]
    assert len(ledger.proposals()) == 0


def test_review_errors_write_nothing(ledger: Ledger) -> None:
    stored = propose(ledger)
    lmm = stored.proposals[0]
    with pytest.raises(LedgerInputError, match=r"unknown party|not a known|XX"):
        ledger.accept(lmm, donor="XX")
    with pytest.raises(LedgerInputError, match=r"there is no proposal 999"):
        ledger.accept(999)
    assert ledger.count()["entries"] == 0
    ledger.reject(lmm, why="duplicate of a press release", who="rev")
    with pytest.raises(LedgerInputError, match=r"already rejected"):
        ledger.accept(lmm)
    assert ledger.proposals(("rejected",))["note"].tolist() == ["duplicate of a press release"]


def test_a_document_without_a_date_is_announced_on_the_day_it_was_ingested(ledger: Ledger) -> None:
    stored = propose(ledger, "Norway will provide 2 NASAMS fire units to Ukraine.", published=None)
    entry = ledger.accept(stored.proposals[0])
    assert ledger.entry(entry).announced is not None
