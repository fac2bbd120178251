"""An entry's state is the fold of its events: :func:`step` applies one event, :func:`replay` all of them.

Events are folded in the order of the date they happened (``at``), then of their sequence number, so a delivery
recorded today but dated last month lands where it belongs in the entry's history. :func:`timeline` gives the
state after each such date: the ``states`` table is exactly this, for every entry.

>>> from datetime import date
>>> e1 = Event(1, 1, "add", date(2025, 1, 10), data={"donor": "DE", "item": "iris-t-slm", "quantity": 4.0,
...                                                   "announced": "2025-01-10"})
>>> e2 = Event(1, 2, "deliver", date(2025, 3, 1), data={"quantity": 4.0})
>>> s = replay([e1, e2])
>>> s.status, s.delivered
('delivered', 4.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from allyplan.ledger.money import to_decimal
from allyplan.schema import LEDGER

__all__ = ["Event", "EntryState", "TransitionError", "ACTIONS", "ENTRY_FIELDS", "DEFAULTS", "step", "replay",
           "timeline", "state_from_add"]

ACTIONS = ("add", "update", "deliver", "cancel", "merge", "absorb")

#: Fields an ``add`` or ``update`` event may set.
ENTRY_FIELDS = ("donor", "recipient", "item", "category", "description", "quantity", "value", "currency", "status",
                "announced", "expected", "delivered", "delivered_value", "sources", "key", "duplicate_of", "measure",
                "absent_from", "corrects")


class TransitionError(ValueError):
    """An event that cannot apply to the entry's state at its date (the message says why and what to do)."""


@dataclass(frozen=True)
class Event:
    """One change to one entry: who did what, when, why, on what source."""

    entry: int
    seq: int
    action: str
    at: date
    recorded: datetime | None = None
    who: str = ""
    why: str = ""
    source: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EntryState:
    """A pledge as the ledger holds it at some date. Dates are ISO strings (``YYYY-MM-DD``)."""

    entry: int
    seq: int
    donor: str
    recipient: str
    item: str | None
    category: str | None
    description: str | None
    quantity: float | None
    #: money: an exact Decimal with two places (events written as floats are read through their shortest repr)
    value: Decimal | None
    currency: str
    status: str
    announced: str
    expected: str | None
    delivered: float
    delivered_value: Decimal | None
    sources: str | None
    key: str | None
    duplicate_of: int | None
    merged_into: int | None
    #: a tracker's measure (allocation or commitment) for entries imported from one; None otherwise
    measure: str | None = None
    #: the release of a tracker that no longer lists this entry (cleared when a later release lists it again)
    absent_from: str | None = None
    #: the entry a tracker's correction (a negative row on the same activity) corrects; None for other entries
    corrects: int | None = None

    @property
    def counted(self) -> bool:
        """Whether reports and plans count this entry (not merged away, not an unresolved likely duplicate)."""
        return self.merged_into is None and self.duplicate_of is None

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "counted": self.counted}  # flat fields: no need for asdict's deep copy


#: What an ``add`` leaves unset takes the default declared in :data:`allyplan.schema.LEDGER` (empty text: None).
DEFAULTS: dict[str, Any] = {
    **{f.name: (f.default if f.default not in ("", None) else None) for f in LEDGER.fields}, "duplicate_of": None,
    "measure": None, "absent_from": None, "corrects": None}
_EPS = 1e-9


def _joined(a: str | None, b: object) -> str | None:
    """Two ``;``-separated source lists as one, without repeats."""
    merged = [x for x in (a or "").split(";") + str(b or "").split(";") if x]
    return ";".join(dict.fromkeys(merged)) or None


def _fully_delivered(s: EntryState) -> bool:
    if s.quantity is not None:
        return s.delivered >= s.quantity - _EPS and s.quantity > 0
    return s.value is not None and s.delivered_value is not None and s.delivered_value >= s.value


def _settle_status(s: EntryState, explicit_delivered: bool) -> EntryState:
    if s.status == "delivered" and not explicit_delivered and s.quantity is not None and s.delivered < s.quantity:
        s = replace(s, delivered=s.quantity)
    return s


_MONEY = ("value", "delivered_value")


def _lower_category(values: dict[str, Any]) -> dict[str, Any]:
    """Categories are compared in lower case ("Military" and "military" are one), in events written before too;
    money is an exact Decimal (rounded to cents once, half to even, from the text the event keeps)."""
    if isinstance(values.get("category"), str):
        values["category"] = values["category"].strip().lower()
    for f in _MONEY:
        if f in values:
            values[f] = _money(values[f])
    return values


def _money(v: Any) -> Decimal | None:
    try:
        return to_decimal(v)
    except ValueError:
        raise TransitionError(f"{v!r} is not a finite amount of money") from None


def state_from_add(entry: int, seq: int, data: Mapping[str, Any]) -> EntryState:
    """The state an ``add`` event creates."""
    values = _lower_category({**DEFAULTS, **{k: v for k, v in data.items() if k in ENTRY_FIELDS}})
    s = EntryState(entry=entry, seq=seq, merged_into=None, **values)
    return _settle_status(s, "delivered" in data)


def step(state: EntryState | None, ev: Event, first_at: date | None = None) -> EntryState:
    """The state after ``ev``. Raises :class:`TransitionError` when ``ev`` cannot apply."""
    if ev.action == "add":
        if state is not None:
            raise TransitionError(f"entry {ev.entry} already exists")
        return state_from_add(ev.entry, ev.seq, ev.data)
    if state is None:
        raise TransitionError(f"entry {ev.entry} does not exist: add it first")
    if first_at is not None and ev.at < first_at:
        raise TransitionError(f"the change is dated {ev.at.isoformat()}, before entry {ev.entry} was recorded "
                              f"({first_at.isoformat()}); give a date on or after it")
    if state.merged_into is not None and ev.action != "update":
        raise TransitionError(f"entry {ev.entry} was merged into {state.merged_into}: record changes on "
                              f"{state.merged_into} instead")
    s = replace(state, seq=ev.seq)
    if ev.action == "update":
        changes = _lower_category({k: v for k, v in ev.data.items() if k in ENTRY_FIELDS})
        s = _settle_status(replace(s, **changes), "delivered" in changes)
        if ev.data.get("add_sources"):  # a revision's source joins the entry's sources
            s = replace(s, sources=_joined(s.sources, ev.data["add_sources"]))
        if s.status != "cancelled" and s.status != "delivered" and _fully_delivered(s):
            s = replace(s, status="delivered")
        return s
    if ev.action == "deliver":
        if s.status == "cancelled":
            raise TransitionError(f"entry {ev.entry} is cancelled: revise its status before recording a delivery")
        qty = float(ev.data.get("quantity") or 0.0)
        val = _money(ev.data.get("value"))
        s = replace(s, delivered=s.delivered + qty,
                    delivered_value=(s.delivered_value or Decimal(0)) + val if val is not None else s.delivered_value)
        if s.quantity is not None and s.delivered > s.quantity + _EPS:
            raise TransitionError(
                f"delivery above the pledged quantity: entry {ev.entry} pledges {s.quantity:g}, and this delivery "
                f"brings what was delivered to {s.delivered:g}. Revise the quantity first "
                f"(allyplan ledger update {ev.entry} --quantity {s.delivered:g})")
        return replace(s, status="delivered" if _fully_delivered(s) else
                       ("committed" if s.status == "considering" else s.status))
    if ev.action == "cancel":
        if s.status == "cancelled":
            raise TransitionError(f"entry {ev.entry} is already cancelled")
        if s.status == "delivered":
            raise TransitionError(f"entry {ev.entry} was delivered in full and cannot be cancelled; revise its "
                                  "quantity if the record is wrong")
        return replace(s, status="cancelled")
    if ev.action == "merge":
        into = int(ev.data["into"])
        if into == ev.entry:
            raise TransitionError(f"entry {ev.entry} cannot be merged into itself")
        return replace(s, merged_into=into, duplicate_of=None)
    if ev.action == "absorb":
        return replace(s, sources=_joined(s.sources, ev.data.get("sources")))
    raise TransitionError(f"unknown action {ev.action!r}; expected one of {', '.join(ACTIONS)}")


def _order(events: Iterable[Event]) -> list[Event]:
    evs = sorted(events, key=lambda e: (e.action != "add", e.at, e.seq))
    return evs


def replay(events: Iterable[Event]) -> EntryState:
    """The current state of one entry from its events (in any order)."""
    state: EntryState | None = None
    evs = _order(events)
    for ev in evs:
        state = step(state, ev, evs[0].at)
    if state is None:
        raise TransitionError("no events to replay")
    return state


def timeline(events: Iterable[Event]) -> list[tuple[date, date | None, EntryState]]:
    """``(valid_from, valid_to, state)`` for one entry: its state at the end of each date something happened."""
    out: list[tuple[date, date | None, EntryState]] = []
    state: EntryState | None = None
    evs = _order(events)
    for ev in evs:
        state = step(state, ev, evs[0].at)
        if out and out[-1][0] == ev.at:
            out[-1] = (ev.at, None, state)
        else:
            if out:
                out[-1] = (out[-1][0], ev.at, out[-1][2])
            out.append((ev.at, None, state))
    return out
