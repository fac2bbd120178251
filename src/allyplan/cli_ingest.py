"""``allyplan ingest`` and ``allyplan review``: read announcements into proposals, and review them into the ledger.

Thin over :mod:`allyplan.ingest` and :meth:`allyplan.ledger.Ledger.propose` / ``accept`` / ``reject`` /
``merge_proposal``.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from allyplan.cli import _fmt, _friendly, err, out
from allyplan.cli_ledger import Db
from allyplan.errors import AllyplanError

__all__ = ["ingest_cmd", "review_cmd"]


def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


@_friendly
def ingest_cmd(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for standard input: "
                                                      "plain text, HTML pages, RSS/Atom feeds", show_default=False,
                                                 metavar="FILE_OR_URL")],
    json_: Annotated[bool, typer.Option(
        "--json", help="Print one JSON object per document (JSON Lines): source, language, records, boilerplate, "
                       "title, date, hash, text")] = False,
    into_ledger: Annotated[bool, typer.Option("--into-ledger", help="Store the records as proposals to review "
                                                                    "(allyplan review); each document once")] = False,
    language: Annotated[str | None, typer.Option(help="The documents' language (ISO 639-1), instead of detecting "
                                                      "it", metavar="CODE")] = None,
    max_size: Annotated[float, typer.Option(help="Largest file or download read, in MB", metavar="MB")] = 10.0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL", metavar="SECONDS")] = 20.0,
    explain: Annotated[bool, typer.Option(
        "--explain", help="For each record, show why it is there: its cue, how its donor or party is attached, "
                          "and the rule that made it (with --json: an 'explain' object per record)")] = False,
    score_: Annotated[bool, typer.Option(
        "--score", help="The sources are folders of annotated cases (NAME.txt with NAME.gold.json): print "
                        "precision, recall and F1 per language and the errors per kind instead of the records"),
    ] = False,
    db: Db = None,
) -> None:
    """Read announcements and articles and print the pledges and policies they state, with their evidence."""
    from allyplan.ingest import Extractor, ingest
    from allyplan.ingest.rules import available_languages

    if score_:
        if into_ledger or explain:
            raise AllyplanError("--score only scores: run it without --into-ledger or --explain")
        _score(sources, language.lower() if language else None, json_)
        return

    if language is not None and language.lower() not in available_languages():
        err.print(f"[yellow]note:[/] there are no rules for --language {language!r}; only the parties and items the "
                  f"texts name are reported (rules: {', '.join(sorted(available_languages()))})", highlight=False)
    if max_size <= 0 or timeout <= 0:
        raise AllyplanError("--max-size and --timeout must be more than 0")
    ledger = None
    if into_ledger:
        from allyplan.ledger import Ledger

        ledger = Ledger(db)
    show_progress = err.is_terminal
    extractor = Extractor()
    read = 0
    from rich.progress import Progress

    with Progress(console=err, transient=True, disable=not show_progress) as bar:
        task = bar.add_task("reading", total=None)

        def progress(source: str, done: int) -> None:
            bar.update(task, description=f"reading {_short(source, 60)}", completed=done)

        results = ingest(sources, extractor=extractor, language=language.lower() if language else None,
                         max_bytes=int(max_size * 1_000_000), timeout=timeout, progress=progress)
    for r in results:
        if not r.ok:
            err.print(f"[bold red]error:[/] {escape(r.source)}: {escape(r.error or '')}", highlight=False)
            if json_:
                print(json.dumps(r.as_json(), ensure_ascii=False))
            continue
        read += 1
        stored = None
        if ledger is not None:
            stored = ledger.propose(*r.for_ledger())
        if json_:
            doc = r.as_json()
            if explain and r.extraction is not None:
                for rec, why in zip(doc["records"], r.extraction.records, strict=True):
                    rec["explain"] = why.explain
            if stored is not None:
                doc["ledger"] = {"document": stored.document, "proposals": stored.proposals,
                                 "already_ingested": stored.already,
                                 "restates": {str(k): v for k, v in stored.restates.items()}}
            print(json.dumps(doc, ensure_ascii=False))
        else:
            _print_result(r, explain)
            if stored is not None:
                if stored.already:
                    out.print(f"  already ingested (document {stored.document}, {stored.recorded}): not stored again",
                              highlight=False)
                else:
                    links = "".join(f"; proposal {p} re-states entry {e}" for p, e in stored.restates.items())
                    out.print(f"  stored as document {stored.document} with {len(stored.proposals)} proposal"
                              f"{'s' * (len(stored.proposals) != 1)} to review (allyplan review){links}",
                              highlight=False)
    if ledger is not None:
        ledger.close()
    failed = [r.source for r in results if not r.ok]
    if read == 0:
        err.print(f"[bold red]error:[/] nothing could be read ({len(results)} source"
                  f"{'s' * (len(results) != 1)} failed)", highlight=False)
        raise typer.Exit(2)
    if failed:
        err.print(f"[bold red]error:[/] {len(failed)} of {len(results)} sources could not be read: "
                  f"{escape(', '.join(failed))} (the others were read; see the messages above)", highlight=False)
        raise typer.Exit(1)


def _score(sources: list[str], language: str | None, as_json: bool) -> None:
    """Score folders of annotated cases: per language and per error kind."""
    from pathlib import Path

    from allyplan.ingest import Extractor, ingest
    from allyplan.ingest.score import ERROR_KINDS, read_cases, report, score

    extractor = Extractor()
    scored = []
    for folder in sources:
        path = Path(folder)
        if not path.is_dir():
            raise AllyplanError(f"--score {folder!r}: expected a folder of cases (NAME.txt with NAME.gold.json)")
        cases = read_cases(path)
        if not cases:
            raise AllyplanError(f"--score {folder!r}: no NAME.gold.json in it; each case is a text with its gold "
                                f"beside it")
        for src, gold in cases:
            [r] = ingest([str(src)], extractor=extractor, language=language)
            recs = [x.as_json() for x in r.extraction.records] if r.extraction else []
            scored.append((str(gold.get("language") or r.language or "?"), score(recs, gold)))
    rep = report(scored)
    if not as_json:
        for line in rep.lines():
            out.print(line, highlight=False)
        return

    def counts(s: Any) -> dict[str, Any]:
        a = s.all
        return {"precision": round(a.precision, 4), "recall": round(a.recall, 4), "f1": round(a.f1, 4),
                "tp": a.tp, "fp": a.fp, "fn": a.fn, "quantities": s.quantities,
                "quantities_right": s.quantities_right, "errors": {k: s.kinds.get(k, 0) for k in ERROR_KINDS}}

    langs = {k: {"cases": rep.cases[k], **counts(v)} for k, v in sorted(rep.languages.items())}
    print(json.dumps({"all": counts(rep.all), "cases": sum(rep.cases.values()), "languages": langs}))


def _fit(headers: list[str], rows: list[list[str]], right: set[str]) -> Table:
    """A table whose last column (the long text) is cut to what the terminal has left, one line per row."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
    room = max(20, out.width - sum(widths) - 2 * len(widths) - 1)  # each column is padded by a space a side
    t = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 1))
    for h in headers[:-1]:
        t.add_column(h, justify="right" if h in right else "left", no_wrap=True)
    t.add_column(headers[-1], no_wrap=True)
    for r in rows:
        t.add_row(*r[:-1], _short(r[-1], room))
    return t


def _print_result(r: Any, explain: bool = False) -> None:
    d, x = r.document, r.extraction
    title = f' · "{_short(d.title, 70)}"' if d.title else ""
    out.print(f"[bold]{escape(r.source)}[/] · {r.language or 'language unknown'}{escape(title)}", highlight=False)
    for note in x.notes:
        out.print(f"  [yellow]note:[/] {escape(note)}", highlight=False)
    if x.records:
        rows: list[list[str]] = []
        for rec in x.records:
            j = rec.as_json()
            if j["kind"] == "pledge":
                status = j["status"] + (" (re-announced)" if j["reannouncement"] else "")
                qty = _fmt(j["quantity"]) if j["quantity"] is not None else ""
                rows.append(["pledge", j["donor"], j["item"] or "—", qty, status, f"{j['confidence']:.1f}",
                             j["evidence"]])
            else:
                rows.append(["policy", j["party"], "", "", j["stance"], f"{j['confidence']:.1f}", j["evidence"]])
        out.print(_fit(["kind", "who", "item", "qty", "status / stance", "conf", "evidence"], rows,
                       right={"qty", "conf"}))
        if explain:
            for n, rec in enumerate(x.records, 1):
                why = rec.explain or {}
                who = rec.donor if rec.kind == "pledge" else rec.party
                what = (rec.item or "no item") if rec.kind == "pledge" else rec.stance
                cue = f'"{why["cue"]}" ({why["cue_class"]})' if why.get("cue") else "none"
                out.print(f"  {n}. {who} {what}: cue {escape(cue)}; {who}: {escape(str(why.get('attachment', '?')))};"
                          f" rule: {escape(str(why.get('rule', '?')))}", highlight=False, emoji=False)
    elif not x.notes:
        out.print("  no pledges or policies found")
    if not x.records and x.mentions:
        names = sorted({m.code for m in x.mentions})
        out.print(f"  names: {', '.join(names)}", highlight=False)
    if d.boilerplate:
        out.print(f"  boilerplate left out: {len(d.boilerplate)} block{'s' * (len(d.boilerplate) != 1)} "
                  f"({_short(' | '.join(b.text for b in d.boilerplate), 70)})", highlight=False)


# -- review ---------------------------------------------------------------------------------------------------------
@_friendly
def review_cmd(
    list_: Annotated[bool, typer.Option("--list", help="List proposals instead of reviewing them")] = False,
    status: Annotated[str | None, typer.Option(help="With --list: pending (the default), accepted, rejected, "
                                                    "merged or all", metavar="STATUS")] = None,
    format_: Annotated[str | None, typer.Option("--format", help="With --list: table (the default), csv or json",
                                                metavar="FORMAT")] = None,
    accept: Annotated[list[int] | None, typer.Option("--accept", help="Accept this proposal (repeat for several)",
                                                     show_default=False, metavar="ID")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="With one --accept: change a field first "
                                                                 "(e.g. quantity=4)",
                                                   show_default=False, metavar="FIELD=VALUE")] = None,
    reject: Annotated[list[int] | None, typer.Option("--reject", help="Reject this proposal (repeat for several)",
                                                     show_default=False, metavar="ID")] = None,
    merge: Annotated[int | None, typer.Option("--merge", help="Merge this proposal into the entry given by --into",
                                              show_default=False, metavar="ID")] = None,
    into: Annotated[int | None, typer.Option("--into", help="The entry a merged proposal re-states",
                                             show_default=False, metavar="ENTRY")] = None,
    why: Annotated[str | None, typer.Option(help="Why (recorded with a rejection or merge)",
                                            metavar="TEXT")] = None,
    db: Db = None,
) -> None:
    """Walk the proposals from ingest one by one: accept, edit, reject, or merge with an existing entry."""
    from allyplan.ledger import Ledger

    acting = bool(accept or reject or merge is not None)
    if status is not None and not list_:
        raise AllyplanError("--status goes with --list (allyplan review --list --status all)")
    if format_ is not None and not list_:
        raise AllyplanError("--format goes with --list (allyplan review --list --format csv)")
    if format_ is not None and format_ not in _FORMATS:
        raise AllyplanError(f"--format {format_!r}: expected one of {', '.join(_FORMATS)}")
    if (set_ and not accept) or (into is not None and merge is None):
        raise AllyplanError("--set goes with --accept, and --into with --merge")
    if why is not None and not (reject or merge is not None):
        raise AllyplanError("--why goes with --reject or --merge (the interactive review asks for it)")
    if list_ and acting:
        raise AllyplanError("--list only lists: run it without --accept, --reject or --merge")
    with Ledger(db) as led:
        if list_:
            _list(led, status or "pending", format_ or "table")
        elif acting:
            _act(led, accept or [], _edits(set_ or []), reject or [], merge, into, why or "")
        else:
            _interactive(led)


def _edits(pairs: list[str]) -> dict[str, str]:
    edits: dict[str, str] = {}
    for p in pairs:
        if "=" not in p:
            raise AllyplanError(f"--set {p!r}: expected FIELD=VALUE, e.g. --set quantity=4")
        k, v = p.split("=", 1)
        edits[k.strip()] = v.strip()
    return edits


def _act(led: Any, accept: list[int], edits: dict[str, str], reject: list[int], merge: int | None,
         into: int | None, why: str) -> None:
    if edits and len(accept) != 1:
        raise AllyplanError("--set changes one proposal: give exactly one --accept with it")
    for pid in accept:
        entry = led.accept(pid, **edits)
        out.print(f"proposal {pid} accepted" + (f": entry {entry}" if entry else " (a policy statement)"),
                  highlight=False)
    for pid in reject:
        led.reject(pid, why=why)
        out.print(f"proposal {pid} rejected", highlight=False)
    if merge is not None:
        if into is None:
            raise AllyplanError("--merge needs --into ENTRY: the entry the proposal re-states")
        s = led.merge_proposal(merge, into, why=why)
        out.print(f"proposal {merge} merged into entry {into} (sources: {s.sources})", highlight=False)


_FORMATS = ("table", "csv", "json")
_LIST_FIELDS = ("id", "review", "kind", "donor", "item", "quantity", "status", "stance", "reannouncement",
                "confidence", "restates", "entry", "document", "title", "source")


def _list(led: Any, status: str, format_: str = "table") -> None:
    from allyplan.ledger.models import REVIEW_STATES

    states = REVIEW_STATES if status == "all" else (status,)
    if status != "all" and status not in REVIEW_STATES:
        raise AllyplanError(f"--status {status!r}: expected one of {', '.join(REVIEW_STATES)} or all")
    df = led.proposals(states)
    if format_ != "table":
        records = [{k: _plain(r.get(k)) for k in _LIST_FIELDS}
                   for r in df.astype(object).where(df.notna(), None).to_dict("records")]
        if format_ == "json":
            print(json.dumps(records, ensure_ascii=False))
        else:
            import csv

            w = csv.DictWriter(sys.stdout, fieldnames=list(_LIST_FIELDS), lineterminator="\n")
            w.writeheader()
            w.writerows(records)
        return
    if not len(df):
        out.print(f"no {status if status != 'all' else ''} proposals".replace("  ", " "), highlight=False)
        return
    rows = []
    for r in df.astype(object).where(df.notna(), None).to_dict("records"):
        rows.append([str(r["id"]), r["review"], r["kind"], r["donor"], r["item"] or "",
                     _fmt(r["quantity"]) if r["quantity"] is not None else "",
                     (r["status"] or r["stance"] or "") + (" (re-announced)" if r["reannouncement"] else ""),
                     f"{r['confidence']:.1f}", str(int(r["restates"])) if r["restates"] is not None else "",
                     str(int(r["entry"])) if r["entry"] is not None else "",
                     f"{r['document']}: {r['title'] or r['source']}"])
    out.print(_fit(["id", "review", "kind", "who", "item", "qty", "status / stance", "conf", "restates", "entry",
                    "document"], rows, right={"id", "qty", "conf", "restates", "entry"}))


def _plain(v: Any) -> Any:
    """A value as JSON and CSV write it (numpy numbers as Python's, whole floats as ints)."""
    if v is None:
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


_FIELDS = ("donor", "recipient", "item", "quantity", "value", "currency", "status", "announced")


def _interactive(led: Any) -> None:
    df = led.proposals(("pending",))
    if not len(df):
        out.print("no pending proposals: ingest documents with allyplan ingest ... --into-ledger", highlight=False)
        return
    if not sys.stdin.isatty():
        err.print("[yellow]note:[/] reading answers from standard input", highlight=False)
    done = {"accepted": 0, "rejected": 0, "merged": 0, "skipped": 0}
    ids = [int(i) for i in df["id"]]
    for n, pid in enumerate(ids, 1):
        p = led.proposal(pid)
        _show(led, p, n, len(ids))
        unsized = p["kind"] == "pledge" and p["quantity"] is None and p["value"] is None
        default = "m" if p["restates"] else "e" if unsized else "a"
        while True:
            choice = typer.prompt("[a]ccept [e]dit [r]eject [m]erge [s]kip [q]uit", default=default).strip().lower()[:1]
            try:
                if choice == "a":
                    entry = led.accept(pid)
                    out.print("  accepted" + (f": entry {entry}" if entry else ""), highlight=False)
                    done["accepted"] += 1
                elif choice == "e":
                    edits = _ask_edits(p)
                    entry = led.accept(pid, **edits)
                    out.print(f"  accepted with {', '.join(edits) or 'no'} changes" + (f": entry {entry}" if entry
                                                                                       else ""), highlight=False)
                    done["accepted"] += 1
                elif choice == "r":
                    reason = typer.prompt("  why", default="not a pledge")
                    led.reject(pid, why=reason)
                    out.print("  rejected", highlight=False)
                    done["rejected"] += 1
                elif choice == "m":
                    if p["kind"] != "pledge":
                        out.print("  only a pledge can be merged; accept or reject this policy", highlight=False)
                        continue
                    entry = typer.prompt("  merge into entry", default=p["restates"] or None, type=int)
                    led.merge_proposal(pid, entry)
                    out.print(f"  merged into entry {entry}", highlight=False)
                    done["merged"] += 1
                elif choice == "s":
                    done["skipped"] += 1
                elif choice == "q":
                    _summary(done, len(ids) - n + 1)
                    return
                else:
                    out.print("  answer a, e, r, m, s or q", highlight=False)
                    continue
            except AllyplanError as e:
                out.print(f"  [red]not done:[/] {escape(str(e))}", highlight=False)
                continue
            break
    _summary(done, 0)


def _summary(done: dict[str, int], left: int) -> None:
    out.print(", ".join(f"{v} {k}" for k, v in done.items()) + (f"; {left} left for later" if left else ""),
              highlight=False)


def _ask_edits(p: dict[str, Any]) -> dict[str, Any]:
    edits: dict[str, Any] = {}
    fields = ("party", "stance") if p["kind"] == "policy" else _FIELDS
    for f in fields:
        current = p["donor"] if f == "party" else p.get(f)
        if f == "announced":
            current = p.get("published") or ""
        shown = "" if current is None else (_fmt(current) if isinstance(current, float) else str(current))
        v = typer.prompt(f"  {f}", default=shown, show_default=True)
        if v != shown:
            edits[f] = v
    return edits


def _show(led: Any, p: dict[str, Any], n: int, total: int) -> None:
    text = p["text"] or ""
    a, b = int(p["span_start"]), int(p["span_end"])
    before = text[max(0, a - 120):a]
    after = text[b:b + 120]
    out.rule(f"proposal {p['id']} ({n} of {total}) · {p['kind']} · confidence {p['confidence']:.1f}")
    out.print(f"document {p['document']}: {escape(p['title'] or '')} ({p['language'] or '?'}"
              f"{', ' + str(p['published']) if p['published'] else ''}) {escape(p['url'] or p['source'])}",
              highlight=False)
    out.print(f"[dim]…{escape(_short(before, 120))}[/] [bold]{escape(text[a:b])}[/] "
              f"[dim]{escape(_short(after, 120))}…[/]", highlight=False)
    if p["kind"] == "pledge":
        q = _fmt(p["quantity"]) if p["quantity"] is not None else "—"
        v = f" · value {_fmt(p['value'])} {p['currency']}" if p["value"] is not None else ""
        out.print(f"donor [bold]{p['donor']}[/] · item [bold]{p['item'] or '—'}[/] · quantity {q}{v} · status "
                  f"[bold]{p['status']}[/]" + (" · re-announced" if p["reannouncement"] else ""), highlight=False)
        if p["quantity"] is None and p["value"] is None:
            out.print("the text gives no quantity or value: edit to give one before it can become an entry",
                      highlight=False)
        if not p["published"]:
            out.print("the document has no date: an accepted entry is announced on the day it was ingested unless "
                      "you edit 'announced'", highlight=False)
        like = led.entries_like(p["id"])
        if len(like):
            rows = "; ".join(f"#{r.entry} {r.status} {_fmt(r.quantity) if r.quantity == r.quantity else '—'} "
                             f"announced {r.announced}" for r in like.head(3).itertuples())
            out.print(f"already in the ledger for {p['donor']} / {p['item'] or 'no item'}: {rows}"
                      + (f" (re-states #{p['restates']})" if p["restates"] else ""), highlight=False)
    else:
        out.print(f"party [bold]{p['donor']}[/] · stance [bold]{p['stance']}[/]", highlight=False)
