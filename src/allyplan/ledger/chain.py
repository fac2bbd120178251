"""The events' hash chain, and :func:`verify`: recompute it and every state from the events.

Each event's ``hash`` is the SHA-256 of its content (entry, sequence, action, date, time recorded, who, why,
source and the JSON of its fields, exactly as stored) together with the previous event's hash (by id), so that
changing, removing or inserting any event breaks every hash after it. The database refuses UPDATE and DELETE on
``events`` (triggers, migration 0004); the chain also catches what a trigger cannot (an owner who drops it, a file
edited by hand).

>>> h = event_hash(GENESIS, 1, 1, "add", "2025-01-10", "2025-01-10 09:00:00.000000", "doc", "", "", "{}")
>>> len(h), h == event_hash(GENESIS, 1, 1, "add", "2025-01-10", "2025-01-10 09:00:00.000000", "doc", "", "", "{}")
(64, True)
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select, text

from allyplan.ledger import models as m

__all__ = ["GENESIS", "event_hash", "chain_hashes", "recorded_text", "last_hash", "backfill_hashes", "Verification",
           "verify"]

#: The "previous hash" of the first event.
GENESIS = "0" * 64
_CHUNK = 20000
#: How ``json.dumps(..., ensure_ascii=False)`` writes a string (the C encoder where there is one).
_encode_text: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


def recorded_text(v: datetime | str) -> str:
    """The time an event was recorded, as hashed (microseconds, no time zone)."""
    if isinstance(v, str):
        v = datetime.fromisoformat(v)
    return v.strftime("%Y-%m-%d %H:%M:%S.%f")


def event_hash(prev: str, entry: int, seq: int, action: str, at: str, recorded: str, who: str, why: str,
               source: str, data: str) -> str:
    """The hash of one event, chained to ``prev``."""
    enc = _encode_text
    try:  # the JSON below, built without the encoder's per-call set-up (it refuses what is not text)
        payload = (f"[{enc(prev)},{int(entry)},{int(seq)},{enc(action)},{enc(at)},{enc(recorded)},"
                   f"{enc(who or '')},{enc(why or '')},{enc(source or '')},{enc(data)}]")
    except TypeError:
        payload = json.dumps([prev, int(entry), int(seq), action, at, recorded, who or "", why or "", source or "",
                              data], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_hashes(prev: str, events: Iterable[tuple[Any, ...]], recorded: str) -> list[str]:
    """The hashes of many events ``(entry, seq, action, at, who, why, source, data)`` recorded at ``recorded``,
    chained one after the other from ``prev``: what :func:`event_hash` gives for each, in one tight loop (the texts
    an import repeats on every event, such as its author and source, are encoded once).

    >>> evs = [(1, 1, "add", "2025-01-10", "doc", "", "", "{}"), (2, 1, "add", "2025-01-11", "doc", "", "", "{}")]
    >>> h = chain_hashes(GENESIS, evs, "2025-01-10 09:00:00.000000")
    >>> h[1] == event_hash(h[0], 2, 1, "add", "2025-01-11", "2025-01-10 09:00:00.000000", "doc", "", "", "{}")
    True
    """
    enc = _encode_text
    sha = hashlib.sha256
    seen: dict[Any, str] = {}

    def once(v: Any) -> str:  # a repeated text's JSON, encoded once
        got = seen.get(v)
        if got is None:
            got = seen[v] = enc(v or "")
        return got

    rec = enc(recorded)
    quoted = enc(prev)  # then each hash, hex digits: quoted as they are
    out: list[str] = []
    for entry, seq, action, at, who, why, source, data in events:
        try:
            prev = sha(f"[{quoted},{int(entry)},{int(seq)},{once(action)},{once(at)},{rec},{once(who)},"
                       f"{once(why)},{once(source)},{enc(data)}]".encode()).hexdigest()
        except TypeError:  # a value that is not text: hashed as event_hash hashes it
            prev = event_hash(prev, entry, seq, action, at, recorded, who, why, source, data)
        quoted = f'"{prev}"'
        out.append(prev)
    return out


def last_hash(conn: Connection) -> str:
    """The hash of the newest event (the chain's end), or :data:`GENESIS` for an empty ledger."""
    h = conn.execute(select(m.events.c.hash).order_by(m.events.c.id.desc()).limit(1)).scalar()
    return str(h) if h else GENESIS


def _at(v: date | str) -> str:
    return v.isoformat() if isinstance(v, date) else str(v)[:10]


def _rows(conn: Connection) -> Any:
    e = m.events.c
    q = select(e.id, e.entry, e.seq, e.action, e.at, e.recorded, e.who, e.why, e.source, e.data, e.hash)
    return conn.execute(q.order_by(e.id).execution_options(yield_per=_CHUNK))  # streamed: not all in memory


def backfill_hashes(conn: Connection) -> None:
    """Hash the events written before the chain existed (migration 0004, before the triggers exist)."""
    prev = GENESIS
    updates: list[dict[str, Any]] = []
    for r in list(_rows(conn)):
        prev = event_hash(prev, r.entry, r.seq, r.action, _at(r.at), recorded_text(r.recorded), r.who, r.why,
                          r.source, r.data)
        updates.append({"h": prev, "i": r.id})
    for i in range(0, len(updates), _CHUNK):
        conn.execute(text("UPDATE events SET hash = :h WHERE id = :i"), updates[i:i + _CHUNK])


@dataclass
class Verification:
    """What :func:`verify` found: counts, and the first event or state that does not match (None if all do)."""

    events: int
    entries: int
    bad_event: str | None = None
    bad_state: str | None = None

    @property
    def ok(self) -> bool:
        return self.bad_event is None and self.bad_state is None


_FIELDS = ("donor", "recipient", "item", "category", "description", "quantity", "value", "currency", "status",
           "announced", "expected", "delivered", "delivered_value", "sources", "key", "duplicate_of", "merged_into",
           "measure", "absent_from", "corrects")


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    return str(a)[:10] == str(b)[:10] if isinstance(a, date) or isinstance(b, date) else a == b


def verify(conn: Connection) -> Verification:
    """Recompute the hash chain and every entry's states from the events; report the first mismatch of each."""
    from allyplan.ledger.state import Event, TransitionError, timeline

    prev = GENESIS
    n = 0
    bad_event: str | None = None
    by_entry: dict[int, list[Event]] = {}
    for r in _rows(conn):
        n += 1
        want = event_hash(prev, r.entry, r.seq, r.action, _at(r.at), recorded_text(r.recorded), r.who, r.why,
                          r.source, r.data)
        if bad_event is None and r.hash != want:
            what = "has no hash" if not r.hash else "does not match its content and the hash of the event before it"
            bad_event = (f"event {r.id} (entry {r.entry}, #{r.seq} {r.action} of {_at(r.at)}) {what}: it, or the "
                         "event before it, was changed, removed or inserted after it was recorded")
        prev = r.hash or want
        try:
            data = json.loads(r.data)
        except ValueError:
            data = {}
            if bad_event is None:
                bad_event = f"event {r.id} (entry {r.entry}) holds unreadable data"
        by_entry.setdefault(r.entry, []).append(Event(r.entry, r.seq, r.action, r.at, r.recorded, r.who, r.why,
                                                      r.source, data))
    s = m.states.c
    cols = ["entry", "valid_from", "valid_to", *_FIELDS]
    stored: dict[int, list[Any]] = {}
    for row in conn.execute(select(*(getattr(s, c) for c in cols)).order_by(s.entry, s.valid_from)):
        stored.setdefault(row.entry, []).append(row)
    bad_state: str | None = None
    for entry in sorted(set(by_entry) | set(stored)):
        evs, rows = by_entry.get(entry, []), stored.get(entry, [])
        if not evs:
            bad_state = f"entry {entry} has states but no events: its events were removed"
            break
        try:
            tl = timeline(evs)
        except TransitionError as e:
            bad_state = f"entry {entry}: its events do not replay ({e})"
            break
        if len(tl) != len(rows):
            bad_state = (f"entry {entry}: its events give {len(tl)} states, the ledger holds {len(rows)}: the "
                         "events or the states were changed")
            break
        for (a, b, st), row in zip(tl, rows, strict=True):
            d = st.as_dict()
            wrong = [f for f in _FIELDS if not _same(d.get(f), getattr(row, f))]
            if not _same(a, row.valid_from) or not _same(b, row.valid_to):
                wrong.insert(0, "valid_from/valid_to")
            if wrong:
                f = wrong[0]
                shown = f"{f}: the events say {d.get(f)!r}, the ledger holds {getattr(row, f, None)!r}" \
                    if f in d else f
                bad_state = f"entry {entry} (state from {_at(a)}) does not match its events ({shown})"
                break
        if bad_state:
            break
    return Verification(events=n, entries=len(by_entry), bad_event=bad_event, bad_state=bad_state)
