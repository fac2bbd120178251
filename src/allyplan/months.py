"""Months written YYYY-MM, and their offsets from a scenario's start month.

>>> month_number("2026-12") - month_number("2026-01")
11
>>> month_label(month_number("2026-12") + 2)
'2027-02'
"""

from __future__ import annotations

import re

__all__ = ["month_number", "month_label", "MONTH_RE"]

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_number(text: str) -> int:
    """Months since year 0 of a ``YYYY-MM`` string; raises ``ValueError`` naming the expected form."""
    m = MONTH_RE.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a month; write it as YYYY-MM, e.g. 2026-12")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def month_label(number: int) -> str:
    """The ``YYYY-MM`` string of a month number."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"
