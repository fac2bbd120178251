"""Scenarios: load a folder of CSV files (or one .xlsx workbook), validate it against :mod:`allyplan.schema`, and
hold the typed tables the planner reads.

Every problem in a scenario is collected before anything is raised, so a user fixes them all in one pass.

>>> from allyplan import example_path
>>> s = load_scenario(example_path())
>>> s.config.recipient, s.horizon
('UA', 24)
"""

from __future__ import annotations

import csv
import difflib
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from allyplan.errors import AllyplanError, Problem, ScenarioError
from allyplan.months import month_label, month_number
from allyplan.schema import CONFIG_FIELDS, ITEM_KINDS, TABLES
from allyplan.schema import Field as SchemaField

__all__ = [
    "Weights",
    "ScenarioConfig",
    "Scenario",
    "load_scenario",
    "build_scenario",
    "read_raw",
    "write_scenario",
    "write_template",
]


def _default(name: str) -> Any:
    return next(f.default for f in CONFIG_FIELDS if f.name == name)


class Weights(BaseModel):
    """Objective weights, in order of precedence (see ``schema.CONFIG_FIELDS`` for units)."""

    model_config = ConfigDict(extra="forbid")
    unmet: float = Field(default=_default("weights.unmet"), ge=0)
    late: float = Field(default=_default("weights.late"), ge=0)
    new_platform: float = Field(default=_default("weights.new_platform"), ge=0)
    fairness: float = Field(default=_default("weights.fairness"), ge=0)
    drawdown: float = Field(default=_default("weights.drawdown"), ge=0)


class ScenarioConfig(BaseModel):
    """The contents of ``scenario.yaml``."""

    model_config = ConfigDict(extra="forbid")
    name: str
    start: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    horizon_months: int = Field(ge=1, le=240)
    recipient: str
    currency: str = "EUR"
    red_lines: list[str] = Field(default_factory=list)
    weights: Weights = Field(default_factory=Weights)


@dataclass
class Scenario:
    """A validated scenario. Months in the tables are offsets from ``config.start`` (0 is the first month).

    ``accepts`` is the long form of ``needs.accepts``: one row per (need, item, factor).
    """

    config: ScenarioConfig
    parties: pd.DataFrame
    items: pd.DataFrame
    stocks: pd.DataFrame
    production: pd.DataFrame
    funds: pd.DataFrame
    needs: pd.DataFrame
    accepts: pd.DataFrame
    policies: pd.DataFrame
    holdings: pd.DataFrame
    pledges: pd.DataFrame
    origin: str = ""

    @property
    def horizon(self) -> int:
        return self.config.horizon_months

    @property
    def start(self) -> int:
        return month_number(self.config.start)

    def label(self, offset: int) -> str:
        """``YYYY-MM`` of a month offset."""
        return month_label(self.start + int(offset))

    def labels(self, offsets: Any) -> list[str]:
        """``YYYY-MM`` of each month offset (each distinct month is formatted once)."""
        a = np.asarray(offsets).ravel()
        try:
            distinct, where = np.unique(a, return_inverse=True)
        except TypeError:  # values numpy cannot order: one at a time
            return [month_label(self.start + int(o)) for o in a]
        names = np.array([month_label(self.start + int(o)) for o in distinct], dtype=object)
        out: list[str] = names[where].tolist()
        return out

    @property
    def donors(self) -> pd.DataFrame:
        return self.parties[self.parties["code"] != self.config.recipient]


# ---------------------------------------------------------------------------------------------------------------
# Reading


def read_raw(path: str | Path) -> tuple[dict[str, Any], dict[str, pd.DataFrame], dict[str, str]]:
    """Read a scenario folder or workbook as strings: (config, tables, file label of each table).

    Raises :class:`ScenarioError` when a file is missing or cannot be read.
    """
    p = Path(path)
    if not p.exists():
        raise ScenarioError([Problem(str(p), None, None, "no such file or folder",
                                     "Give a scenario folder (see `allyplan init`) or an .xlsx workbook")])
    if p.is_dir():
        return _read_folder(p)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(p)
    raise ScenarioError([Problem(str(p), None, None, "is neither a scenario folder nor an .xlsx workbook",
                                 "Give a folder with scenario.yaml and the CSV tables, or an .xlsx workbook")])


def _read_folder(p: Path) -> tuple[dict[str, Any], dict[str, pd.DataFrame], dict[str, str]]:
    problems: list[Problem] = []
    cfg_path = p / "scenario.yaml"
    config: dict[str, Any] = {}
    if not cfg_path.exists():
        problems.append(Problem(str(cfg_path), None, None, "missing",
                                "Every scenario folder needs scenario.yaml; `allyplan init DIR` writes one"))
    elif (unreadable := _unreadable(cfg_path, "a YAML file: `allyplan init DIR` writes one")) is not None:
        problems.append(unreadable)
    else:
        try:
            loaded = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
            if not isinstance(loaded, dict):
                raise yaml.YAMLError("expected a mapping of keys to values")
            config = loaded
        except yaml.YAMLError as e:
            problems.append(Problem(str(cfg_path), None, None, f"is not valid YAML ({e})",
                                    "Compare it with the file `allyplan init` writes"))
    tables: dict[str, pd.DataFrame] = {}
    labels: dict[str, str] = {}
    for t in TABLES.values():
        f = p / t.filename
        labels[t.name] = str(f)
        if not f.exists():
            if t.required:
                problems.append(Problem(str(f), None, None, "missing",
                                        f"Create it with the header: {','.join(t.columns)}"))
            tables[t.name] = pd.DataFrame(columns=t.columns)
            continue
        unreadable = _unreadable(f, f"a CSV file with the header: {','.join(t.columns)}")
        if unreadable is not None:
            problems.append(unreadable)
            tables[t.name] = pd.DataFrame(columns=t.columns)
            continue
        try:
            sep = sniff_delimiter(f)
            df = pd.read_csv(f, dtype=str, keep_default_na=False, skipinitialspace=True, encoding="utf-8-sig",
                             sep=sep)
            # a comma that does not separate fields is a decimal mark: in ;- and tab-separated files, as
            # spreadsheets in French, German and other locales save them
            tables[t.name] = _decimal_commas(df, t) if sep in (";", "\t") else df
        except pd.errors.ParserError as e:
            problems.append(_csv_problem(f, str(e), t.columns))
            tables[t.name] = pd.DataFrame(columns=t.columns)
    if problems:
        raise ScenarioError(problems)
    labels["scenario"] = str(cfg_path)
    return config, tables, labels


def _unreadable(f: Path, what: str) -> Problem | None:
    """Why ``f`` cannot be read as the text file ``what`` describes (a folder, an empty file, not UTF-8, not
    readable), or ``None`` when it can. Names the row (line) of the first byte that is not UTF-8."""
    if f.is_dir():
        return Problem(str(f), None, None, "is a folder, not a file", f"Replace it with {what}")
    try:
        data = f.read_bytes()
    except OSError as e:
        return Problem(str(f), None, None, f"cannot be read ({e.strerror or e})",
                       "Check that the file exists and that you may read it")
    if not data.removeprefix(b"\xef\xbb\xbf").strip():  # nothing but a byte-order mark and blanks
        return Problem(str(f), None, None, "is empty", f"Write {what}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return Problem(str(f), line, None, f"is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be read)",
                       "Save it with the encoding UTF-8 (in Excel: Save As, CSV UTF-8; in LibreOffice: character "
                       "set Unicode (UTF-8))")
    return None


_FIELDS_SEEN = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")


def _csv_problem(f: Path, error: str, columns: list[str]) -> Problem:
    """A CSV parser's error in words: the row with too many fields, or the row where a quote is never closed."""
    header = ",".join(columns)
    if m := _FIELDS_SEEN.search(error):
        expected, line, seen = (int(x) for x in m.groups())
        return Problem(str(f), line, None, f"has {seen} fields where the header has {expected}",
                       "Remove the extra commas, or put a value that holds a comma in double quotes")
    if m := _OPEN_QUOTE.search(error):
        return Problem(str(f), int(m.group(1)) + 1, None, "opens a double quote that is never closed",
                       "Close the quote, or remove it")
    return Problem(str(f), None, None, f"cannot be read as CSV ({error.strip()})",
                   f"Save it as UTF-8 CSV with the header: {header}")


def sniff_delimiter(path: Path) -> str:
    """The field separator of a CSV file: ``,``, or ``;`` and tab as spreadsheets in French, German and other
    locales save them (read from the header line).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = f.write_text("donor;item;quantity\\nDE;patriot;2,5\\n")
    >>> sniff_delimiter(f)
    ';'
    """
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        header = fh.readline()
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


_DECIMAL_COMMA = re.compile(r"^-?[\d.\u00a0\u202f ]*\d,\d+$|^-?\d{1,3}(?:[.\u00a0\u202f ]\d{3})+$")


def _decimal_commas(df: pd.DataFrame, table: Any) -> pd.DataFrame:
    """Numbers written the continental way (``1.500,5``, ``2,5``) in a semicolon- or tab-separated file, as plain
    numbers."""
    df = df.copy()
    for f in table.fields:
        if f.type in ("float", "int") and f.name in df.columns:
            s = df[f.name].astype(str).str.strip()
            hit = s.str.match(_DECIMAL_COMMA)
            fixed = s[hit].str.replace(r"[.\u00a0\u202f ]", "", regex=True).str.replace(",", ".", regex=False)
            df.loc[hit, f.name] = fixed
    return df


def _read_workbook(p: Path) -> tuple[dict[str, Any], dict[str, pd.DataFrame], dict[str, str]]:
    try:
        sheets = pd.read_excel(p, sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as e:  # openpyxl raises many types for a malformed file
        raise ScenarioError([Problem(str(p), None, None, f"cannot be read as an .xlsx workbook ({e})",
                                     "Save it from a spreadsheet program as .xlsx, one sheet per table")]) from e
    problems: list[Problem] = []
    config: dict[str, Any] = {}
    cfg = sheets.get("scenario")
    if cfg is None or not {"field", "value"} <= set(cfg.columns):
        problems.append(Problem(f"{p}[scenario]", None, None, "missing sheet 'scenario' with columns field,value",
                                "Add a sheet named scenario with one row per scenario.yaml field "
                                "(weights as weights.unmet, red_lines separated by ;)"))
    else:
        for key, value in zip(cfg["field"], cfg["value"], strict=True):
            key, value = str(key).strip(), str(value).strip()
            if not key:
                continue
            if key == "red_lines":
                config[key] = [v.strip() for v in value.split(";") if v.strip()]
            elif key.startswith("weights."):
                config.setdefault("weights", {})[key.split(".", 1)[1]] = value
            else:
                config[key] = value
    tables: dict[str, pd.DataFrame] = {}
    labels: dict[str, str] = {"scenario": f"{p}[scenario]"}
    for t in TABLES.values():
        labels[t.name] = f"{p}[{t.name}]"
        if t.name in sheets:
            tables[t.name] = sheets[t.name].astype(str)
        else:
            if t.required:
                problems.append(Problem(f"{p}[{t.name}]", None, None, "missing sheet",
                                        f"Add a sheet named {t.name} with the columns: {','.join(t.columns)}"))
            tables[t.name] = pd.DataFrame(columns=t.columns)
    if problems:
        raise ScenarioError(problems)
    return config, tables, labels


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario folder or ``.xlsx`` workbook; raises :class:`ScenarioError` listing
    every problem."""
    config, tables, labels = read_raw(path)
    return build_scenario(config, tables, labels, origin=str(path))


# ---------------------------------------------------------------------------------------------------------------
# Validation


class _Checker:
    def __init__(self, labels: dict[str, str], start: int | None):
        self.problems: list[Problem] = []
        self.labels = labels
        self.start = start

    def add(self, table: str, row: int | None, fld: str | None, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.labels.get(table, table), row, fld, message, fix))

    def bad_rows(self, table: str, df: pd.DataFrame, mask: Any, fld: str, message: str, fix: str) -> None:
        """Report each row where ``mask`` holds (row numbers as in the file: header is row 1)."""
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):
            value = df[fld].iloc[i] if fld in df.columns else ""
            self.add(table, int(i) + 2, fld, message.format(value=value), fix)

    def _bad(self, table: str, rows: list[int], values: list[str], fld: str, message: str, fix: str) -> None:
        """Report the rows (0-based positions) of one column, each naming its value."""
        for i in rows:
            self.add(table, i + 2, fld, message.format(value=values[i]), fix)

    def parse_column(self, table: str, f: SchemaField, raw: pd.Series) -> pd.Series:
        """One column's text as its schema type (numbers as float, booleans, month offsets, text), reporting each
        bad cell. Plain Python over the cells: a scenario's tables are small, and pandas' per-call cost made this
        most of loading the example."""
        missing = raw.isna().to_numpy().tolist()
        text = ["" if m else str(v).strip() for v, m in zip(raw.tolist(), missing, strict=True)]
        empty = [v == "" or v.lower() in ("nan", "none") for v in text]
        if f.required:
            self._bad(table, [i for i, e in enumerate(empty) if e], text, f.name, "is empty",
                      f"Give a value: {f.description}" + (f" (e.g. {f.example})" if f.example else ""))
        if f.type in ("float", "int"):
            filled = [i for i, e in enumerate(empty) if not e]
            parsed = pd.to_numeric(np.array([text[i] for i in filled], dtype=object), errors="coerce")
            nums = np.full(len(text), np.nan)
            nums[filled] = np.asarray(parsed, dtype=float)
            bad = [i for i in filled if math.isnan(nums[i])]
            self._bad(table, bad, text, f.name, "'{value}' is not a number",
                      f"Write a plain number{' in ' + f.unit if f.unit else ''}, e.g. {f.example or 0}")
            endless = [i for i in filled if math.isinf(nums[i])]
            self._bad(table, endless, text, f.name, "'{value}' is not a finite number",
                      f"Write a plain number{' in ' + f.unit if f.unit else ''}, e.g. {f.example or 0}")
            nums[endless] = np.nan
            if f.type == "int":
                self._bad(table, [i for i in filled if math.isfinite(nums[i]) and nums[i] % 1 != 0], text, f.name,
                          "'{value}' is not a whole number", "Write a whole number")
            if f.minimum is not None:
                minimum = f.minimum
                self._bad(table, [i for i in filled if nums[i] < minimum], text, f.name,
                          f"'{{value}}' is below the minimum {minimum:g}", f"Give a value of at least {minimum:g}")
            if f.default is not None:
                nums[np.isnan(nums)] = float(f.default)  # type: ignore[arg-type]
            return pd.Series(nums, index=raw.index)
        if f.type == "bool":
            low = [v.lower() for v in text]
            truthy = [v in ("true", "yes", "1", "y") for v in low]
            falsy = ("false", "no", "0", "n")
            bad = [i for i, v in enumerate(low) if not empty[i] and not truthy[i] and v not in falsy]
            self._bad(table, bad, text, f.name, "'{value}' is not true or false", "Write true or false")
            return pd.Series(truthy, index=raw.index, dtype=bool)
        if f.type == "month":
            out = np.full(len(text), np.nan)
            for i, v in enumerate(text):
                if empty[i]:
                    continue
                try:
                    out[i] = month_number(v) - (self.start or 0)
                except ValueError:
                    self.add(table, i + 2, f.name, f"'{v}' is not a month", "Write months as YYYY-MM, e.g. 2026-12")
            return pd.Series(out, index=raw.index)
        if f.type == "choice":
            choices = set(f.choices)
            self._bad(table, [i for i, v in enumerate(text) if not empty[i] and v not in choices], text, f.name,
                      "'{value}' is not one of the choices", f"Use one of: {', '.join(f.choices)}")
        default = "" if f.default is None else str(f.default)
        return pd.Series([default if e else v for v, e in zip(text, empty, strict=True)], index=raw.index,
                         dtype=str)


def build_scenario(config: dict[str, Any], raw: dict[str, pd.DataFrame], labels: dict[str, str] | None = None,
                   origin: str = "") -> Scenario:
    """Validate raw string tables (as read from files) into a :class:`Scenario`."""
    labels = dict(labels or {})
    labels.setdefault("scenario", "scenario.yaml")
    chk = _Checker(labels, None)
    cfg: ScenarioConfig | None = None
    try:
        cfg = ScenarioConfig.model_validate(config)
        chk.start = month_number(cfg.start)
    except ValidationError as e:
        for err in e.errors():
            loc = ".".join(str(x) for x in err["loc"])
            known = ", ".join(f.name for f in CONFIG_FIELDS)
            if err["type"] == "string_pattern_mismatch" and loc == "start":
                chk.add("scenario", None, loc, f"'{err['input']}' is not a month",
                        "Write months as YYYY-MM, e.g. 2026-12")
            elif err["type"] == "extra_forbidden":
                close = difflib.get_close_matches(loc, [f.name for f in CONFIG_FIELDS], n=1)
                chk.add("scenario", None, loc, "unknown field" + (f"; did you mean '{close[0]}'?" if close else ""),
                        f"Fields of scenario.yaml: {known}")
            else:
                chk.add("scenario", None, loc, err["msg"].lower(),
                        f"Fields of scenario.yaml: {known}; months as YYYY-MM")
    tables: dict[str, pd.DataFrame] = {}
    bad_header: set[str] = set()
    for t in TABLES.values():
        df = raw.get(t.name, pd.DataFrame(columns=t.columns))
        df = df.rename(columns=lambda c: str(c).strip())
        header_problems = _check_header(chk, t, list(df.columns))
        cols: dict[str, pd.Series] = {}
        for f in t.fields:
            if f.name in df.columns:
                cols[f.name] = chk.parse_column(t.name, f, df[f.name].reset_index(drop=True))
            else:  # already reported if required; parse as empty so later checks see the right type
                empty = pd.Series([""] * len(df), dtype=str)
                cols[f.name] = chk.parse_column(t.name, replace(f, required=False), empty)
        tables[t.name] = pd.DataFrame(cols, index=pd.RangeIndex(len(df)))  # at once: column by column was slower
        if header_problems:
            bad_header.add(labels.get(t.name, t.name))
    if cfg is None:
        raise ScenarioError(chk.problems)
    _check_references(chk, cfg, tables)
    accepts = _parse_accepts(chk, tables)
    # a table with a wrong header gets no row-level problems: they would only repeat what the header explains
    problems = [p for p in chk.problems if p.file not in bad_header or p.row == 1]
    if problems:
        raise ScenarioError(problems)
    return _finish(cfg, tables, accepts, origin)


def _check_header(chk: _Checker, t: Any, columns: list[str]) -> bool:
    """Report missing and unknown columns, pairing a misspelt column with the one it was meant to be."""
    missing = [f.name for f in t.fields if f.required and f.name not in columns]
    unknown = [c for c in columns if c not in t.columns]
    absent = [c for c in t.columns if c not in columns]
    for c in unknown:
        close = difflib.get_close_matches(c, absent, n=1, cutoff=0.6)
        if close:
            chk.add(t.name, 1, c, f"unknown column; did you mean '{close[0]}'?", f"Rename it to {close[0]}")
            absent.remove(close[0])
            if close[0] in missing:
                missing.remove(close[0])
        else:
            chk.add(t.name, 1, c, "unknown column",
                    f"Columns of {t.filename} are: {','.join(t.columns)}; remove or rename it")
    if missing:
        chk.add(t.name, 1, ", ".join(missing), "missing column" + ("s" if len(missing) > 1 else ""),
                f"The header must name: {','.join(t.columns)}")
    return bool(missing or unknown)


def _duplicates(chk: _Checker, name: str, df: pd.DataFrame) -> None:
    key = list(TABLES[name].key)
    if not key or df.empty:
        return
    dup = df.duplicated(subset=key, keep="first")
    chk.bad_rows(name, df, dup, key[-1], f"duplicate {'/'.join(key)} '{{value}}'",
                 "Each must appear once; merge the rows")


def _check_references(chk: _Checker, cfg: ScenarioConfig, t: dict[str, pd.DataFrame]) -> None:
    for name, df in t.items():
        _duplicates(chk, name, df)
    parties = set(t["parties"]["code"])
    items = set(t["items"]["id"])
    if cfg.recipient not in parties:
        chk.add("scenario", None, "recipient", f"'{cfg.recipient}' is not in parties.csv",
                "Add the recipient to parties.csv or correct the code")

    def refs(name: str, fld: str, known: set[str], what: str, fix: str) -> None:
        df = t[name]
        bad = ~df[fld].isin(known) & df[fld].ne("")
        chk.bad_rows(name, df, bad, fld, f"unknown {what} '{{value}}'", fix)

    party_fix = "Add it to parties.csv or use a code listed there"
    item_fix = "Add it to items.csv or use an id listed there (`allyplan ledger catalog` lists the shipped catalog)"
    for name, fld in (("stocks", "donor"), ("funds", "donor"), ("policies", "party"), ("pledges", "donor")):
        refs(name, fld, parties, "party", party_fix)
    for name, fld in (("stocks", "item"), ("production", "item"), ("holdings", "item"), ("pledges", "item"),
                      ("items", "requires")):
        refs(name, fld, items, "item", item_fix)
    it = t["items"]
    chk.bad_rows("items", it, it["requires"].eq(it["id"]), "requires", "'{value}' requires itself",
                 "Leave requires empty or name the platform it needs")
    st = t["stocks"]
    chk.bad_rows("stocks", st, st["floor"] > st["quantity"], "floor", "floor {value} is above the quantity held",
                 "A floor is the part of the stock kept at home: make it at most the quantity")
    chk.bad_rows("stocks", st, st["donor"].eq(cfg.recipient), "donor", "'{value}' is the recipient",
                 "The recipient's own items go in holdings.csv")
    pr = t["production"]
    chk.bad_rows("production", pr, pr["to"] < pr["from"], "to", "ends ({value}) before it starts",
                 "Make 'to' the same as or after 'from'")
    fu = t["funds"]
    lines = set(pr["line"])
    for i, v in enumerate(fu["lines"]):
        for ln in (x.strip() for x in v.split(";") if x.strip()):
            if ln not in lines:
                chk.add("funds", i + 2, "lines", f"unknown production line '{ln}'",
                        "Use line ids from production.csv, separated by ;")
    nd = t["needs"]
    hold, flow = nd["kind"].eq("hold"), nd["kind"].eq("flow")
    chk.bad_rows("needs", nd, hold & nd["quantity"].isna(), "quantity", "a hold need has no quantity",
                 "Give the units to hold in service")
    chk.bad_rows("needs", nd, flow & nd["per_month"].isna(), "per_month", "a flow need has no per_month",
                 "Give the units consumed each month")
    chk.bad_rows("needs", nd, flow & (nd["to"] < nd["from"]), "to", "ends ({value}) before it starts",
                 "Make 'to' the same as or after 'from'")
    po = t["policies"]
    needs_value = po["rule"].isin(["forbid-tag", "forbid-category", "forbid-item", "max-release-share"])
    chk.bad_rows("policies", po, needs_value & po["value"].eq(""), "value", "rule has no value",
                 "forbid-tag/-category/-item name what is forbidden; max-release-share gives a share in 0..1")
    share = pd.to_numeric(po["value"].where(po["rule"].eq("max-release-share")), errors="coerce")
    bad_share = po["rule"].eq("max-release-share") & ~share.between(0, 1)
    chk.bad_rows("policies", po, bad_share & po["value"].ne(""), "value", "'{value}' is not a share in 0..1",
                 "Write a number between 0 and 1, e.g. 0.25")
    chk.bad_rows("policies", po, po["rule"].eq("forbid-item") & ~po["value"].isin(items), "value",
                 "unknown item '{value}'", item_fix)
    tags = {x.strip() for v in it["tags"] for x in v.split(";") if x.strip()} | set(it["category"])
    for r in cfg.red_lines:
        if r not in tags and r not in items:
            chk.add("scenario", None, "red_lines", f"'{r}' is neither an item tag, a category nor an item id",
                    f"Known tags and categories: {', '.join(sorted(tags)) or 'none'}")


def _parse_accepts(chk: _Checker, t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    items = set(t["items"]["id"])
    rows: list[tuple[str, str, float]] = []
    for i, (nid, spec) in enumerate(zip(t["needs"]["id"], t["needs"]["accepts"], strict=True)):
        parts = [x.strip() for x in str(spec).split(";") if x.strip()]
        if not parts:
            chk.add("needs", i + 2, "accepts", "the need accepts nothing",
                    "List the items that satisfy it as item:factor;item:factor, e.g. patriot:1;samp-t:1")
            continue
        for part in parts:
            item, _, factor = part.partition(":")
            item = item.strip()
            try:
                f = float(factor) if factor.strip() else 1.0
                if not math.isfinite(f) or f <= 0:
                    raise ValueError
            except ValueError:
                chk.add("needs", i + 2, "accepts", f"'{part}' has no positive factor",
                        "Write item:factor with a factor above 0, e.g. nasams:0.5")
                continue
            if item not in items:
                chk.add("needs", i + 2, "accepts", f"unknown item '{item}'",
                        "Add it to items.csv or use an id listed there")
                continue
            rows.append((nid, item, f))
    acc = pd.DataFrame(rows, columns=["need", "item", "factor"])
    dup = acc.duplicated(["need", "item"])
    for need, item in acc.loc[dup, ["need", "item"]].itertuples(index=False):
        chk.add("needs", None, "accepts", f"need '{need}' lists item '{item}' twice", "List each item once")
    return acc.drop_duplicates(["need", "item"]).reset_index(drop=True)


def _finish(cfg: ScenarioConfig, t: dict[str, pd.DataFrame], accepts: pd.DataFrame, origin: str) -> Scenario:
    last = cfg.horizon_months - 1
    items = t["items"].copy()
    kinds = [ITEM_KINDS[k] for k in items["kind"]]
    required = set(items["requires"]) - {""}
    # numpy booleans, also for an empty catalog (an empty Series of kinds is text, and `|` of text fails)
    platform = np.array([k["platform"] for k in kinds], dtype=bool) | items["id"].isin(required).to_numpy(bool)
    items["platform"] = platform
    items["integral"] = np.array([k["integral"] for k in kinds], dtype=bool) | platform
    stocks = t["stocks"].copy()
    stocks["available_from"] = stocks["available_from"].fillna(0).clip(lower=0).astype(int)
    stocks["lead_months"] = stocks["lead_months"].astype(int)
    prod = t["production"].copy()
    prod["from"] = prod["from"].fillna(0).clip(lower=0).astype(int)
    prod["to"] = prod["to"].fillna(last).clip(upper=last).astype(int)
    prod["lead_months"] = prod["lead_months"].astype(int)
    funds = t["funds"].copy()
    funds["from"] = funds["from"].fillna(0).clip(lower=0).astype(int)
    funds["to"] = funds["to"].fillna(last).clip(upper=last).astype(int)
    needs = t["needs"].copy()
    flow = needs["kind"].eq("flow")
    needs["from"] = needs["from"].fillna(0).clip(lower=0).astype(int)
    needs["due"] = needs["due"].fillna(last).clip(lower=0, upper=last).astype(int)
    needs["to"] = needs["to"].fillna(last).clip(upper=last).astype(int)
    needs.loc[~flow, "per_month"] = 0.0
    needs.loc[flow, "quantity"] = needs.loc[flow, "per_month"] * (needs["to"] - needs["from"] + 1).clip(lower=0)
    pledges = t["pledges"].copy()
    pledges["month"] = pledges["month"].fillna(0).astype(int)
    return Scenario(config=cfg, parties=t["parties"], items=items, stocks=stocks, production=prod, funds=funds,
                    needs=needs, accepts=accepts, policies=t["policies"], holdings=t["holdings"], pledges=pledges,
                    origin=origin)


# ---------------------------------------------------------------------------------------------------------------
# Writing


_YAML_TEMPLATE = """\
# allyplan scenario. Months are written YYYY-MM everywhere.
name: {name}
# First month of the plan, and how many months to plan.
start: "{start}"
horizon_months: {horizon}
# The recipient's party code (it must be in parties.csv).
recipient: {recipient}
currency: EUR
# Item tags, categories or item ids that no donor may send (e.g. long-range-strike).
red_lines: {red_lines}
# Objective weights, in order of precedence (unmet and late need first, ..., stock drawn down last).
weights:
  unmet: {w.unmet:g}          # per whole need left unmet at the end, times the need's priority
  late: {w.late:g}            # per month a whole need is short after it is due, times priority
  new_platform: {w.new_platform:g}      # per platform type the recipient does not yet operate
  fairness: {w.fairness:g}        # per EUR bn a donor's share departs from its GDP share
  drawdown: {w.drawdown:g}       # per EUR bn drawn from donor stocks
"""


def config_yaml(cfg: ScenarioConfig) -> str:
    """``scenario.yaml`` text for a config, with a comment on every field."""
    red = "[" + ", ".join(cfg.red_lines) + "]"
    return _YAML_TEMPLATE.format(name=cfg.name, start=cfg.start, horizon=cfg.horizon_months,
                                 recipient=cfg.recipient, red_lines=red, w=cfg.weights)


def write_template(directory: str | Path, *, start: str = "2027-01", recipient: str = "UA") -> Path:
    """Write an empty scenario: every table with its header, and a commented ``scenario.yaml``.

    Refuses to overwrite a folder that already holds a scenario.
    """
    d = Path(directory)
    if (d / "scenario.yaml").exists():
        raise AllyplanError(f"{d} already holds a scenario; choose an empty or new folder")
    if d.exists() and not d.is_dir():
        raise AllyplanError(f"{d} is a file; give the name of a folder to create")
    try:
        month_number(start)
    except ValueError:
        raise AllyplanError(f"start month {start!r} is not a month: write it as YYYY-MM, e.g. 2027-01") from None
    d.mkdir(parents=True, exist_ok=True)
    cfg = ScenarioConfig(name=d.name or "scenario", start=start, horizon_months=24, recipient=recipient)
    for t in TABLES.values():
        (d / t.filename).write_text(",".join(t.columns) + "\n", encoding="utf-8")
    (d / "scenario.yaml").write_text(config_yaml(cfg), encoding="utf-8")
    return d


def write_scenario(directory: str | Path, config: ScenarioConfig, raw: dict[str, pd.DataFrame]) -> Path:
    """Write raw (string-valued, months as YYYY-MM) tables and a config as a scenario folder."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    (d / "scenario.yaml").write_text(config_yaml(config), encoding="utf-8")
    for t in TABLES.values():
        df = raw.get(t.name, pd.DataFrame(columns=t.columns))
        df.reindex(columns=[c for c in t.columns if c in df.columns or TABLES[t.name].field(c).required]).to_csv(
            d / t.filename, index=False)
    return d
