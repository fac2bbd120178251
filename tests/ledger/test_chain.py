"""The event hash is built without ``json.dumps`` (for speed): it must hash exactly the bytes it always hashed,
or every ledger written before would fail ``verify``."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from allyplan.ledger.chain import GENESIS, chain_hashes, event_hash


def _reference(prev: str, entry: int, seq: int, action: str, at: str, recorded: str, who: str | None,
               why: str | None, source: str | None, data: str) -> str:
    """The hash as first defined (migration 0004): SHA-256 of the fields' JSON, ``ensure_ascii=False``."""
    payload = json.dumps([prev, int(entry), int(seq), action, at, recorded, who or "", why or "", source or "",
                          data], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(prev=_text, entry=st.integers(0, 2**62), seq=st.integers(0, 10**6), action=_text, at=_text,
       recorded=_text, who=st.none() | _text, why=st.none() | _text, source=st.none() | _text, data=_text)
def test_event_hash_is_the_json_definition(prev: str, entry: int, seq: int, action: str, at: str, recorded: str,
                                           who: str | None, why: str | None, source: str | None, data: str) -> None:
    args = (prev, entry, seq, action, at, recorded, who, why, source, data)
    assert event_hash(*args) == _reference(*args)  # type: ignore[arg-type]


def test_event_hash_known_value_and_odd_characters() -> None:
    # quotes, backslashes, control characters, line separators and non-ASCII text, as json.dumps writes them
    args = (GENESIS, 7, 2, "update", "2025-01-10", "2025-01-10 09:00:00.000000", 'a "b" \\ c\x01\u2028',
            "Übergabe", None, '{"value": 53280611.22, "note": "déjà annoncé"}')
    assert event_hash(*args) == _reference(*args)  # type: ignore[arg-type]
    # a field that is not text (a numpy string would be; None is not) still hashes as JSON would
    assert event_hash(GENESIS, 1, 1, "add", "2025-01-10", "r", "w", "", "", "{}") == \
        _reference(GENESIS, 1, 1, "add", "2025-01-10", "r", "w", "", "", "{}")


_events = st.lists(st.tuples(st.integers(0, 2**62), st.integers(0, 10**6), _text, _text, st.none() | _text,
                             st.none() | _text, st.none() | _text, _text), max_size=8)


@given(prev=_text, recorded=_text, events=_events)
def test_chain_hashes_is_event_hash_in_a_chain(prev: str, recorded: str,
                                               events: list[tuple[int, int, str, str, str | None, str | None,
                                                                  str | None, str]]) -> None:
    """The import's one-loop chain gives, event by event, what the JSON definition gives chained by hand."""
    want, h = [], prev
    for entry, seq, action, at, who, why, source, data in events:
        h = _reference(h, entry, seq, action, at, recorded, who, why, source, data)
        want.append(h)
    assert chain_hashes(prev, events, recorded) == want


def test_chain_hashes_a_value_that_is_not_text() -> None:
    # the data of an event that is not text (a number) is hashed as json.dumps writes it, not refused
    got = chain_hashes(GENESIS, [(1, 1, "add", "2025-01-10", "w", "", "", 12)], "r")  # type: ignore[list-item]
    assert got == [_reference(GENESIS, 1, 1, "add", "2025-01-10", "r", "w", "", "", 12)]  # type: ignore[arg-type]
