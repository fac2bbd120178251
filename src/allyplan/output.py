"""Tables the command line prints: as a terminal table that never cuts a number, identifier or date, or as CSV
or JSON for other programs. Every command that prints a table builds a :class:`TableData` and calls :func:`emit`.

>>> import io
>>> from rich.console import Console
>>> con = Console(width=40, record=True, color_system=None, file=io.StringIO())
>>> t = TableData("Coverage", [Column("need", "id"), Column("covered", "number"),
...                            Column("note", "text", optional=True)],
...               [["area-air-defence", "21", "FR keeps 4 SAMP/T at home"]])
>>> emit(t, "table", console=con)
>>> "area-air-defence" in con.export_text() and "…" not in con.export_text()
True
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = ["FORMATS", "Column", "Kind", "TableData", "emit", "rich_table"]

#: The values of every ``--format`` option that prints a table.
FORMATS = ("table", "csv", "json")

Kind = Literal["id", "number", "date", "text"]
_BORDER = 3  # a column's share of rich's box-drawing: the separator and one space either side


@dataclass(frozen=True)
class Column:
    """A column: its header, what it holds (ids, numbers and dates are never wrapped or cut; text wraps),
    whether it may be dropped on a narrow terminal, and its key in CSV and JSON (default: the header)."""

    header: str
    kind: Kind = "text"
    optional: bool = False
    key: str = ""
    style: str | None = None

    @property
    def name(self) -> str:
        return self.key or self.header


@dataclass
class TableData:
    """A table to print: title, columns, rows of display strings, and optionally the machine-readable values
    (``records``; default: the display strings) and where the rows left out of the terminal view are."""

    title: str
    columns: list[Column]
    rows: list[list[str]]
    records: list[dict[str, Any]] | None = None
    caption: str = ""
    limit: int | None = None
    more_in: str = ""
    markup: list[list[str]] = field(default_factory=list)

    def as_records(self) -> list[dict[str, Any]]:
        if self.records is not None:
            return self.records
        return [dict(zip((c.name for c in self.columns), r, strict=True)) for r in self.rows]


def _min_width(col: Column, cells: Sequence[str], header: bool = True) -> int:
    """The narrowest a column may be: its longest number, id or date (and its header, unless headers may wrap),
    or for text its longest word (at least 12 characters where it has them)."""
    longest = max((len(c) for c in cells), default=0)
    if col.kind == "text":
        words = max((len(w) for c in cells for w in c.split()), default=0)
        return max(min(longest, 12), words, min(len(col.header), 12))
    return max(longest, len(col.header) if header else min(len(col.header), 4), 1)


def rich_table(data: TableData, width: int) -> tuple[Table, list[str]]:
    """The terminal table for ``width`` columns, and the notes to print under it: optional columns are dropped
    (last first) until the rest fit without cutting a number, identifier or date; rows beyond ``limit`` are
    counted in a note."""
    from rich.table import Table

    rows = data.rows if data.limit is None else data.rows[: data.limit]
    keep = list(range(len(data.columns)))

    def need(idx: list[int], header: bool = True) -> int:
        return sum(_min_width(data.columns[i], [r[i] for r in rows], header) + _BORDER for i in idx) + 1

    for i in reversed(range(len(data.columns))):
        if need(keep) <= width:
            break
        if data.columns[i].optional:
            keep.remove(i)
    wrap_headers = need(keep) > width  # still too wide: headers of numbers, ids and dates wrap, their values never
    while len(keep) > 1 and need(keep, header=False) > width:  # the values alone are too wide: fewer columns
        keep.pop()
    t = Table(title=data.title or None, title_justify="left", caption_justify="left")
    for i in keep:
        c = data.columns[i]
        fixed = c.kind != "text"
        least = _min_width(c, [r[i] for r in rows], not wrap_headers) if fixed else None
        t.add_column(c.header, justify="right" if c.kind == "number" else "left", no_wrap=fixed and not wrap_headers,
                     min_width=least, width=least if wrap_headers else None, overflow="fold", style=c.style)
    for n, r in enumerate(rows):
        cells = data.markup[n] if n < len(data.markup) else r
        t.add_row(*(cells[i] for i in keep))
    notes = [data.caption] if data.caption else []
    if data.limit is not None and len(data.rows) > data.limit:
        notes.append(f"… and {len(data.rows) - data.limit:,} more" + (f" in {data.more_in}" if data.more_in else ""))
    dropped = [data.columns[i].header for i in range(len(data.columns)) if i not in keep]
    if dropped:
        notes.append(f"(not shown at this width: {', '.join(dropped)}; use --format csv for every column)")
    return t, notes


def emit(data: TableData, fmt: str = "table", *, console: Console | None = None) -> None:
    """Print ``data`` as a terminal table (``table``), CSV (``csv``, every row and column) or JSON (``json``, a list
    of objects)."""
    if fmt == "csv":
        buf = io.StringIO()
        recs = data.as_records()
        keys = ([c.name for c in data.columns] if data.records is None
                else list(dict.fromkeys(k for r in recs for k in r)))
        w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(recs)
        sys.stdout.write(buf.getvalue())
    elif fmt == "json":
        sys.stdout.write(json.dumps(data.as_records(), ensure_ascii=False, default=str, indent=1) + "\n")
    elif fmt == "table":
        from rich.console import Console

        con = console or Console()
        table, notes = rich_table(data, con.width)
        con.print(table)
        for note in notes:
            con.print(note, highlight=False, markup=False)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
