"""The scenario in the database: the same tables as a scenario folder, each row kept with every past version.

A change (an import, an edit, a deletion, an approved proposal) is one row of ``svc_scenario_changes`` with who,
when and why; the rows it writes point at it (``valid_from``) and the versions it replaces point at it too
(``valid_to``). Nothing is overwritten: the scenario as of any past change is one query. Every change is checked
with the same validation as ``allyplan check`` (:func:`allyplan.scenario.build_scenario`) before it is written,
in one transaction: all of it, or nothing.

>>> import tempfile, os
>>> from allyplan import example_path
>>> st = ScenarioStore(os.path.join(tempfile.mkdtemp(), "s.db"))
>>> change = st.import_path(example_path(), who="doc")
>>> rows = st.rows("stocks")
>>> r = next(r for r in rows if r.data["donor"] == "DE" and r.data["item"] == "patriot")
>>> _ = st.edit_row("stocks", r.rowid, {**r.data, "floor": "7"}, version=r.version, who="doc")
>>> st.row("stocks", r.rowid).data["floor"], st.row("stocks", r.rowid, as_of=change).data["floor"]
('7', '6')
>>> st.close()
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
from sqlalchemy import Connection, and_, func, insert, or_, select, update

from allyplan import service_tables as t
from allyplan.errors import AllyplanError, Problem, ScenarioError
from allyplan.ledger.db import make_engine, migrate, reading, resolve_url, writing
from allyplan.ledger.write import _now
from allyplan.scenario import Scenario, ScenarioConfig, build_scenario, read_raw, write_scenario
from allyplan.schema import TABLES

__all__ = ["ScenarioStore", "StoredRow", "Change", "EditConflict", "NoScenario", "MAX_UPLOAD_BYTES",
           "unpack_upload"]

CONFIG = "scenario"  # the table name under which scenario.yaml is kept (one row)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class EditConflict(AllyplanError):
    """Someone else changed the row since it was read; nothing was written."""


class NoScenario(AllyplanError):
    """The database holds no scenario yet."""


@dataclass(frozen=True)
class StoredRow:
    """One row of a scenario table: its stable id, the change that wrote this version, and its fields (strings)."""

    rowid: int
    version: int
    data: dict[str, str]


@dataclass(frozen=True)
class Change:
    id: int
    at: datetime
    who: str
    action: str
    why: str
    tbl: str | None
    state: str
    data: dict[str, str] | None


def _as_of(as_of: int | None) -> Any:
    r = t.scenario_rows.c
    if as_of is None:
        return r.valid_to.is_(None)
    return and_(r.valid_from <= as_of, or_(r.valid_to.is_(None), r.valid_to > as_of))


def _clean(table: str, data: Mapping[str, object]) -> dict[str, str]:
    """A row's fields as strings, in the table's column order; unknown fields are refused."""
    cols = TABLES[table].columns
    unknown = sorted(set(data) - set(cols))
    if unknown:
        raise ScenarioError([Problem(table, None, unknown[0], "unknown field",
                                     f"Fields of {table} are: {', '.join(cols)}")])
    return {c: "" if data.get(c) is None else str(data.get(c)).strip() for c in cols}


class ScenarioStore:
    """The scenario of one database (a URL or SQLite path, as for the ledger)."""

    def __init__(self, db: str | Path | None = None, *, engine: Any = None) -> None:
        if engine is None:
            engine = make_engine(resolve_url(db))
            migrate(engine)
            self._own = True
        else:
            self._own = False
        self.engine = engine

    def close(self) -> None:
        if self._own:
            self.engine.dispose()

    # -- reading -------------------------------------------------------------------------------------------------
    def latest_change(self) -> int | None:
        with reading(self.engine) as conn:
            return _latest(conn)

    def rows(self, table: str, as_of: int | None = None) -> list[StoredRow]:
        """The rows of a table (current, or as they were after change ``as_of``), in the order they were added."""
        if table not in TABLES:
            raise KeyError(table)
        with reading(self.engine) as conn:
            return _rows(conn, table, as_of)

    def row(self, table: str, rowid: int, as_of: int | None = None) -> StoredRow | None:
        r = t.scenario_rows.c
        with reading(self.engine) as conn:
            x = conn.execute(select(r.rowid, r.valid_from, r.data).where(
                r.tbl == table, r.rowid == rowid, _as_of(as_of))).first()
        return None if x is None else StoredRow(int(x.rowid), int(x.valid_from), json.loads(x.data))

    def history(self, table: str, rowid: int) -> list[tuple[Change, dict[str, str] | None]]:
        """Every version of a row, oldest first, with the change that wrote it (``None`` data: deleted)."""
        r, c = t.scenario_rows.c, t.scenario_changes.c
        with reading(self.engine) as conn:
            versions = conn.execute(select(r.valid_from, r.valid_to, r.data).where(r.tbl == table, r.rowid == rowid)
                                    .order_by(r.valid_from)).all()
            ids = {v.valid_from for v in versions} | {v.valid_to for v in versions if v.valid_to is not None}
            changes = {x.id: _change(x) for x in conn.execute(select(t.scenario_changes).where(c.id.in_(ids)))}
        out: list[tuple[Change, dict[str, str] | None]] = []
        for v in versions:
            out.append((changes[v.valid_from], json.loads(v.data)))
            if v.valid_to is not None and not any(x.valid_from == v.valid_to for x in versions):
                out.append((changes[v.valid_to], None))
        return out

    def changes(self, limit: int = 100, state: str | None = None) -> list[Change]:
        """The newest changes first (``state='proposed'``: proposals waiting for the coordinator)."""
        c = t.scenario_changes.c
        q = select(t.scenario_changes).order_by(c.id.desc()).limit(limit)
        if state is not None:
            q = q.where(c.state == state)
        with reading(self.engine) as conn:
            return [_change(x) for x in conn.execute(q)]

    def raw(self, as_of: int | None = None) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
        """The scenario as ``read_raw`` gives a folder: (config, string tables)."""
        with reading(self.engine) as conn:
            return _raw(conn, as_of)

    def scenario(self, as_of: int | None = None) -> Scenario:
        """The validated scenario (current, or as of a past change)."""
        config, raw = self.raw(as_of)
        return build_scenario(config, raw, origin="database" if as_of is None else f"database as of change {as_of}")

    # -- writing -------------------------------------------------------------------------------------------------
    def import_path(self, path: str | Path, *, who: str, why: str = "") -> int:
        """Replace the whole scenario with a folder or workbook, after it passes every check; returns the change."""
        config, raw, labels = read_raw(path)
        build_scenario(config, raw, labels, origin=str(path))  # raises ScenarioError listing every problem
        with writing(self.engine) as conn:
            change = _new_change(conn, who, "import", why or f"imported {Path(path).name}", None)
            r = t.scenario_rows.c
            conn.execute(update(t.scenario_rows).where(r.valid_to.is_(None)).values(valid_to=change))
            next_id = int(conn.execute(select(func.coalesce(func.max(r.rowid), 0))).scalar_one()) + 1
            rows: list[dict[str, Any]] = [{"tbl": CONFIG, "rowid": 0, "data": json.dumps(config, default=str),
                                           "valid_from": change, "valid_to": None}]
            for name in TABLES:
                df = raw.get(name, pd.DataFrame(columns=TABLES[name].columns))
                for rec in df.to_dict("records"):
                    rows.append({"tbl": name, "rowid": next_id, "valid_from": change, "valid_to": None,
                                 "data": json.dumps(_clean(name, {k: v for k, v in rec.items()
                                                                  if k in TABLES[name].columns}))})
                    next_id += 1
            conn.execute(insert(t.scenario_rows), rows)
            return change

    def export(self, path: str | Path, as_of: int | None = None) -> Path:
        """Write the scenario as a folder, or as a workbook when ``path`` ends in ``.xlsx``."""
        config, raw = self.raw(as_of)
        cfg = ScenarioConfig.model_validate(config)
        p = Path(path)
        if p.suffix.lower() == ".xlsx":
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(workbook_bytes(config, raw))
            return p
        if (p / "scenario.yaml").exists():
            raise AllyplanError(f"{p} already holds a scenario; export to an empty or new folder")
        return write_scenario(p, cfg, raw)

    def add_row(self, table: str, data: Mapping[str, object], *, who: str, why: str = "") -> StoredRow:
        """Add a row (checked with the whole scenario); returns it with its new id."""
        row = _clean(table, data)
        with writing(self.engine) as conn:
            _check(conn, table, None, row)
            change = _new_change(conn, who, "add", why, table)
            r = t.scenario_rows.c
            rowid = int(conn.execute(select(func.coalesce(func.max(r.rowid), 0))).scalar_one()) + 1
            conn.execute(insert(t.scenario_rows).values(tbl=table, rowid=rowid, data=json.dumps(row),
                                                        valid_from=change, valid_to=None))
            return StoredRow(rowid, change, row)

    def edit_row(self, table: str, rowid: int, data: Mapping[str, object], *, version: int, who: str,
                 why: str = "") -> StoredRow:
        """Replace a row's fields. ``version`` is the version that was read: if someone changed the row since,
        :class:`EditConflict` says who and when, and nothing is written."""
        row = _clean(table, data)
        with writing(self.engine) as conn:
            _current(conn, table, rowid, version)
            _check(conn, table, rowid, row)
            change = _new_change(conn, who, "edit", why, table)
            _close(conn, table, rowid, change)
            conn.execute(insert(t.scenario_rows).values(tbl=table, rowid=rowid, data=json.dumps(row),
                                                        valid_from=change, valid_to=None))
            return StoredRow(rowid, change, row)

    def delete_row(self, table: str, rowid: int, *, version: int, who: str, why: str = "") -> int:
        """Delete a row (its past versions stay); returns the change."""
        with writing(self.engine) as conn:
            _current(conn, table, rowid, version)
            _check(conn, table, rowid, None)
            change = _new_change(conn, who, "delete", why, table)
            _close(conn, table, rowid, change)
            return change

    def propose_row(self, table: str, data: Mapping[str, object], *, who: str, why: str) -> int:
        """Propose a new row for the coordinator to approve (e.g. a policy read from an announcement)."""
        row = _clean(table, data)
        with writing(self.engine) as conn:
            return _new_change(conn, who, "propose", why, table, state="proposed", data=row)

    def decide(self, change: int, *, approve: bool, who: str, why: str = "") -> StoredRow | None:
        """Approve (the row is added, checked as any other) or reject a proposed row."""
        c = t.scenario_changes.c
        with writing(self.engine) as conn:
            p = conn.execute(select(t.scenario_changes).where(c.id == change)).first()
            if p is None or p.state != "proposed":
                raise AllyplanError(f"change {change} is not a proposal waiting for a decision; "
                                    "list them with state=proposed")
            conn.execute(update(t.scenario_changes).where(c.id == change).values(
                state="approved" if approve else "rejected"))
        if not approve:
            with writing(self.engine) as conn:
                _new_change(conn, who, "reject", why or f"rejected proposal {change}", p.tbl)
            return None
        try:
            return self.add_row(str(p.tbl), json.loads(p.data), who=who, why=why or f"approved proposal {change}")
        except Exception:
            with writing(self.engine) as conn:  # the proposal stays open when its row does not pass the checks
                conn.execute(update(t.scenario_changes).where(c.id == change).values(state="proposed"))
            raise


def workbook_bytes(config: Mapping[str, Any], raw: Mapping[str, pd.DataFrame]) -> bytes:
    """The scenario as an ``.xlsx`` workbook that ``allyplan check`` reads back (a ``scenario`` sheet of fields)."""
    fields: list[tuple[str, str]] = []
    for k, v in config.items():
        if k == "weights" and isinstance(v, Mapping):
            fields += [(f"weights.{wk}", str(wv)) for wk, wv in v.items()]
        elif k == "red_lines":
            fields.append((k, ";".join(v or [])))
        else:
            fields.append((k, str(v)))
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        pd.DataFrame(fields, columns=["field", "value"]).to_excel(xw, sheet_name=CONFIG, index=False)
        for name, tab in TABLES.items():
            raw.get(name, pd.DataFrame(columns=tab.columns)).to_excel(xw, sheet_name=name, index=False)
    return buf.getvalue()


def unpack_upload(name: str, content: bytes, into: Path) -> Path:
    """An uploaded scenario (a ``.zip`` of a folder, or an ``.xlsx`` workbook) written under ``into``; returns the
    path :func:`allyplan.scenario.read_raw` reads. Refuses oversized files and zip members outside the folder."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise AllyplanError(f"{name} is {len(content) / 1e6:.1f} MB; the largest upload accepted is "
                            f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB. Remove unused sheets or rows and try again")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".xlsx":
        if not content.startswith(b"PK"):
            raise AllyplanError(f"{name} is not an .xlsx workbook (it is not a zip file). Save it from a "
                                "spreadsheet program as .xlsx")
        p = into / "upload.xlsx"
        p.write_bytes(content)
        return p
    if suffix != ".zip":
        raise AllyplanError(f"{name}: upload a .zip of a scenario folder or an .xlsx workbook")
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
        members = zf.infolist()
    except zipfile.BadZipFile:
        raise AllyplanError(f"{name} is not a valid zip file; zip the scenario folder again") from None
    total = sum(m.file_size for m in members)
    if total > MAX_UPLOAD_BYTES * 5:
        raise AllyplanError(f"{name} unpacks to {total / 1e6:.0f} MB; the limit is "
                            f"{MAX_UPLOAD_BYTES * 5 / 1e6:.0f} MB")
    folder = into / "scenario"
    folder.mkdir()
    for m in members:
        member = PurePosixPath(m.filename.replace("\\", "/"))
        if member.is_absolute() or ".." in member.parts or (member.parts and ":" in member.parts[0]):
            raise AllyplanError(f"{name}: member {m.filename!r} points outside the scenario folder; "
                                "zip only the folder's own files")
    names = [PurePosixPath(m.filename) for m in members if not m.is_dir()]
    roots = {n.parent for n in names if n.name == "scenario.yaml"}
    if len(roots) != 1:
        raise AllyplanError(f"{name} must hold exactly one scenario.yaml (found {len(roots)}); zip one scenario "
                            "folder")
    root = roots.pop()
    for m in members:
        n = PurePosixPath(m.filename.replace("\\", "/"))
        if m.is_dir() or n.parent != root or n.suffix.lower() not in (".csv", ".yaml"):
            continue
        (folder / n.name).write_bytes(zf.read(m))
    return folder


def import_upload(store: ScenarioStore, name: str, content: bytes, *, who: str) -> int:
    """Import an uploaded scenario (zip or workbook): all of it after every check, or nothing."""
    with tempfile.TemporaryDirectory(prefix="allyplan-upload-") as tmp:
        path = unpack_upload(name, content, Path(tmp))
        try:
            return store.import_path(path, who=who, why=f"imported {name}")
        except ScenarioError as e:  # name the uploaded file, not the temporary folder
            raise ScenarioError([Problem(p.file.replace(str(path), name), p.row, p.field, p.message, p.fix)
                                 for p in e.problems]) from None


# -- helpers run inside a transaction ------------------------------------------------------------------------------
def _change(x: Any) -> Change:
    return Change(int(x.id), x.at, x.who, x.action, x.why, x.tbl, x.state,
                  json.loads(x.data) if x.data else None)


def _latest(conn: Connection) -> int | None:
    c = t.scenario_changes.c
    v = conn.execute(select(func.max(c.id)).where(c.state == "applied")).scalar_one()
    return None if v is None else int(v)


def _rows(conn: Connection, table: str, as_of: int | None) -> list[StoredRow]:
    r = t.scenario_rows.c
    res = conn.execute(select(r.rowid, r.valid_from, r.data).where(r.tbl == table, _as_of(as_of))
                       .order_by(r.rowid))
    return [StoredRow(int(x.rowid), int(x.valid_from), json.loads(x.data)) for x in res]


def _raw(conn: Connection, as_of: int | None) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    cfg = _rows(conn, CONFIG, as_of)
    if not cfg:
        raise NoScenario("the database holds no scenario yet: import one with `allyplan scenario import DIR` or "
                         "on the Scenario page" if as_of is None else f"there was no scenario as of change {as_of}")
    raw = {name: pd.DataFrame([x.data for x in _rows(conn, name, as_of)], columns=tab.columns, dtype=str)
           for name, tab in TABLES.items()}
    return cfg[0].data, raw


def _new_change(conn: Connection, who: str, action: str, why: str, tbl: str | None, *, state: str = "applied",
                data: Mapping[str, str] | None = None) -> int:
    res = conn.execute(insert(t.scenario_changes).values(at=_now(), who=who, action=action, why=why, tbl=tbl,
                                                         state=state, data=json.dumps(data) if data else None)
                       .returning(t.scenario_changes.c.id))
    return int(res.scalar_one())


def _current(conn: Connection, table: str, rowid: int, version: int) -> None:
    r, c = t.scenario_rows.c, t.scenario_changes.c
    cur = conn.execute(select(r.valid_from).where(r.tbl == table, r.rowid == rowid, r.valid_to.is_(None))).first()
    if cur is None:
        raise KeyError(rowid)
    if int(cur.valid_from) != int(version):
        ch = conn.execute(select(c.who, c.at).where(c.id == cur.valid_from)).first()
        who, at = (ch.who, f"{ch.at:%Y-%m-%d %H:%M:%S}") if ch else ("someone", "meanwhile")
        raise EditConflict(f"{table} row {rowid} was changed by {who} at {at} UTC after you opened it; nothing was "
                           "written. Reload the row, then make your change again")


def _close(conn: Connection, table: str, rowid: int, change: int) -> None:
    r = t.scenario_rows.c
    conn.execute(update(t.scenario_rows).where(r.tbl == table, r.rowid == rowid, r.valid_to.is_(None))
                 .values(valid_to=change))


def _check(conn: Connection, table: str, rowid: int | None, row: dict[str, str] | None) -> None:
    """Validate the whole scenario with the change applied; problems name the table and the row's id."""
    config, raw = _raw(conn, None)
    rows = _rows(conn, table, None)
    ids = [x.rowid for x in rows]
    data = [x.data for x in rows]
    if rowid is not None:
        if rowid not in ids:
            raise KeyError(rowid)
        i = ids.index(rowid)
        if row is None:
            del ids[i], data[i]
        else:
            data[i] = row
    elif row is not None:
        ids.append(-1)
        data.append(row)
    raw[table] = pd.DataFrame(data, columns=TABLES[table].columns, dtype=str)
    try:
        build_scenario(config, raw, {n: n for n in TABLES}, origin="database")
    except ScenarioError as e:
        def where(p: Problem) -> Problem:
            if p.file == table and p.row is not None and 2 <= p.row < len(ids) + 2:
                rid = ids[p.row - 2]
                return Problem(table, p.row, p.field, p.message + (" (the new row)" if rid == -1 else
                                                                     f" (row id {rid})"), p.fix)
            return p
        raise ScenarioError([where(p) for p in e.problems]) from None
