"""The coordination service: pages and the JSON API (``/api/v1/``) over :class:`allyplan.web.service.Service`.

Sessions live in the database; the browser holds only a signed session id in an HttpOnly, SameSite=Strict cookie.
Every form carries a CSRF token; API calls with a session cookie send it as ``X-CSRF-Token``, scripts use
``Authorization: Bearer <token>`` instead. Every error, on a page or in the API, has one shape (see
:mod:`allyplan.web.errors`).
"""


import contextlib
import functools
import json
import logging
import os
import secrets
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import plotly
from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, URLSafeSerializer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import cookie_parser

from allyplan import access
from allyplan import service_tables as st
from allyplan.access import Principal
from allyplan.errors import AllyplanError
from allyplan.jobs import JobQueue
from allyplan.ledger.db import BUSY_SECONDS, make_engine, migrate, resolve_url
from allyplan.ledger.store import Ledger
from allyplan.ledger.write import _now
from allyplan.scenario_store import MAX_UPLOAD_BYTES, ScenarioStore
from allyplan.schema import TABLES
from allyplan.web.auth import Accounts, LoginRefused, TooManyAttempts, User
from allyplan.web.errors import ERROR_RESPONSES, ApiError, error_body
from allyplan.web.service import PLAN_VIEWS, Marks, Service, _records, forbidden, mark_columns, not_found, translate
from allyplan.web.watch import Memo, Watch, install

__all__ = ["create_app", "app_from_env", "web_engine", "PLOTLY_JS"]

HERE = Path(str(files("allyplan") / "web"))
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
COOKIE = "allyplan_session"
LOGIN_COOKIE = "allyplan_login"
MAX_ID = 2**31 - 1
#: The addresses served from the response cache: their user is read with the data marks, in one query.
HOT = frozenset({"/", "/ledger", "/api/v1/dashboard", "/api/v1/ledger/entries"})
_EPOCH = datetime(1970, 1, 1)
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
TableName = Annotated[str, PathParam(pattern=r"^[a-z]{1,32}$")]
PartyCode = Annotated[str, PathParam(pattern=r"^[A-Z0-9]{1,8}$")]
Text = Annotated[str, Field(max_length=2000)]


def _no_nul(v: Any) -> Any:
    if isinstance(v, str) and "\x00" in v:
        raise ValueError("text may not contain the NUL character")
    if isinstance(v, dict):
        for k, x in v.items():
            _no_nul(k)
            _no_nul(x)
    return v


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        return _no_nul(v)


class RowIn(_In):
    data: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=2000)]] = Field(
        description="the row's fields as text, as in the scenario's CSV files")
    why: Text = ""


class RowEdit(RowIn):
    version: int = Field(ge=1, le=MAX_ID, description="the row's version as read; a newer one means a conflict")


class PlanIn(_In):
    time_limit: float = Field(60.0, ge=0.1, le=3600, description="seconds the solver may take")
    gap: float = Field(1e-4, ge=0.0, le=1.0, description="relative optimality gap at which to stop")
    use_ledger: bool = Field(True, description="count the ledger's committed pledges and deliveries first")


class SweepIn(_In):
    samples: int = Field(100, ge=1, le=20000, description="scenarios to draw")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="the same seed gives the same draws and results")
    uncertainty: str | None = Field(None, max_length=200_000,
                                    description="the text of an uncertainty file (YAML); none: the shipped default")
    fixed_plan: int | None = Field(None, ge=1, le=MAX_ID,
                                   description="re-evaluate this finished plan under each draw instead of re-planning")
    use_ledger: bool = Field(True, description="re-planning: count the ledger's committed pledges first")
    time_limit: float = Field(10.0, ge=0.1, le=3600, description="seconds each re-plan may take")


class DecideIn(_In):
    why: Text = ""


class AcceptIn(_In):
    edits: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict)


class RejectIn(_In):
    why: Text = ""


class MergeIn(_In):
    entry: int = Field(ge=1, le=MAX_ID)
    why: Text = ""


class TokenIn(_In):
    label: Annotated[str, Field(max_length=200)] = ""


def web_engine(url: str) -> Engine:
    """An engine with a connection pool for the service (the CLI's engines open a connection per use)."""
    if not url.startswith("postgresql"):
        return make_engine(url)
    make_engine(url).dispose()  # checks the driver is there, with the CLI's message when it is not
    u = make_url(url)
    options = " ".join(x for x in (str(u.query.get("options") or ""), f"-c lock_timeout={int(BUSY_SECONDS * 1000)}")
                       if x)
    return create_engine(u.difference_update_query(["options"]), pool_size=20, max_overflow=40, pool_recycle=3600,
                         connect_args={"options": options})


_SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                 b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]


class _Guard:
    """Security headers on every answer; a request body larger than any upload allowed is refused unread; a GET of
    a hot address whose answer is in the response cache is answered here, without routing (``fast``); an answer to
    a request that may have changed something calls ``changed`` before it is sent (what this process kept is then
    read again: its own changes are seen at once, without waiting for the database's notice)."""

    def __init__(self, app: Any, fast: Any = None, changed: Any = None) -> None:
        self.app, self.fast, self.changed = app, fast, changed

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length", b"")
        if length.isdigit() and int(length) > MAX_UPLOAD_BYTES + 1_000_000:
            body = json.dumps(error_body("payload_too_large", f"the request is larger than "
                                         f"{MAX_UPLOAD_BYTES // 1_000_000} MB; send a smaller file")).encode()
            await send({"type": "http.response.start", "status": 413,
                        "headers": [(b"content-type", b"application/json"), *_SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": body})
            return
        if self.fast is not None and scope.get("method") == "GET" and scope.get("path") in HOT:
            hit = await self.fast(scope)
            if hit is not None:
                body, tag = hit
                kind = b"application/json" if scope["path"].startswith("/api/") else b"text/html; charset=utf-8"
                same = any(k == b"if-none-match" and tag in v for k, v in scope.get("headers", []))
                head = [(b"etag", tag), (b"cache-control", b"private, no-cache"), *_SECURITY_HEADERS]
                if same:  # the client has this answer already: 304 Not Modified, no body
                    await send({"type": "http.response.start", "status": 304, "headers": head})
                    await send({"type": "http.response.body", "body": b""})
                    return
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-length", str(len(body)).encode()), (b"content-type", kind), *head]})
                await send({"type": "http.response.body", "body": body})
                return

        changes = self.changed is not None and scope.get("method") not in ("GET", "HEAD", "OPTIONS")

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                if changes:
                    self.changed()
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in _SECURITY_HEADERS if h[0] not in names)]
                tag = scope.get("state", {}).get("etag")
                if tag is not None and message.get("status") == 200:
                    message["headers"] += [(b"etag", tag), (b"cache-control", b"private, no-cache")]
            await send(message)

        await self.app(scope, receive, with_headers)


def _watch(engine: Engine) -> Watch | None:
    """A :class:`Watch` of the database's change notices, or None (every request then reads the database) when the
    triggers cannot be made, e.g. by an account that may not create them in the schema."""
    try:
        return Watch(engine.url, install(engine))
    except SQLAlchemyError as e:
        logging.getLogger("allyplan.web").warning(
            "change notices are off (%s): every request reads the database; let the service's database account "
            "create triggers in its schema to turn them on", str(e).splitlines()[0])
        return None


class _Login(Exception):
    """A page needs a logged-in user: go to the login page."""


def create_app(db: str | None = None, *, secret: str | None = None, secure_cookies: bool = False) -> FastAPI:
    """The service's application for a database (URL or SQLite path; migrated on start)."""
    url = resolve_url(db)
    engine = web_engine(url)
    migrate(engine)
    ledger = Ledger(url)
    ledger.engine.dispose()
    ledger.engine = engine  # the ledger's calls share the service's pool
    svc = Service(engine=engine, ledger=ledger, store=ScenarioStore(engine=engine),
                  jobs=JobQueue(engine=engine, url=url))
    accounts = Accounts(engine)
    signer = URLSafeSerializer(secret or secrets.token_urlsafe(32), salt="allyplan-session")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app = FastAPI(title="allyplan coordination service", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="One shared plan: each party enters its own figures and sees only what it may. "
                              "Every error has the shape {\"error\": {\"code\", \"message\", \"details\"}}.")
    app.state.service, app.state.accounts, app.state.url = svc, accounts, url

    # -- who is asking -------------------------------------------------------------------------------------------
    marks_cols = mark_columns()
    session_cols = [st.web_sessions.c.expires, *marks_cols]
    # on PostgreSQL, who a credential is and the marks are kept until the database tells of a change (watch.py)
    watch = _watch(engine) if engine.dialect.name == "postgresql" else None
    memo = Memo(watch) if watch is not None else None
    app.state.watch = watch

    def lookup(kind: str, credential: str, hot: bool) -> tuple[User, str | None, Marks | None, datetime | None] | None:
        """The user of a session id or API token (and its session's CSRF token), with the data marks (and the
        session's end) when the request is for a hot address: one query."""
        if kind == "token":
            got = accounts.token_user_and(credential, marks_cols if hot else [])
            return None if got is None else (got[0], None, Marks(*got[1]) if hot else None, None)
        found = accounts.session_and(credential, session_cols if hot else [])
        if found is None:
            return None
        return (found[0], found[1], Marks(*found[2][1:]) if hot else None, found[2][0] if hot else None)

    def _who(request: Request, kind: str, credential: str) -> tuple[User, str | None, Marks | None] | None:
        """:func:`lookup`, or its answer as the fast path (see :class:`_Guard`) already read it for this request."""
        pre = getattr(request.state, "who", None)
        if pre is not None and pre[:2] == (kind, credential):
            found = pre[2]
        else:
            found = lookup(kind, credential, request.method == "GET" and request.url.path in HOT)
        if found is not None:
            request.state.marks, request.state.principal, request.state.csrf = found[2], found[0].principal, found[1]
        return found

    @functools.lru_cache(maxsize=4096)
    def _session_id(raw: str | None) -> str | None:
        """The session id a cookie carries, if its signature is good (kept: the same cookie comes on every request)."""
        if not raw:
            return None
        try:
            return str(signer.loads(raw))
        except BadSignature:
            return None

    def _cookie_user(request: Request) -> tuple[User, str] | None:
        sid = _session_id(request.cookies.get(COOKIE))
        found = None if sid is None else _who(request, "session", sid)
        return None if found is None else (found[0], str(found[1]))

    def api_user(request: Request) -> Principal:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            got = _who(request, "token", auth[7:].strip())
            if got is None:
                raise ApiError(401, "not_authenticated", "the API token is not valid (revoked, or its account is "
                               "disabled); create a new one on the Tokens page", headers={"WWW-Authenticate": "Bearer"})
            return got[0].principal
        found = _cookie_user(request)
        if found is None:
            raise ApiError(401, "not_authenticated", "log in first, or send an API token as "
                           "'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
        user, csrf = found
        if request.method not in ("GET", "HEAD", "OPTIONS") and not secrets.compare_digest(
                request.headers.get("x-csrf-token", ""), csrf):
            raise ApiError(403, "csrf", "a change with a session cookie must send the page's CSRF token as the "
                           "X-CSRF-Token header; reload the page")
        return user.principal

    def _cache_key(path: str, query: bytes, p: Principal, csrf: str | None, marks: Marks) -> tuple[Any, ...]:
        """An answer of a hot address depends on the request (address and query string as sent), the account,
        its session (pages carry its CSRF token) and the data marks: nothing else."""
        return path, query, p, csrf, marks

    async def cached(request: Request, make: Any) -> bytes:
        """The answer to this request from the response cache, or ``make(marks)``'s (in a thread, then kept)."""
        marks = getattr(request.state, "marks", None)
        if marks is None:  # not a hot address: no marks were read with the user
            return bytes(await run_in_threadpool(make, None))
        key = _cache_key(request.url.path, request.scope.get("query_string", b""), request.state.principal,
                         request.state.csrf, marks)
        hit = svc.responses.peek_tagged(key)
        if hit is None:
            hit = await run_in_threadpool(svc.responses.get_tagged, key, lambda: bytes(make(marks)))
        request.state.etag = hit[1]  # sent with the answer (see _Guard), as the fast path sends it
        return hit[0]

    async def fast(scope: Any) -> tuple[bytes, bytes] | None:
        """A GET of a hot address answered from the response cache before routing (see :class:`_Guard`): the
        user and marks are read as the routed request would (and kept for it, on a miss)."""
        headers = dict(scope.get("headers", []))
        path = scope["path"]
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if path.startswith("/api/") and auth.lower().startswith("bearer "):
            kind, credential = "token", auth[7:].strip()
        else:
            sid = _session_id(cookie_parser(headers.get(b"cookie", b"").decode("latin-1")).get(COOKIE))
            if sid is None:
                return None
            kind, credential = "session", sid
        kept = None if memo is None else memo.get((kind, credential), _now() if kind == "session" else _EPOCH)
        if kept is not None:
            found: tuple[User, str | None, Marks | None, datetime | None] | None = (*kept[0], kept[1], None)
        else:
            generation = None if memo is None else memo.generation()
            try:
                found = await run_in_threadpool(lookup, kind, credential, True)
            except Exception:  # the routed request meets it again and answers with the error
                return None
            if found is not None and memo is not None:
                memo.put(generation, (kind, credential), found[:2], found[2], found[3])
        scope.setdefault("state", {})["who"] = (kind, credential, found)
        if found is None or found[2] is None:
            return None
        return svc.responses.peek_tagged(_cache_key(path, scope.get("query_string", b""), found[0].principal,
                                                    found[1], found[2]))

    def page_user(request: Request) -> tuple[Principal, str]:
        found = _cookie_user(request)
        if found is None:
            raise _Login()
        return found[0].principal, found[1]

    async def form_of(request: Request, csrf: str) -> dict[str, str]:
        form = await request.form()
        if not secrets.compare_digest(str(form.get("csrf", "")), csrf):
            raise ApiError(403, "csrf", "the form's security token is missing or old; reload the page and try again")
        out: dict[str, str] = {}
        for k, v in form.items():
            if isinstance(v, str):
                if "\x00" in v:
                    raise ApiError(422, "invalid_input", f"field {k!r} contains a NUL character; remove it")
                out[k] = v
        return out

    API = Annotated[Principal, Depends(api_user)]
    PAGE = Annotated[tuple[Principal, str], Depends(page_user)]

    def render(request: Request, name: str, ctx: dict[str, Any], who: tuple[Principal, str] | None = None,
               status: int = 200) -> HTMLResponse:
        p, csrf = who if who else (None, "")
        base = {"user": p, "csrf": csrf, "tables": [n for n in TABLES if p and access.table_view(p, n) != "none"],
                "can": (lambda a: p is not None and access.can(p, a)), "path": request.url.path}
        return templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status)

    # -- errors: one shape ---------------------------------------------------------------------------------------
    def _error_response(request: Request, err: ApiError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(error_body(err.code, err.message, err.details), status_code=err.status,
                                headers=err.headers)
        found = _cookie_user(request)
        who = (found[0].principal, found[1]) if found else None
        return render(request, "error.html", {"error": error_body(err.code, err.message, err.details)["error"],
                                              "status": err.status}, who, status=err.status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc)

    @app.exception_handler(_Login)
    async def _login(request: Request, exc: _Login) -> Response:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)

    @app.exception_handler(AllyplanError)
    async def _allyplan(request: Request, exc: AllyplanError) -> Response:
        return _error_response(request, translate(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(x) for x in e.get("loc", ())), "message": e.get("msg", "")}
                   for e in exc.errors()]
        return _error_response(request, ApiError(422, "invalid_input", "the request is not valid: fix each field "
                                                 "named in details and send it again", details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        codes = {404: ("not_found", "no such page or API call; see /api/v1/openapi.json for the API"),
                 405: ("method_not_allowed", "this address does not take that method; see /api/v1/openapi.json")}
        code, msg = codes.get(exc.status_code, ("http_error", str(exc.detail)))
        return _error_response(request, ApiError(exc.status_code, code, msg))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        return _error_response(request, ApiError(500, "internal", "the service failed on this request; nothing was "
                                                 "half-written. Try again, and report it if it happens again"))

    app.add_middleware(_Guard, fast=fast, changed=None if watch is None else watch.bump)

    # -- static --------------------------------------------------------------------------------------------------
    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: Annotated[str, PathParam(pattern=r"^[a-z]+\.(js|css)$")]) -> FileResponse:
        p = HERE / "static" / name
        if not p.is_file():
            raise not_found(f"file {name}")
        return FileResponse(p, headers={"Cache-Control": "max-age=3600"})

    # -- login ---------------------------------------------------------------------------------------------------
    def _set_cookie(resp: Response, key: str, value: str, max_age: int | None = None) -> None:
        resp.set_cookie(key, value, httponly=True, samesite="strict", secure=secure_cookies, max_age=max_age,
                        path="/")

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = "/") -> Response:
        token = secrets.token_urlsafe(24)
        first = accounts.count("coordinator") == 0
        resp: Response = render(request, "login.html", {"login_csrf": token, "next": _safe_next(next), "first": first})
        _set_cookie(resp, LOGIN_COOKIE, token, 3600)
        return resp

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form()
        token = request.cookies.get(LOGIN_COOKIE, "")
        if not token or not secrets.compare_digest(str(form.get("csrf", "")), token):
            raise ApiError(403, "csrf", "the login form is old or was not sent from this site; reload it and log in")
        address = request.client.host if request.client else "unknown"
        try:
            user = await run_in_threadpool(accounts.login, str(form.get("name", "")), str(form.get("password", "")),
                                           address)
        except TooManyAttempts as e:
            raise ApiError(429, "too_many_attempts", str(e), headers={"Retry-After": "900"}) from None
        except LoginRefused as e:
            new = secrets.token_urlsafe(24)
            failed = render(request, "login.html", {"login_csrf": new, "next": _safe_next(str(form.get("next", "/"))),
                                                  "failed": str(e), "first": False}, status=401)
            _set_cookie(failed, LOGIN_COOKIE, new, 3600)
            return failed
        sid, _csrf = await run_in_threadpool(accounts.new_session, user)
        resp = RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)
        _set_cookie(resp, COOKIE, signer.dumps(sid))
        resp.delete_cookie(LOGIN_COOKIE, path="/")
        return resp

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request, who: PAGE) -> Response:
        await form_of(request, who[1])
        raw = request.cookies.get(COOKIE, "")
        with contextlib.suppress(BadSignature):
            await run_in_threadpool(accounts.end_session, str(signer.loads(raw)))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    # -- pages ---------------------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    async def dashboard_page(request: Request, who: PAGE) -> Response:
        def make(marks: Marks | None) -> bytes:
            d = svc.dashboard(who[0], marks)
            return bytes(render(request, "dashboard.html", {"d": d, "charts": _dashboard_charts(d)}, who).body)

        return HTMLResponse(await cached(request, make))

    @app.get("/needs", include_in_schema=False)
    def needs_page() -> Response:
        return RedirectResponse("/scenario/needs", status_code=303)

    @app.get("/scenario", include_in_schema=False)
    def scenario_page(request: Request, who: PAGE) -> Response:
        p = who[0]
        ctx: dict[str, Any] = {"changes": [], "proposed": []}
        if access.can(p, "scenario_history"):
            ctx["changes"] = svc.changes(p, limit=30)
            ctx["proposed"] = svc.changes(p, state="proposed")
        return render(request, "scenario.html", ctx, who)

    @app.post("/scenario/import", include_in_schema=False)
    async def scenario_import_page(request: Request, who: PAGE) -> Response:
        form = await request.form()
        if not secrets.compare_digest(str(form.get("csrf", "")), who[1]):
            raise ApiError(403, "csrf", "the form's security token is missing or old; reload the page and try again")
        up = form.get("file")
        if up is None or isinstance(up, str):
            raise ApiError(422, "invalid_input", "choose a .zip of a scenario folder or an .xlsx workbook to upload")
        content = await up.read(MAX_UPLOAD_BYTES + 1)
        res = await run_in_threadpool(svc.import_scenario, who[0], up.filename or "upload", content)
        return render(request, "message.html", {"title": "Scenario imported", "message":
                      f"Imported as change {res['change']}: " + ", ".join(f"{n} {c}" for n, c in res["counts"].items()),
                                                "back": "/scenario"}, who)

    @app.get("/scenario/export.xlsx", include_in_schema=False)
    def scenario_export_page(who: PAGE) -> Response:
        return _xlsx(svc.export_scenario(who[0]), "scenario.xlsx")

    @app.post("/scenario/changes/{change}/{decision}", include_in_schema=False)
    async def decide_page(request: Request, change: Id,
                          decision: Annotated[str, PathParam(pattern="^(approve|reject)$")], who: PAGE) -> Response:
        form = await form_of(request, who[1])
        await run_in_threadpool(svc.decide, who[0], change, decision == "approve", form.get("why", ""))
        return RedirectResponse("/scenario", status_code=303)

    @app.get("/scenario/{table}", include_in_schema=False)
    def table_page(request: Request, table: TableName, who: PAGE) -> Response:
        t = svc.table(who[0], table)
        return render(request, "table.html", {"t": t}, who)

    @app.post("/scenario/{table}/add", include_in_schema=False)
    async def add_page(request: Request, table: TableName, who: PAGE) -> Response:
        form = await form_of(request, who[1])
        data = {k[2:]: v for k, v in form.items() if k.startswith("f_")}
        await run_in_threadpool(svc.add_row, who[0], table, data, form.get("why", ""))
        return RedirectResponse(f"/scenario/{table}", status_code=303)

    @app.post("/scenario/{table}/{rowid}/{action}", include_in_schema=False)
    async def edit_page(request: Request, table: TableName, rowid: Id,
                        action: Annotated[str, PathParam(pattern="^(edit|delete)$")], who: PAGE) -> Response:
        form = await form_of(request, who[1])
        version = _int(form.get("version", ""), "version")
        if action == "edit":
            data = {k[2:]: v for k, v in form.items() if k.startswith("f_")}
            await run_in_threadpool(svc.edit_row, who[0], table, rowid, data, version, form.get("why", ""))
        else:
            await run_in_threadpool(svc.delete_row, who[0], table, rowid, version, form.get("why", ""))
        return RedirectResponse(f"/scenario/{table}", status_code=303)

    @app.get("/scenario/{table}/{rowid}/history", include_in_schema=False)
    def history_page(request: Request, table: TableName, rowid: Id, who: PAGE) -> Response:
        h = svc.row_history(who[0], table, rowid)
        return render(request, "history.html", {"table": table, "rowid": rowid, "history": h,
                                                "columns": TABLES[table].columns}, who)

    @app.get("/ledger", include_in_schema=False)
    async def ledger_page(request: Request, who: PAGE, donor: str = "", item: str = "", status: str = "",
                          page: Annotated[int, Query(ge=1, le=100000)] = 1) -> Response:
        filters = {"donor": _filter(donor), "item": _filter(item), "status": _filter(status), "page": page}

        def make(marks: Marks | None) -> bytes:
            d = svc.ledger_page(who[0], **filters)  # type: ignore[arg-type]
            return bytes(render(request, "ledger.html", {"d": d}, who).body)

        return HTMLResponse(await cached(request, make))

    @app.get("/ledger/{entry}", include_in_schema=False)
    def entry_page(request: Request, entry: Id, who: PAGE) -> Response:
        return render(request, "entry.html", {"d": svc.ledger_entry(who[0], entry)}, who)

    @app.get("/review", include_in_schema=False)
    def review_page(request: Request, who: PAGE,
                    review: Annotated[str, Query(pattern="^(pending|accepted|rejected|merged)$")] = "pending"
                    ) -> Response:
        return render(request, "review.html", {"proposals": svc.proposals(who[0], review), "review": review}, who)

    @app.get("/review/{pid}", include_in_schema=False)
    def proposal_page(request: Request, pid: Id, who: PAGE) -> Response:
        return render(request, "proposal.html", {"p": svc.proposal(who[0], pid)}, who)

    @app.post("/review/{pid}/{action}", include_in_schema=False)
    async def review_action_page(request: Request, pid: Id,
                                 action: Annotated[str, PathParam(pattern="^(accept|reject|merge)$")],
                                 who: PAGE) -> Response:
        form = await form_of(request, who[1])
        if action == "accept":
            edits = {k[2:]: v for k, v in form.items() if k.startswith("f_") and v.strip()}
            res = await run_in_threadpool(svc.accept, who[0], pid, edits)
            msg = f"Proposal {pid} accepted" + (f" as ledger entry {res['entry']}" if res["entry"] else "") + (
                f"; the policy is proposed to the scenario as change {res['scenario_proposal']} for a coordinator to "
                "approve" if res["scenario_proposal"] else "")
        elif action == "reject":
            await run_in_threadpool(svc.reject, who[0], pid, form.get("why", ""))
            msg = f"Proposal {pid} rejected"
        else:
            res = await run_in_threadpool(svc.merge, who[0], pid, _int(form.get("entry", ""), "entry"),
                                          form.get("why", ""))
            msg = f"Proposal {pid} merged into ledger entry {res['entry']}"
        return render(request, "message.html", {"title": "Review", "message": msg, "back": "/review"}, who)

    @app.get("/plans", include_in_schema=False)
    def plans_page(request: Request, who: PAGE) -> Response:
        return render(request, "plans.html", {"plans": svc.plans(who[0])}, who)

    @app.post("/plans", include_in_schema=False)
    async def run_plan_page(request: Request, who: PAGE) -> Response:
        form = await form_of(request, who[1])
        params = PlanIn(time_limit=_float(form.get("time_limit", "60"), "time_limit"),
                        gap=_float(form.get("gap", "0.0001"), "gap"), use_ledger=form.get("use_ledger") == "on")
        j = await run_in_threadpool(svc.run_plan, who[0], **params.model_dump())
        return RedirectResponse(f"/plans/{j['id']}", status_code=303)

    @app.get("/plans/{job}", include_in_schema=False)
    def plan_page(request: Request, job: Id, who: PAGE) -> Response:
        j = svc.plan_job(who[0], job)
        ctx: dict[str, Any] = {"j": j, "tables": {}, "charts": [], "asks_party": None}
        if j["state"] == "done":
            tables = svc.plan_tables(who[0], job)
            ctx["tables"] = {n: _table_ctx(df) for n, df in tables.items()}
            ctx["charts"] = _plan_charts(svc, who[0], job, tables)
            p = who[0]
            ctx["asks_party"] = p.party if p.role == "donor" else None
            ctx["donors"] = sorted(tables["burden"]["donor"].astype(str)) if "burden" in tables else []
        return render(request, "plan.html", ctx, who)

    @app.post("/plans/{job}/{action}", include_in_schema=False)
    async def plan_action_page(request: Request, job: Id,
                               action: Annotated[str, PathParam(pattern="^(cancel|rerun|publish|unpublish)$")],
                               who: PAGE) -> Response:
        await form_of(request, who[1])
        j = await run_in_threadpool(svc.job_action, who[0], job, action)
        return RedirectResponse(f"/plans/{j['id']}", status_code=303)

    @app.get("/plans/{job}/plan.xlsx", include_in_schema=False)
    def plan_xlsx_page(job: Id, who: PAGE) -> Response:
        return _xlsx(svc.plan_xlsx(who[0], job), f"plan-{job}.xlsx")

    @app.get("/plans/{job}/tables/{name}.csv", include_in_schema=False)
    def plan_csv_page(job: Id, name: TableName, who: PAGE) -> Response:
        return _table(svc.plan_tables(who[0], job), name, "plan", job, "csv")

    @app.get("/plans/{job}/asks/{party}", include_in_schema=False)
    def asks_page(request: Request, job: Id, party: PartyCode, who: PAGE) -> Response:
        d = svc.ask_sheet(who[0], job, party)
        return render(request, "asks.html", {"d": d}, who)

    @app.get("/sweeps", include_in_schema=False)
    def sweeps_page(request: Request, who: PAGE) -> Response:
        plans = [j for j in svc.plans(who[0]) if j["state"] == "done"] if access.can(who[0], "run_plan") else []
        return render(request, "sweeps.html", {"sweeps": svc.sweeps(who[0]), "plans": plans}, who)

    @app.post("/sweeps", include_in_schema=False)
    async def run_sweep_page(request: Request, who: PAGE) -> Response:
        form = await form_of(request, who[1])
        fixed = form.get("fixed_plan", "").strip()
        text = form.get("uncertainty", "").strip()
        try:
            params = SweepIn(samples=_int(form.get("samples", "100"), "samples"),
                             seed=_whole(form.get("seed", "0") or "0", "seed"), uncertainty=text or None,
                             fixed_plan=_int(fixed, "fixed_plan") if fixed else None,
                             use_ledger=form.get("use_ledger") == "on",
                             time_limit=_float(form.get("time_limit", "10"), "time_limit"))
        except ValidationError as e:
            raise ApiError(422, "invalid_input", "the sweep's settings are out of range; see details",
                           [{"field": ".".join(map(str, x["loc"])), "message": x["msg"]} for x in e.errors()]) from None
        j = await run_in_threadpool(svc.run_sweep, who[0], **params.model_dump())
        return RedirectResponse(f"/sweeps/{j['id']}", status_code=303)

    @app.get("/sweeps/{job}", include_in_schema=False)
    def sweep_page(request: Request, job: Id, who: PAGE) -> Response:
        j = svc.sweep_job(who[0], job)
        ctx: dict[str, Any] = {"j": j, "tables": {}, "charts": []}
        if j["state"] in ("done", "cancelled"):
            tables = svc.sweep_tables(who[0], job)
            ctx["tables"] = {n: _table_ctx(df) for n, df in tables.items() if n != "fan"}
            ctx["charts"] = _sweep_charts(svc, who[0], job, tables)
        return render(request, "sweep.html", ctx, who)

    @app.post("/sweeps/{job}/{action}", include_in_schema=False)
    async def sweep_action_page(request: Request, job: Id,
                                action: Annotated[str, PathParam(pattern="^(cancel|rerun)$")], who: PAGE) -> Response:
        await form_of(request, who[1])
        j = await run_in_threadpool(svc.sweep_action, who[0], job, action)
        return RedirectResponse(f"/sweeps/{j['id']}", status_code=303)

    @app.get("/sweeps/{job}/tables/{name}.csv", include_in_schema=False)
    def sweep_csv_page(job: Id, name: TableName, who: PAGE) -> Response:
        return _table(svc.sweep_tables(who[0], job), name, "sweep", job, "csv")

    @app.get("/tokens", include_in_schema=False)
    def tokens_page(request: Request, who: PAGE) -> Response:
        return render(request, "tokens.html", {"token": None}, who)

    @app.post("/tokens", include_in_schema=False)
    async def tokens_new_page(request: Request, who: PAGE) -> Response:
        form = await form_of(request, who[1])
        token = await run_in_threadpool(accounts.new_token, who[0].name, form.get("label", "")[:200])
        return render(request, "tokens.html", {"token": token}, who)

    # -- the JSON API --------------------------------------------------------------------------------------------
    from fastapi import APIRouter

    api = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

    @api.get("/me", tags=["account"])
    def me(p: API) -> dict[str, Any]:
        """Who this token or session is: name, role and party."""
        return {"name": p.name, "role": p.role, "party": p.party}

    @api.post("/tokens", tags=["account"])
    def new_token(body: TokenIn, p: API) -> dict[str, str]:
        """A new API token for your own account (shown once; send it as 'Authorization: Bearer <token>')."""
        return {"token": accounts.new_token(p.name, body.label)}

    @api.get("/dashboard", tags=["dashboard"], response_class=JSONResponse)
    async def dashboard(request: Request, p: API) -> Response:
        """Coverage of the latest plan you may see, pledged against delivered and burden by donor, open reviews."""
        body = await cached(request, lambda marks: _json(svc.dashboard(p, marks)))
        return Response(body, media_type="application/json")

    @api.get("/scenario/tables", tags=["scenario"])
    def tables(p: API) -> list[dict[str, Any]]:
        """The scenario tables you may see, how much of each, and whether you may add rows."""
        return [{"table": n, "view": access.table_view(p, n), "can_add": access.can_edit_table(p, n)}
                for n in TABLES if access.table_view(p, n) != "none"]

    @api.get("/scenario/tables/{table}", tags=["scenario"])
    def table_get(table: TableName, p: API) -> dict[str, Any]:
        """A table's rows you may see (with id and version for edits) and coalition totals of the others'."""
        return svc.table(p, table)

    @api.post("/scenario/tables/{table}", tags=["scenario"], status_code=201)
    def table_add(table: TableName, body: RowIn, p: API) -> dict[str, Any]:
        """Add a row; the whole scenario is checked first, as `allyplan check` does."""
        return svc.add_row(p, table, body.data, body.why)

    @api.get("/scenario/tables/{table}/{rowid}", tags=["scenario"])
    def row_get(table: TableName, rowid: Id, p: API) -> dict[str, Any]:
        """One row with its version."""
        r = svc._row(p, table, rowid)
        return {"rowid": r.rowid, "version": r.version, "data": r.data}

    @api.put("/scenario/tables/{table}/{rowid}", tags=["scenario"])
    def row_edit(table: TableName, rowid: Id, body: RowEdit, p: API) -> dict[str, Any]:
        """Replace a row's fields; 409 if someone changed it since the version you read."""
        return svc.edit_row(p, table, rowid, body.data, body.version, body.why)

    @api.delete("/scenario/tables/{table}/{rowid}", tags=["scenario"])
    def row_delete(table: TableName, rowid: Id, p: API,
                   version: Annotated[int, Query(ge=1, le=MAX_ID)], why: Annotated[str, Query(max_length=2000)] = ""
                   ) -> dict[str, Any]:
        """Delete a row (its past versions stay in the record)."""
        if "\x00" in why:  # a query parameter is not a model: _no_nul's ValueError here was a 500
            raise ApiError(422, "invalid_input", "the request is not valid: fix each field named in details and send "
                           "it again", [{"where": "query.why", "message": "text may not contain the NUL character"}])
        return svc.delete_row(p, table, rowid, version, why)

    @api.get("/scenario/tables/{table}/{rowid}/history", tags=["scenario"])
    def row_history(table: TableName, rowid: Id, p: API) -> list[dict[str, Any]]:
        """Every version of a row, with who changed it, when and why."""
        return svc.row_history(p, table, rowid)

    @api.get("/scenario/changes", tags=["scenario"])
    def changes(p: API, state: Annotated[str | None, Query(pattern="^(applied|proposed|approved|rejected)$")] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
        """The scenario's change record, newest first (state=proposed: rows waiting for approval)."""
        return svc.changes(p, state, limit)

    @api.post("/scenario/changes/{change}/approve", tags=["scenario"])
    def approve(change: Id, body: DecideIn, p: API) -> dict[str, Any]:
        """Approve a proposed row (it is checked like any other change)."""
        return svc.decide(p, change, True, body.why)

    @api.post("/scenario/changes/{change}/reject", tags=["scenario"])
    def reject_change(change: Id, body: DecideIn, p: API) -> dict[str, Any]:
        """Reject a proposed row."""
        return svc.decide(p, change, False, body.why)

    @api.post("/scenario/import", tags=["scenario"])
    async def scenario_import(file: Annotated[UploadFile, File(description=".zip of a scenario folder or .xlsx")],
                              p: API) -> dict[str, Any]:
        """Replace the scenario with an upload, all of it after every check, or nothing."""
        content = await file.read(MAX_UPLOAD_BYTES + 1)
        return await run_in_threadpool(svc.import_scenario, p, file.filename or "upload", content)

    @api.get("/scenario/export", tags=["scenario"], response_class=Response,
             responses={200: {"content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
    def scenario_export(p: API) -> Response:
        """The whole scenario as an .xlsx workbook that `allyplan check` and `scenario import` read."""
        return _xlsx(svc.export_scenario(p), "scenario.xlsx")

    @api.get("/ledger/entries", tags=["ledger"], response_class=JSONResponse)
    async def entries(p: API, donor: Annotated[str | None, Query(max_length=8, pattern=r"^[A-Za-z0-9]+$")] = None,
                item: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9._-]+$")] = None,
                status: Annotated[str | None, Query(pattern="^(considering|committed|delivered|cancelled)$")] = None,
                page: Annotated[int, Query(ge=1, le=100000)] = 1, *, request: Request) -> Response:
        """Current ledger entries, newest first, 50 a page."""
        body = await cached(request, lambda marks: _json(
            svc.ledger_page(p, donor=donor, item=item, status=status, page=page)))
        return Response(body, media_type="application/json")

    @api.get("/ledger/entries/{entry}", tags=["ledger"])
    def entry(entry: Id, p: API) -> dict[str, Any]:
        """An entry as it stands, with every event of its history and its sources."""
        return svc.ledger_entry(p, entry)

    @api.get("/ledger/report", tags=["ledger"])
    def report(p: API, by: Annotated[str, Query(pattern="^(donor|category|item|month|recipient|status)$")] = "donor"
               ) -> list[dict[str, Any]]:
        """Pledged against delivered (EUR) by donor, category, item, month, recipient or status."""
        return svc.ledger_report(p, by)

    @api.get("/proposals", tags=["review"])
    def proposals(p: API, review: Annotated[str, Query(pattern="^(pending|accepted|rejected|merged)$")] = "pending"
                  ) -> list[dict[str, Any]]:
        """Ingested proposals in a review state."""
        return svc.proposals(p, review)

    @api.get("/proposals/{pid}", tags=["review"])
    def proposal(pid: Id, p: API) -> dict[str, Any]:
        """A proposal with its document and the ledger entries it may re-state."""
        return svc.proposal(p, pid)

    @api.post("/proposals/{pid}/accept", tags=["review"])
    def accept(pid: Id, body: AcceptIn, p: API) -> dict[str, Any]:
        """Accept (with edits). A pledge becomes a ledger entry; a policy becomes a proposed scenario policy."""
        return svc.accept(p, pid, body.edits)

    @api.post("/proposals/{pid}/reject", tags=["review"])
    def reject(pid: Id, body: RejectIn, p: API) -> dict[str, Any]:
        """Reject a proposal (it stays, marked rejected, with the reason)."""
        return svc.reject(p, pid, body.why)

    @api.post("/proposals/{pid}/merge", tags=["review"])
    def merge(pid: Id, body: MergeIn, p: API) -> dict[str, Any]:
        """The proposal re-states a ledger entry: its document becomes one of the entry's sources."""
        return svc.merge(p, pid, body.entry, body.why)

    @api.get("/plans", tags=["plans"])
    def plans(p: API) -> list[dict[str, Any]]:
        """Plan jobs you may see, newest first."""
        return svc.plans(p)

    @api.post("/plans", tags=["plans"], status_code=202)
    def run_plan(body: PlanIn, p: API) -> dict[str, Any]:
        """Queue a plan of the current scenario; a worker process runs it. Poll GET /plans/{id} for progress."""
        return svc.run_plan(p, **body.model_dump())

    @api.get("/plans/{job}", tags=["plans"])
    def plan_get(job: Id, p: API) -> dict[str, Any]:
        """A plan job: state, progress while it runs, error if it failed."""
        return svc.plan_job(p, job)

    @api.post("/plans/{job}/{action}", tags=["plans"])
    def plan_action(job: Id, action: Annotated[str, PathParam(pattern="^(cancel|rerun|publish|unpublish)$")],
                    p: API) -> dict[str, Any]:
        """Cancel a queued or running plan, re-run a finished one, or publish it to viewers."""
        return svc.job_action(p, job, action)

    @api.get("/plans/{job}/tables/{name}", tags=["plans"])
    def plan_table(job: Id, name: TableName, p: API,
                   format: Annotated[str, Query(pattern="^(json|csv)$")] = "json") -> Any:
        """One table of a finished plan (coverage, needs, shortfalls, deliveries, baseline, burden) you may see."""
        return _table(svc.plan_tables(p, job), name, "plan", job, format)

    @api.get("/plans/{job}/plan.xlsx", tags=["plans"], response_class=Response,
             responses={200: {"content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
    def plan_xlsx(job: Id, p: API) -> Response:
        """Every table of the plan you may see, one sheet each."""
        return _xlsx(svc.plan_xlsx(p, job), f"plan-{job}.xlsx")

    @api.get("/plans/{job}/asks/{party}", tags=["plans"])
    def asks(job: Id, party: PartyCode, p: API) -> dict[str, Any]:
        """A donor's ask sheet: what to send, when, from which stock or line, paid by which fund, and why."""
        return svc.ask_sheet(p, job, party)

    @api.get("/sweeps", tags=["sweeps"])
    def sweeps(p: API) -> list[dict[str, Any]]:
        """Uncertainty sweeps you may see, newest first."""
        return svc.sweeps(p)

    @api.post("/sweeps", tags=["sweeps"], status_code=202)
    def run_sweep(body: SweepIn, p: API) -> dict[str, Any]:
        """Queue an uncertainty sweep of the current scenario (or of a finished plan, fixed_plan); a worker process
        runs it. Poll GET /sweeps/{id} for progress (samples done, rate, time left)."""
        return svc.run_sweep(p, **body.model_dump())

    @api.get("/sweeps/{job}", tags=["sweeps"])
    def sweep_get(job: Id, p: API) -> dict[str, Any]:
        """A sweep job: state, progress while it runs, a summary once it has results, error if it failed."""
        return svc.sweep_job(p, job)

    @api.post("/sweeps/{job}/{action}", tags=["sweeps"])
    def sweep_action(job: Id, action: Annotated[str, PathParam(pattern="^(cancel|rerun)$")],
                     p: API) -> dict[str, Any]:
        """Cancel a queued or running sweep (the samples done are kept), or run a finished one again."""
        return svc.sweep_action(p, job, action)

    @api.get("/sweeps/{job}/tables/{name}", tags=["sweeps"])
    def sweep_table(job: Id, name: TableName, p: API,
                    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json") -> Any:
        """One table of a sweep with results: needs (unmet percentiles, P(met by due month)), sensitivity (the
        ranking of what hurts most; coordinator only) or fan (coverage quantiles per need and month)."""
        return _table(svc.sweep_tables(p, job), name, "sweep", job, format)

    app.include_router(api)
    return app


def app_from_env() -> FastAPI:
    """The application for ``$ALLYPLAN_DATABASE_URL`` and ``$ALLYPLAN_SECRET`` (each uvicorn process of
    ``allyplan serve --web-processes N`` builds its own; the secret is shared so that a session works in all)."""
    return create_app(os.environ.get("ALLYPLAN_DATABASE_URL"), secret=os.environ.get("ALLYPLAN_SECRET"),
                      secure_cookies=os.environ.get("ALLYPLAN_SECURE_COOKIES") == "1")


def _safe_next(v: str) -> str:
    return v if v.startswith("/") and not v.startswith("//") and "\\" not in v else "/"


def _filter(v: str) -> str | None:
    v = v.strip()
    if len(v) > 64 or "\x00" in v:
        raise ApiError(422, "invalid_input", "a filter is at most 64 characters of text")
    return v or None


def _int(v: str, name: str) -> int:
    try:
        n = int(v)
    except ValueError:
        raise ApiError(422, "invalid_input", f"{name} must be a whole number, not {v[:40]!r}") from None
    if not 1 <= n <= MAX_ID:
        raise ApiError(422, "invalid_input", f"{name} {n} is out of range")
    return n


def _whole(v: str, name: str) -> int:
    try:
        return int(v)
    except ValueError:
        raise ApiError(422, "invalid_input", f"{name} must be a whole number, not {v[:40]!r}") from None


def _float(v: str, name: str) -> float:
    try:
        return float(v)
    except ValueError:
        raise ApiError(422, "invalid_input", f"{name} must be a number, not {v[:40]!r}") from None


def _json(content: Any) -> bytes:
    """JSON as FastAPI encodes a returned value."""
    return bytes(JSONResponse(jsonable_encoder(content)).body)


def _xlsx(content: bytes, name: str) -> Response:
    return Response(content, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _table(tables: dict[str, Any], name: str, kind: str, job: int, format: str) -> Any:
    """One table of a plan or sweep job the account may see, as JSON records or a CSV download: a table that
    exists but is withheld from the account is 403, a table that does not exist 404."""
    if name not in tables:
        views = PLAN_VIEWS if kind == "plan" else access.SWEEP_VIEWS
        raise not_found(f"table {name!r} of {kind} {job}") if name not in views else forbidden(
            f"see the {name} of a {kind}")
    if format == "csv":
        return Response(tables[name].to_csv(index=False), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{kind}-{job}-{name}.csv"'})
    return _records(tables[name])


def _sweep_charts(svc: Service, p: Principal, job: int, tables: dict[str, Any]) -> list[dict[str, Any]]:
    """The fan chart of coverage and the tornado chart of sensitivities the sweep report draws
    (:mod:`allyplan.report.sweep_report`), as Plotly specs for the page's locally served Plotly."""
    from types import SimpleNamespace

    import pandas as pd

    from allyplan.report.sweep_report import fan_figure, tornado_figure

    charts: list[dict[str, Any]] = []
    fan = tables.get("fan")
    if fan is not None and len(fan):
        # The stored fan's months are labels already; the figure wants the needs in order and a month labeller.
        shim = SimpleNamespace(needs=pd.DataFrame({"id": list(dict.fromkeys(fan["need"]))}),
                               labels=lambda months: [str(m) for m in months])
        fig = json.loads(fan_figure(shim, fan).to_json())  # type: ignore[arg-type]
        charts.append({"id": "fan", "title": "Share of each need covered over the samples (median, middle half, "
                       "80% of samples)", "data": fig["data"], "layout": fig["layout"]})
    sens = tables.get("sensitivity")
    if sens is not None and len(sens):
        fig = json.loads(tornado_figure(sens).to_json())
        charts.append({"id": "tornado", "title": "Which slips hurt most (loss added alone: 10th to 90th percentile "
                       "over the samples; dot: mean)", "data": fig["data"], "layout": fig["layout"]})
    return charts


def _table_ctx(df: Any) -> dict[str, Any]:
    return {"columns": list(df.columns), "rows": _records(df.head(500)), "n": len(df)}


def _dashboard_charts(d: dict[str, Any]) -> list[dict[str, Any]]:
    charts: list[dict[str, Any]] = []
    if d.get("plan"):
        c = d["plan"]["coverage"]
        charts.append({"id": "coverage", "title": f"Coverage over time (plan {d['plan']['id']})", "data": [{
            "type": "heatmap", "z": c["pct"], "x": c["months"], "y": c["needs"], "zmin": 0, "zmax": 100,
            "colorscale": [[0, "#cf222e"], [0.5, "#f0b72f"], [1, "#1a7f37"]],
            "hovertemplate": "%{y}<br>%{x}: %{z:.0f}% covered<extra></extra>"}],
            "layout": {"height": max(300, 22 * len(c["needs"]) + 80), "yaxis": {"autorange": "reversed"},
                       "margin": {"l": 160, "r": 10, "t": 30, "b": 40}}})
    pd_ = d["pledged_delivered"]
    if not pd_:  # an empty ledger: no axes without bars (the page says there is nothing yet)
        return charts
    charts.append({"id": "pledged", "title": "Pledged against delivered, by donor (ledger, EUR m)", "data": [
        {"type": "bar", "name": "pledged", "x": [r["donor"] for r in pd_], "y": [r["pledged_eur"] / 1e6 for r in pd_]},
        {"type": "bar", "name": "delivered", "x": [r["donor"] for r in pd_],
         "y": [r["delivered_eur"] / 1e6 for r in pd_]}], "layout": {"barmode": "group", "height": 340}})
    b = d["burden"]
    charts.append({"id": "burden", "title": "Burden against GDP share (ledger pledges, %)", "data": [
        {"type": "bar", "name": "share of value pledged", "x": [r["donor"] for r in b],
         "y": [100 * r["share_of_value"] for r in b]},
        {"type": "bar", "name": "share of GDP", "x": [r["donor"] for r in b],
         "y": [100 * r["share_of_gdp"] for r in b]}],
        "layout": {"barmode": "group", "height": 340}})
    return charts


def _plan_charts(svc: Service, p: Principal, job: int, tables: dict[str, Any]) -> list[dict[str, Any]]:
    charts: list[dict[str, Any]] = []
    if "coverage" in tables:
        cov = tables["coverage"]
        pct = cov.assign(pct=(100 * cov["covered"] / cov["required"].where(cov["required"] > 0)).round(1))
        m = pct.pivot_table(index="need", columns="month", values="pct", aggfunc="first")
        charts.append({"id": "coverage", "title": "Share of each need covered, by month", "data": [{
            "type": "heatmap", "z": [[None if v != v else float(v) for v in row] for row in m.to_numpy()],
            "x": [str(c) for c in m.columns], "y": [str(i) for i in m.index], "zmin": 0, "zmax": 100,
            "colorscale": [[0, "#cf222e"], [0.5, "#f0b72f"], [1, "#1a7f37"]]}],
            "layout": {"height": max(300, 22 * len(m) + 80), "yaxis": {"autorange": "reversed"},
                       "margin": {"l": 160, "r": 10, "t": 30, "b": 40}}})
    if "burden" in tables:
        b = tables["burden"]
        charts.append({"id": "burden", "title": "Burden against GDP share (%)", "data": [
            {"type": "bar", "name": "share of value delivered", "x": list(b["donor"].astype(str)),
             "y": list((100 * b["share"]).astype(float))},
            {"type": "bar", "name": "share of coalition GDP", "x": list(b["donor"].astype(str)),
             "y": list((100 * b["gdp_share"]).astype(float))}], "layout": {"barmode": "group", "height": 340}})
    if "deliveries" in tables and len(tables["deliveries"]):
        dl = tables["deliveries"]
        by = dl.groupby("arrive_month")["value_eur"].sum()
        charts.append({"id": "deliveries", "title": "Value arriving each month (EUR m)", "data": [
            {"type": "bar", "x": [str(i) for i in by.index], "y": [float(v) / 1e6 for v in by.to_numpy()]}],
            "layout": {"height": 320}})
    return charts
