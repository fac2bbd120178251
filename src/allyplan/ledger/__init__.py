"""The ledger: pledges and deliveries with sources, full history, valuation and burden sharing.

Every change is an event (who, when, why, source) appended through one write path; the current state and the
state as of any past date are derived from the events. See :class:`Ledger`.
"""

from __future__ import annotations

from allyplan.ledger.checks import LedgerInputError
from allyplan.ledger.db import LedgerBusy, LedgerError, LedgerMissing, default_path, resolve_url
from allyplan.ledger.imports import ImportResult
from allyplan.ledger.queries import COUNTED_STATUSES, REPORT_BY
from allyplan.ledger.state import EntryState, Event, replay, timeline
from allyplan.ledger.store import Ledger
from allyplan.ledger.write import Batch, Change, WriteResult

__all__ = [
    "Batch",
    "COUNTED_STATUSES",
    "Change",
    "EntryState",
    "Event",
    "ImportResult",
    "Ledger",
    "LedgerBusy",
    "LedgerError",
    "LedgerInputError",
    "LedgerMissing",
    "REPORT_BY",
    "WriteResult",
    "default_path",
    "replay",
    "resolve_url",
    "timeline",
]
