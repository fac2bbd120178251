"""Column headers as people read them, shared by the HTML report, the ask sheets and ``plan.xlsx``."""

from __future__ import annotations

import pandas as pd

__all__ = ["COLUMN_LABELS", "readable_columns"]

COLUMN_LABELS = {
    "need": "Need", "description": "Description", "kind": "Kind", "priority": "Priority",
    "required": "Required", "covered": "Covered", "short": "Short", "covered_pct": "Covered %",
    "short_months": "Months short", "met_by": "Met by", "main_reason": "Main limit", "main_limit": "What limits it",
    "in_words": "In plain words", "reason": "Limit", "limit": "What limits it", "relief": "What would close it",
    "months": "Months", "first": "First month", "max_short": "Largest shortfall", "donor": "Donor",
    "value_eur": "Value (EUR)", "share": "Share of value", "gdp_share": "Share of GDP", "pct_gdp": "% of GDP",
    "item": "Item id", "item_name": "Item", "quantity": "Quantity", "ship_month": "Ship", "in_service": "In service",
    "arrive_month": "In service", "source": "From", "fund": "Fund", "paid_by": "Paid by", "why": "Why this source",
    "origin": "Origin", "month": "Month", "held": "Held", "share_pct": "Share of value %",
    "gdp_share_pct": "Share of GDP %",
}


def readable_columns(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its columns renamed by :data:`COLUMN_LABELS` (others kept as they are)."""
    return df.rename(columns=COLUMN_LABELS)
