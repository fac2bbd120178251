"""Proposals: records that ingest read in a document, waiting for a person to accept, edit, reject or merge them.

A proposal is not an entry: reports and plans never count it. Accepting a pledge makes it an entry through the one
write path (with the document as its source); merging adds the document as a source of an entry that already
records the pledge (the usual fate of a re-announcement); accepting a policy keeps it as an accepted statement of
that party's stance. Each document is stored once, by the hash of its text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Connection, and_, func, insert, select, update

from allyplan.errors import Problem
from allyplan.ledger import models as m
from allyplan.ledger.checks import LedgerInputError
from allyplan.ledger.write import _now

__all__ = ["StoredDocument", "store_document", "list_proposals", "get_proposal", "restated_entry", "set_review",
           "document_source"]


@dataclass
class StoredDocument:
    """The document's id, the ids of its new proposals, and whether it had been ingested before."""

    document: int
    proposals: list[int] = field(default_factory=list)
    already: bool = False
    recorded: str | None = None
    restates: dict[int, int] = field(default_factory=dict)  # proposal -> the entry it re-states


def store_document(conn: Connection, doc: Mapping[str, Any], records: Sequence[Mapping[str, Any]],
                   who: str) -> StoredDocument:
    """Store a document and its records as pending proposals, unless a document with its hash is stored already."""
    old = conn.execute(select(m.documents.c.id, m.documents.c.recorded)
                       .where(m.documents.c.sha256 == doc["sha256"])).first()
    if old is not None:
        return StoredDocument(int(old.id), already=True, recorded=str(old.recorded)[:19])
    published = _date(doc.get("published"))
    doc_id = _inserted(conn, insert(m.documents).values(
        sha256=doc["sha256"], source=doc["source"], url=doc.get("url"), title=doc.get("title"), published=published,
        language=doc.get("language"), form=doc.get("form") or "text", text=doc["text"], recorded=_now(), who=who,
    ))
    out = StoredDocument(int(doc_id))
    for r in records:
        pledge = r["kind"] == "pledge"
        restates = restated_entry(conn, r["donor"], r.get("item"), published) if pledge and r.get(
            "reannouncement") else None
        pid = _inserted(conn, insert(m.proposals).values(
            document=doc_id, kind=r["kind"], donor=r["donor"] if pledge else r["party"],
            recipient=r.get("recipient"), item=r.get("item"), quantity=r.get("quantity"), value=r.get("value"),
            currency=r.get("currency"), status=r.get("status"), stance=r.get("stance"),
            reannouncement=bool(r.get("reannouncement")), restates=restates, evidence=r["evidence"],
            span_start=r["start"], span_end=r["end"], confidence=float(r["confidence"]), review="pending", note="",
        ))
        out.proposals.append(int(pid))
        if restates is not None:
            out.restates[int(pid)] = restates
    return out


def restated_entry(conn: Connection, donor: str, item: str | None, before: date | None) -> int | None:
    """The latest counted entry of ``donor`` for ``item`` announced before ``before``: what a re-announcement
    re-states."""
    s = m.states.c
    cond = [s.valid_to.is_(None), s.donor == donor, s.merged_into.is_(None), s.status != "cancelled"]
    cond.append(s.item == item if item else s.item.is_(None))
    if before is not None:
        cond.append(s.announced <= before)
    row = conn.execute(select(s.entry).where(and_(*cond)).order_by(s.announced.desc(), s.entry.desc())
                       .limit(1)).first()
    return int(row.entry) if row else None


def list_proposals(conn: Connection, review: Sequence[str] = ("pending",), document: int | None = None) -> pd.DataFrame:
    """Proposals (with their document's title and source), oldest first."""
    p, d = m.proposals.c, m.documents.c
    q = (select(*m.proposals.c, d.title, d.source, d.url, d.published, d.language)
         .join_from(m.proposals, m.documents, p.document == d.id).where(p.review.in_(list(review)))
         .order_by(p.id))
    if document is not None:
        q = q.where(p.document == document)
    rows = conn.execute(q).mappings().all()
    return pd.DataFrame(rows, columns=[*[c.name for c in m.proposals.c], "title", "source", "url", "published",
                                       "language"])


def get_proposal(conn: Connection, pid: int) -> dict[str, Any]:
    """One proposal with its document (including the text its evidence offsets point into, and when it was
    stored)."""
    p, d = m.proposals.c, m.documents.c
    row = conn.execute(select(*m.proposals.c, d.title, d.source, d.url, d.published, d.language, d.text,
                              d.recorded)
                       .join_from(m.proposals, m.documents, p.document == d.id).where(p.id == pid)).mappings().first()
    if row is None:
        n = conn.execute(select(func.count()).select_from(m.proposals)).scalar_one()
        raise LedgerInputError([Problem(f"proposal {pid}", None, "id", f"there is no proposal {pid}",
                                        f"Check the id: allyplan review --list shows the {n} proposals")])
    return dict(row)


def set_review(conn: Connection, pid: int, review: str, who: str, entry: int | None = None, note: str = "") -> None:
    conn.execute(update(m.proposals).where(m.proposals.c.id == pid).values(
        review=review, entry=entry, reviewer=who, reviewed=_now(), note=note))


def document_source(p: Mapping[str, Any]) -> str:
    """How an entry cites the document a proposal came from: its URL, else its path."""
    return str(p.get("url") or p.get("source") or "").replace(";", ",")


def _inserted(conn: Connection, stmt: Any) -> int:
    key = conn.execute(stmt).inserted_primary_key
    assert key is not None
    return int(key[0])


def _date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None
