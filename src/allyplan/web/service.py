"""What a page or an API call does, once, with the access checks of :mod:`allyplan.access` applied: the pages render
these answers as HTML and the API returns them as JSON.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

import pandas as pd
from sqlalchemy import Engine, and_, func, select

from allyplan import access
from allyplan.access import Principal
from allyplan.errors import AllyplanError, ScenarioError
from allyplan.jobs import Job, JobNotFound, JobQueue
from allyplan.ledger import models as lm
from allyplan.ledger.checks import LedgerInputError
from allyplan.ledger.db import LedgerError, reading
from allyplan.ledger.queries import ledger_marks
from allyplan.ledger.store import Ledger
from allyplan.scenario_store import EditConflict, NoScenario, ScenarioStore, import_upload, workbook_bytes
from allyplan.schema import TABLES
from allyplan.web.errors import ApiError

__all__ = ["Service", "Marks", "ResponseCache", "PLAN_VIEWS", "forbidden", "not_found"]

PAGE_SIZE = 50
#: Plan tables and who sees them (besides the coordinator, who sees all).
PLAN_VIEWS: dict[str, str] = {"coverage": "see_coverage", "shortfalls": "see_shortfalls", "deliveries": "see_all_plans",
                              "baseline": "see_all_plans", "burden": "see_all_plans", "needs": "see_coverage"}


#: What a shortfall's limit is, told without any party's figures (for all but the coordinator).
_GENERIC_LIMIT = {"floor": "a donor's readiness floor (figures confidential)",
                  "capacity": "production capacity (figures confidential)", "funds": "the funds available",
                  "lead time": "delivery lead times", "policy": "a donor's policy", "platform": "a missing platform"}


def forbidden(what: str) -> ApiError:
    return ApiError(403, "forbidden", f"your account may not {what}; ask a coordinator if you need to")


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} does not exist or is not visible to your account; check the id")


def _problems(e: ScenarioError | LedgerInputError) -> ApiError:
    n = len(e.problems)
    return ApiError(422, "invalid_input", f"{n} problem{'s' if n != 1 else ''} found; nothing was written. Fix each "
                    "one listed in details and try again", [p.to_dict() for p in e.problems])


def translate(e: Exception) -> ApiError:
    """allyplan's own errors as API errors (the message is the library's, which says what to do)."""
    if isinstance(e, ApiError):
        return e
    if isinstance(e, (ScenarioError, LedgerInputError)):
        return _problems(e)
    if isinstance(e, EditConflict):
        return ApiError(409, "conflict", str(e))
    if isinstance(e, (NoScenario, JobNotFound)):
        return ApiError(404, "not_found", str(e))
    if isinstance(e, LedgerError) and "busy" in str(e):
        return ApiError(503, "busy", str(e), headers={"Retry-After": "2"})
    if isinstance(e, AllyplanError):
        return ApiError(400, "refused", str(e))
    raise e


class Marks(NamedTuple):
    """What the hot views (dashboard, ledger pages) depend on, read in one query: an answer made for the same marks
    (and the same account) is the same answer, so it can be served again without being made again."""

    events: int | None  # the newest ledger event: every change to an entry is one
    # the reference the ledger values entries by (importing it revalues them without an event): how many parties
    # and catalog items and the sums of their GDPs and unit values (a revised figure changes a sum), the last day
    # of the US dollar's rates and how many rates there are
    parties: int
    parties_gdp: float | None
    items: int
    items_value: float | None
    rates: Any
    rates_count: int
    pending: int  # ingested proposals waiting for review
    proposed: int  # proposed scenario rows waiting for a coordinator
    change: int | None  # the newest scenario change
    done: int | None  # the newest finished plan
    published: int | None  # the newest finished and published plan


def mark_columns() -> list[Any]:
    """:class:`Marks` as scalar subqueries, to be selected along with the user of a request (one round trip)."""
    from allyplan import service_tables as st

    j, sc = st.jobs.c, st.scenario_changes.c
    done = and_(j.state == "done", j.kind == "plan")
    return [*ledger_marks(),
            select(func.count()).select_from(lm.proposals).where(lm.proposals.c.review == "pending")
            .scalar_subquery().label("m_pending"),
            select(func.count()).select_from(st.scenario_changes).where(sc.state == "proposed")
            .scalar_subquery().label("m_proposed"),
            select(func.max(sc.id)).scalar_subquery().label("m_change"),
            select(func.max(j.id)).where(done).scalar_subquery().label("m_done"),
            select(func.max(j.id)).where(done, j.published.is_not(None)).scalar_subquery().label("m_published")]


class ResponseCache:
    """Encoded answers by key (the key holds the account and the :class:`Marks` they were made from), the
    ``size`` most recently used kept, each with an entity tag (a hash of the answer, for ``If-None-Match``).
    Thread-safe; two requests missing at once both make the answer."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._d: OrderedDict[Hashable, bytes] = OrderedDict()
        self._tags: dict[Hashable, bytes] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def peek(self, key: Hashable) -> bytes | None:
        """The answer kept for ``key``, or None (counted as a hit only when found)."""
        with self._lock:
            hit = self._d.get(key)
            if hit is not None:
                self._d.move_to_end(key)
                self.hits += 1
            return hit

    def peek_tagged(self, key: Hashable) -> tuple[bytes, bytes] | None:
        """The answer kept for ``key`` and its entity tag, or None."""
        hit = self.peek(key)
        if hit is None:
            return None
        tag = self._tags.get(key)
        return None if tag is None else (hit, tag)

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The answer kept for ``key``, or the one ``make`` makes (then kept)."""
        return self.get_tagged(key, make)[0]

    def get_tagged(self, key: Hashable, make: Callable[[], bytes]) -> tuple[bytes, bytes]:
        """:meth:`get` with the answer's entity tag."""
        hit = self.peek_tagged(key)
        if hit is not None:
            return hit
        with self._lock:
            self.misses += 1
        value = make()
        tag = b'"' + hashlib.blake2b(value, digest_size=12).hexdigest().encode() + b'"'
        with self._lock:
            self._d[key] = value
            self._tags[key] = tag
            while len(self._d) > self.size:
                self._tags.pop(self._d.popitem(last=False)[0], None)
        return value, tag


@dataclass
class Service:
    """The service's operations over one database."""

    engine: Engine
    ledger: Ledger
    store: ScenarioStore
    jobs: JobQueue
    _cache: dict[str, Any] = field(default_factory=dict)
    responses: ResponseCache = field(default_factory=ResponseCache)

    def marks(self) -> Marks:
        """The :class:`Marks` now (one query; a request reads them with its user instead, see ``mark_columns``)."""
        with reading(self.engine) as conn:
            return Marks(*conn.execute(select(*mark_columns())).one())

    def _ledger_figures(self, mark: tuple[Any, ...]) -> dict[str, list[dict[str, Any]]]:
        """Pledged against delivered and burden by donor from the ledger, computed again only when ``mark`` (the
        newest event and the reference figures) has changed."""
        hit = self._cache.get("ledger")
        if hit is not None and hit[0] == mark:
            return dict(hit[1])
        rep = self.ledger.report("donor")
        gdp = self.ledger.reference().gdp()
        rep = rep[rep["donor"] != "total"]
        tot_gdp = float(sum(gdp.get(d, 0.0) for d in rep["donor"])) or 1.0
        tot_val = float(rep["pledged_eur"].sum()) or 1.0
        figures = {
            "pledged_delivered": [{"donor": r.donor, "pledged_eur": float(r.pledged_eur),
                                   "delivered_eur": float(r.delivered_eur)} for r in rep.head(30).itertuples()],
            "burden": [{"donor": r.donor, "share_of_value": float(r.pledged_eur) / tot_val,
                        "share_of_gdp": float(gdp.get(r.donor, 0.0)) / tot_gdp} for r in rep.head(30).itertuples()]}
        self._cache["ledger"] = (mark, figures)
        return dict(figures)

    def _coverage(self, job: int) -> dict[str, Any]:
        """A finished plan's coverage matrix (a finished plan never changes)."""
        from allyplan.report.stats import coverage_matrix

        key = f"coverage-{job}"
        if key not in self._cache:
            cm = coverage_matrix(self.jobs.plan(job))
            self._cache[key] = {"needs": list(cm.index), "months": list(cm.columns),
                                "pct": [[None if pd.isna(v) else round(float(v), 1) for v in row]
                                        for row in cm.to_numpy()]}
        return dict(self._cache[key])

    # -- scenario tables -----------------------------------------------------------------------------------------
    def _table(self, p: Principal, name: str) -> str:
        if name not in TABLES or access.table_view(p, name) == "none":
            raise not_found(f"scenario table {name!r}")
        return name

    def table(self, p: Principal, name: str) -> dict[str, Any]:
        """A scenario table as ``p`` sees it: rows it may see (with whether it may edit each) and coalition totals."""
        self._table(p, name)
        try:
            rows = self.store.rows(name)
        except NoScenario:
            rows = []
        seen = access.visible_rows(p, name, [r.data for r in rows])
        ids = {id(x) for x in seen}
        out = [{"rowid": r.rowid, "version": r.version, "data": r.data,
                "editable": access.can_edit_row(p, name, r.data)} for r in rows if id(r.data) in ids]
        totals = access.coalition_totals(p, name, [r.data for r in rows])
        return {"table": name, "description": TABLES[name].description, "view": access.table_view(p, name),
                "columns": TABLES[name].columns, "rows": out, "can_add": access.can_edit_table(p, name),
                "totals": _records(totals), "totals_min_parties": access.MIN_PARTIES}

    def _row(self, p: Principal, name: str, rowid: int) -> Any:
        self._table(p, name)
        r = self.store.row(name, rowid)
        if r is None or not access.visible_rows(p, name, [r.data]):
            raise not_found(f"{name} row {rowid}")
        return r

    def add_row(self, p: Principal, name: str, data: dict[str, str], why: str = "") -> dict[str, Any]:
        self._table(p, name)
        if not access.can_edit_table(p, name) or not access.can_edit_row(p, name, data):
            raise forbidden(f"add this row to {name}" + (f" (your party is {p.party})" if p.party else ""))
        try:
            r = self.store.add_row(name, data, who=p.name, why=why)
        except (ScenarioError, NoScenario, AllyplanError) as e:
            raise translate(e) from None
        return {"rowid": r.rowid, "version": r.version, "data": r.data}

    def edit_row(self, p: Principal, name: str, rowid: int, data: dict[str, str], version: int,
                 why: str = "") -> dict[str, Any]:
        old = self._row(p, name, rowid)
        if not access.can_edit_row(p, name, old.data) or not access.can_edit_row(p, name, data):
            raise forbidden(f"change this {name} row" + (f" (your party is {p.party})" if p.party else ""))
        try:
            r = self.store.edit_row(name, rowid, data, version=version, who=p.name, why=why)
        except (ScenarioError, AllyplanError) as e:
            raise translate(e) from None
        return {"rowid": r.rowid, "version": r.version, "data": r.data}

    def delete_row(self, p: Principal, name: str, rowid: int, version: int, why: str = "") -> dict[str, Any]:
        old = self._row(p, name, rowid)
        if not access.can_edit_row(p, name, old.data):
            raise forbidden(f"delete this {name} row")
        try:
            change = self.store.delete_row(name, rowid, version=version, who=p.name, why=why)
        except (ScenarioError, AllyplanError) as e:
            raise translate(e) from None
        return {"rowid": rowid, "deleted_by_change": change}

    def row_history(self, p: Principal, name: str, rowid: int) -> list[dict[str, Any]]:
        self._row(p, name, rowid)
        return [{"change": c.id, "at": c.at.isoformat(timespec="seconds") + "Z", "who": c.who, "action": c.action,
                 "why": c.why, "data": d} for c, d in self.store.history(name, rowid)]

    def changes(self, p: Principal, state: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        if not access.can(p, "scenario_history"):
            raise forbidden("see the scenario's change record")
        return [{"id": c.id, "at": c.at.isoformat(timespec="seconds") + "Z", "who": c.who, "action": c.action,
                 "why": c.why, "table": c.tbl, "state": c.state, "data": c.data}
                for c in self.store.changes(limit, state)]

    def decide(self, p: Principal, change: int, approve: bool, why: str = "") -> dict[str, Any]:
        if not access.can(p, "decide_scenario_proposals"):
            raise forbidden("approve or reject proposed scenario rows")
        try:
            r = self.store.decide(change, approve=approve, who=p.name, why=why)
        except (ScenarioError, AllyplanError) as e:
            raise translate(e) from None
        return {"change": change, "approved": approve, "rowid": r.rowid if r else None}

    def import_scenario(self, p: Principal, filename: str, content: bytes) -> dict[str, Any]:
        if not access.can(p, "import_scenario"):
            raise forbidden("import a scenario")
        try:
            change = import_upload(self.store, filename, content, who=p.name)
        except (ScenarioError, AllyplanError) as e:
            err = translate(e)
            if "largest upload" in err.message:
                err.status, err.code = 413, "payload_too_large"
            raise err from None
        return {"change": change, "counts": {n: len(self.store.rows(n)) for n in TABLES}}

    def export_scenario(self, p: Principal) -> bytes:
        if not access.can(p, "export_scenario"):
            raise forbidden("export the whole scenario")
        try:
            config, raw = self.store.raw()
        except NoScenario as e:
            raise translate(e) from None
        return workbook_bytes(config, raw)

    # -- ledger --------------------------------------------------------------------------------------------------
    def ledger_page(self, p: Principal, *, donor: str | None = None, item: str | None = None,
                    status: str | None = None, page: int = 1) -> dict[str, Any]:
        """Current ledger entries (public pledges), filtered and paged, newest first."""
        if not access.can(p, "see_ledger"):
            raise forbidden("read the ledger")
        s = lm.states.c
        conds: list[Any] = [s.valid_to.is_(None)]
        if donor:
            conds.append(s.donor == donor.upper())
        if item:
            conds.append(s.item == item)
        if status:
            conds.append(s.status == status)
        cols = ["entry", "donor", "recipient", "item", "category", "quantity", "value_eur", "status", "announced",
                "expected", "delivered", "delivered_value_eur", "counted"]
        # one row more than a page says whether there is a next page; no count of a million entries per request
        q = (select(*(getattr(s, c) for c in cols)).where(*conds).order_by(s.entry.desc())
             .limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE))
        with reading(self.engine) as conn:
            rows = [dict(zip(cols, r, strict=True)) for r in conn.execute(q)]
        more = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        for r in rows:
            for k in ("announced", "expected"):
                r[k] = r[k].isoformat() if isinstance(r[k], date) else r[k]
        return {"entries": rows, "page": page, "page_size": PAGE_SIZE, "more": more,
                "filters": {"donor": donor, "item": item, "status": status}}

    def ledger_entry(self, p: Principal, entry: int) -> dict[str, Any]:
        if not access.can(p, "see_ledger"):
            raise forbidden("read the ledger")
        try:
            st = self.ledger.entry(entry)
            hist = self.ledger.history(entry)
        except (LedgerInputError, AllyplanError, KeyError):
            raise not_found(f"ledger entry {entry}") from None
        return {"entry": _jsonable(asdict(st)), "history": [_jsonable(asdict(e)) for e in hist]}

    def ledger_report(self, p: Principal, by: str = "donor") -> list[dict[str, Any]]:
        if not access.can(p, "see_ledger"):
            raise forbidden("read the ledger")
        return _records(self.ledger.report(by))

    # -- review queue --------------------------------------------------------------------------------------------
    def proposals(self, p: Principal, review: str = "pending") -> list[dict[str, Any]]:
        if not access.can(p, "review"):
            raise forbidden("review ingested proposals")
        return _records(self.ledger.proposals((review,)))

    def proposal(self, p: Principal, pid: int) -> dict[str, Any]:
        if not access.can(p, "review"):
            raise forbidden("review ingested proposals")
        try:
            out = _jsonable(self.ledger.proposal(pid))
        except (LedgerInputError, AllyplanError):
            raise not_found(f"proposal {pid}") from None
        out["similar_entries"] = _records(self.ledger.entries_like(pid).head(10)) if out.get("kind") == "pledge" \
            else []
        return out

    def accept(self, p: Principal, pid: int, edits: dict[str, str]) -> dict[str, Any]:
        """Accept a proposal. A pledge becomes a ledger entry; a policy statement becomes a proposed scenario policy
        for the coordinator to approve (never applied silently)."""
        prop = self.proposal(p, pid)
        try:
            entry = self.ledger.accept(pid, who=p.name, **edits)
        except (LedgerInputError, AllyplanError) as e:
            raise translate(e) from None
        out: dict[str, Any] = {"proposal": pid, "entry": entry, "scenario_proposal": None}
        if prop.get("kind") == "policy":
            after = self.ledger.proposal(pid)
            rule = _policy_rule(str(after.get("stance") or ""))
            if rule is not None:
                out["scenario_proposal"] = self.store.propose_row(
                    "policies", {"party": after.get("donor") or "", "rule": rule[0], "value": rule[1],
                                 "source": f"ingested proposal {pid}: {str(after.get('evidence') or '')[:200]}"},
                    who=p.name, why=f"policy statement accepted from proposal {pid}")
        return out

    def reject(self, p: Principal, pid: int, why: str) -> dict[str, Any]:
        self.proposal(p, pid)
        try:
            self.ledger.reject(pid, why=why, who=p.name)
        except (LedgerInputError, AllyplanError) as e:
            raise translate(e) from None
        return {"proposal": pid, "review": "rejected"}

    def merge(self, p: Principal, pid: int, entry: int, why: str = "") -> dict[str, Any]:
        self.proposal(p, pid)
        try:
            st = self.ledger.merge_proposal(pid, entry, who=p.name, why=why)
        except (LedgerInputError, AllyplanError) as e:
            raise translate(e) from None
        return {"proposal": pid, "review": "merged", "entry": getattr(st, "entry", entry)}

    # -- plans ---------------------------------------------------------------------------------------------------
    def _job(self, p: Principal, job_id: int) -> Job:
        try:
            j = self.jobs.get(job_id)
        except JobNotFound:
            raise not_found(f"plan {job_id}") from None
        if j.kind != "plan" or not access.can_see_plan(p, j.published is not None):
            raise not_found(f"plan {job_id}")
        return j

    def plans(self, p: Principal) -> list[dict[str, Any]]:
        if access.can(p, "see_coverage"):
            jobs = self.jobs.list()
        elif access.can_see_plan(p, True):
            jobs = self.jobs.list(published_only=True)
        else:
            return []
        return [self._job_view(p, j) for j in jobs]

    def _job_view(self, p: Principal, j: Job) -> dict[str, Any]:
        d = j.to_dict()
        if not access.can(p, "run_plan"):
            d["params"] = {}
            d["progress"] = {k: v for k, v in d["progress"].items() if k in ("stage", "status")}
            d["error"] = None if d["error"] is None else "the plan failed"
        return d

    def plan_job(self, p: Principal, job_id: int) -> dict[str, Any]:
        return self._job_view(p, self._job(p, job_id))

    def run_plan(self, p: Principal, *, time_limit: float, gap: float, use_ledger: bool) -> dict[str, Any]:
        if not access.can(p, "run_plan"):
            raise forbidden("run plans")
        try:
            jid = self.jobs.enqueue_plan(who=p.name, time_limit=time_limit, gap=gap, use_ledger=use_ledger)
        except AllyplanError as e:
            raise translate(e) from None
        return self.plan_job(p, jid)

    def job_action(self, p: Principal, job_id: int, action: str) -> dict[str, Any]:
        self._job(p, job_id)
        if not access.can(p, "run_plan"):
            raise forbidden(f"{action} plans")
        try:
            if action == "cancel":
                return self._job_view(p, self.jobs.cancel(job_id))
            if action == "rerun":
                return self.plan_job(p, self.jobs.rerun(job_id, who=p.name))
            if action in ("publish", "unpublish"):
                return self._job_view(p, self.jobs.publish(job_id, action == "publish"))
        except AllyplanError as e:
            raise translate(e) from None
        raise not_found(f"action {action!r}")

    def plan_tables(self, p: Principal, job_id: int) -> dict[str, pd.DataFrame]:
        """The plan's tables ``p`` may see, months as YYYY-MM."""
        j = self._job(p, job_id)
        if j.state != "done":
            raise ApiError(409, "not_ready", f"plan {job_id} is {j.state}; its tables exist once it is done")
        plan = self.jobs.plan(job_id)
        from allyplan.report.stats import need_summary, shortfall_summary

        out: dict[str, pd.DataFrame] = {}
        viewer_ok = p.role == "viewer" and j.published is not None
        for name, action in PLAN_VIEWS.items():
            if not (access.can(p, action) or (viewer_ok and action == "see_coverage")):
                continue
            if name == "needs":
                ns = need_summary(plan)
                out[name] = ns if access.can(p, "see_shortfalls") else ns.drop(columns=["main_reason"])
            elif name == "shortfalls":
                sf = shortfall_summary(plan)
                if not access.can(p, "see_all_plans"):  # the limits name donors' floors and lines' capacity
                    sf = sf.assign(limit=sf["reason"].map(lambda r: _GENERIC_LIMIT.get(str(r), str(r))))
                    sf = sf.drop(columns=["relief"]).drop_duplicates(["need", "reason", "limit", "first"])
                out[name] = sf
            else:
                out[name] = plan.table(name)
        return out

    def plan_object(self, p: Principal, job_id: int) -> Any:
        if not access.can(p, "see_all_plans"):
            raise forbidden("see every table of a plan")
        self._job(p, job_id)
        try:
            return self.jobs.plan(job_id)
        except AllyplanError as e:
            raise ApiError(409, "not_ready", str(e)) from None

    def plan_xlsx(self, p: Principal, job_id: int) -> bytes:
        tables = self.plan_tables(p, job_id)
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xw:
            for name, df in tables.items():
                df.to_excel(xw, sheet_name=name[:31], index=False)
        return buf.getvalue()

    def ask_sheet(self, p: Principal, job_id: int, party: str) -> dict[str, Any]:
        """What ``party`` is asked to send in a plan: item, quantity, when, from which stock or line, which fund
        pays, its value, and why (the needs the item serves and their coverage)."""
        if not access.can_see_ask_sheet(p, party):
            raise forbidden(f"see {party}'s ask sheet")
        j = self._job(p, job_id)
        if j.state != "done":
            raise ApiError(409, "not_ready", f"plan {job_id} is {j.state}; an ask sheet exists once it is done")
        plan = self.jobs.plan(job_id)
        return {"plan": job_id, "party": party, "asks": _records(ask_sheet(plan, party))}

    # -- sweeps --------------------------------------------------------------------------------------------------
    def _sweep(self, p: Principal, job_id: int) -> Job:
        try:
            j = self.jobs.get(job_id)
        except JobNotFound:
            raise not_found(f"sweep {job_id}") from None
        if j.kind != "sweep" or not access.can_see_sweep(p):
            raise not_found(f"sweep {job_id}")
        return j

    def sweeps(self, p: Principal) -> list[dict[str, Any]]:
        if not access.can_see_sweep(p):
            return []
        return [self._sweep_view(p, j) for j in self.jobs.list(kind="sweep")]

    def _sweep_view(self, p: Principal, j: Job) -> dict[str, Any]:
        d = j.to_dict()
        if not access.can(p, "run_plan"):  # the uncertainty file may name offers not yet announced
            d["params"] = {k: v for k, v in d["params"].items() if k in ("samples", "seed")}
            d["progress"] = {k: v for k, v in d["progress"].items()
                             if k in ("stage", "done", "total", "rate", "eta", "seconds")}
            d["error"] = None if d["error"] is None else "the sweep failed"
        return d

    def sweep_job(self, p: Principal, job_id: int) -> dict[str, Any]:
        """A sweep job: state, progress (samples done, rate, time left) and, once it has results, a summary."""
        j = self._sweep(p, job_id)
        d = self._sweep_view(p, j)
        if j.state in ("done", "cancelled"):
            try:
                summary = self.jobs.sweep(job_id)["summary"]
            except AllyplanError:
                summary = None
            if summary is not None and not access.can(p, "see_all_plans"):
                summary = {k: summary.get(k) for k in ("samples", "done", "complete", "mode", "seed",
                                                       "p_all_needs_on_time")}
            d["summary"] = summary
        return d

    def run_sweep(self, p: Principal, **params: Any) -> dict[str, Any]:
        if not access.can(p, "run_plan"):
            raise forbidden("run sweeps")
        try:
            jid = self.jobs.enqueue_sweep(who=p.name, **params)
        except JobNotFound as e:
            raise ApiError(422, "invalid_input", f"{e}: give the id of a finished plan as fixed_plan") from None
        except AllyplanError as e:
            raise ApiError(422, "invalid_input", str(e)) from None
        return self.sweep_job(p, jid)

    def sweep_action(self, p: Principal, job_id: int, action: str) -> dict[str, Any]:
        self._sweep(p, job_id)
        if not access.can(p, "run_plan"):
            raise forbidden(f"{action} sweeps")
        try:
            if action == "cancel":
                return self._sweep_view(p, self.jobs.cancel(job_id))
            if action == "rerun":
                return self.sweep_job(p, self.jobs.rerun(job_id, who=p.name))
        except AllyplanError as e:
            raise translate(e) from None
        raise not_found(f"action {action!r}")

    def sweep_tables(self, p: Principal, job_id: int) -> dict[str, pd.DataFrame]:
        """The sweep's tables ``p`` may see (:data:`allyplan.access.SWEEP_VIEWS`); a cancelled sweep's cover the
        samples done before it stopped."""
        j = self._sweep(p, job_id)
        if j.state not in ("done", "cancelled"):
            raise ApiError(409, "not_ready", f"sweep {job_id} is {j.state}; its tables exist once it is done")
        try:
            res = self.jobs.sweep(job_id)
        except AllyplanError as e:
            raise ApiError(409, "not_ready", str(e)) from None
        return {n: res[n] for n, action in access.SWEEP_VIEWS.items() if access.can(p, action)}

    # -- dashboard -----------------------------------------------------------------------------------------------
    def dashboard(self, p: Principal, marks: Marks | None = None) -> dict[str, Any]:
        """Coverage of the latest plan ``p`` may see, the ledger's pledged against delivered and burden by donor,
        and what waits for review (for the coordinator). ``marks`` as read with the request, or read now."""
        m = marks if marks is not None else self.marks()
        job = (m.done if access.can(p, "see_coverage") else m.published) if access.can_see_plan(p, True) else None
        out: dict[str, Any] = {"user": {"name": p.name, "role": p.role, "party": p.party}}
        out.update(self._ledger_figures((m.events, m.parties, m.parties_gdp, m.items, m.items_value, m.rates,
                                         m.rates_count)))
        out["open_proposals"] = int(m.pending) if access.can(p, "review") else None
        out["scenario_proposals"] = int(m.proposed) if access.can(p, "decide_scenario_proposals") else None
        out["plan"] = None if job is None else {"id": int(job), "coverage": self._coverage(int(job))}
        return out


def ask_sheet(plan: Any, party: str) -> pd.DataFrame:
    """A donor's (or pooled fund's) asks from a plan, as the plan report's ask sheets give them
    (:func:`allyplan.report.asks.ask_sheets`: item, quantity, ship month, in service, source, paid by, value, need,
    and why this source rather than another)."""
    from allyplan.report.asks import ASK_COLUMNS, ask_sheets

    return ask_sheets(plan).get(party, pd.DataFrame(columns=ASK_COLUMNS))


def _policy_rule(stance: str) -> tuple[str, str] | None:
    """The scenario policy a stated stance amounts to (supportive or cautious statements are none)."""
    if stance in ("non-lethal-only", "no-military-aid"):
        return stance, ""
    if stance.startswith("excludes:"):
        return "forbid-item", stance.split(":", 1)[1]
    return None


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item") and not isinstance(v, str | bytes):
        return v.item()
    return v


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    if df is None or len(df) == 0:
        return []
    return json.loads(df.to_json(orient="records", date_format="iso"))
