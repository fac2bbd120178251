"""The ``allyplan`` command: a thin layer over the library. Errors exit 2 with a message, never a traceback."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer
from rich.console import Console

from allyplan import __version__, example_path
from allyplan.errors import AllyplanError, LedgerInputError, ScenarioError
from allyplan.output import Column, TableData, emit

if TYPE_CHECKING:
    import pandas as pd

    from allyplan.planner import Plan, SolveProgress

__all__ = ["app", "main"]

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                  help="Plan, check and explain a coalition's deliveries to a recipient at war.")
out = Console()
if not out.is_terminal and "COLUMNS" not in os.environ:
    out.width = 160  # tables piped to a file or another program are read whole, not in an 80-column window
err = Console(stderr=True, soft_wrap=True)
log = logging.getLogger("allyplan")

Format = Annotated[Literal["table", "csv", "json"],
                   typer.Option("--format", metavar="table|csv|json",
                                help="table (for people), csv or json (for other programs)")]

ScenarioArg = Annotated[Path, typer.Argument(metavar="SCENARIO", help="Scenario folder or .xlsx workbook")]


def _version(value: bool) -> None:
    if value:
        out.print(f"allyplan {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit", callback=_version,
                                          is_eager=True)] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True,
                                         help="Say more of what is done (-vv: debugging detail)")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", help="Print warnings and errors only")] = False,
) -> None:
    """Plan, check and explain a coalition's deliveries to a recipient at war."""
    from rich.logging import RichHandler

    level = logging.WARNING if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    handler = RichHandler(console=err, show_time=False, show_path=verbose > 1, markup=False)
    logging.basicConfig(level=level, format="%(message)s", handlers=[handler], force=True)
    log.setLevel(level)

# Whether this process is the `allyplan` command's own (set by allyplan.__main__), not a program calling the CLI.
_own_process = False


def own_process() -> None:
    """Called by the ``allyplan`` command before it runs: what has loaded so far (the command line's libraries,
    loaded with the cycle collector off) is frozen out of every later collection, and the collector is on."""
    global _own_process
    _own_process = True
    gc.freeze()
    gc.enable()


@contextmanager
def loading() -> Iterator[None]:
    """Import a command's libraries (pandas, SciPy, HiGHS, ...) with the cycle collector paused.

    Importing them makes some 400,000 objects and no garbage, and collecting while they load went over all of
    them again and again: 0.15 of the 1.3 CPU seconds of ``allyplan plan`` of the example. In the command's own
    process what they made is then frozen (``gc.freeze``: kept out of every later collection, as a module's
    objects live as long as the process anyway); a program calling the CLI in-process gets its collector back as
    it was and nothing frozen.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _own_process:
            gc.freeze()
        if enabled:
            gc.enable()


F = TypeVar("F", bound=Callable[..., Any])


def _friendly(fn: F) -> F:
    """Turn allyplan's own errors into a message on stderr and exit code 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (ScenarioError, LedgerInputError) as e:
            n = f"{len(e.problems)} problem{'s' if len(e.problems) != 1 else ''}"
            fixed = "it is" if len(e.problems) == 1 else "they are"
            what = (f"{n} in the scenario; it cannot be planned until {fixed} fixed." if isinstance(e, ScenarioError)
                    else f"{n} in the input; nothing was written.")
            err.print(f"[bold red]error:[/] {what}", highlight=False, soft_wrap=True)
            for p in e.problems[:200]:
                err.print(f"  - {p}", highlight=False, markup=False)
            if len(e.problems) > 200:
                err.print(f"  ... and {len(e.problems) - 200} more", highlight=False, markup=False)
            raise typer.Exit(2) from None
        except (AllyplanError, OSError) as e:
            err.print(f"[bold red]error:[/] {e}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}".rstrip("0").rstrip(".")


def _plan_tables(p: Plan, written: Path | None, ns: pd.DataFrame | None = None,
                 sf: pd.DataFrame | None = None) -> list[TableData]:
    """The plan's summary tables: coverage per need, why needs remain short, burden per donor (``ns`` and ``sf``:
    the plan's need and shortfall summaries, if already made)."""
    from allyplan.report.stats import need_summary, shortfall_summary

    where = f"{written}/" if written is not None else ""
    ns = need_summary(p) if ns is None else ns
    cov = TableData(
        f"Coverage — {p.scenario.config.name}",
        [Column("need", "id"), Column("priority", "number", optional=True), Column("kind", "id", optional=True),
         Column("required", "number"), Column("covered", "number"), Column("%", "number", key="covered_pct"),
         Column("met by", "date", key="met_by"), Column("main limit", "id", optional=True, key="main_reason")],
        [[r.need, _fmt(r.priority), r.kind, _fmt(r.required), _fmt(r.covered), f"{r.covered_pct:.0f}", r.met_by,
          r.main_reason] for r in ns.itertuples()],
        records=ns[["need", "priority", "kind", "required", "covered", "covered_pct", "met_by",
                    "main_reason"]].to_dict("records"),
        limit=40, more_in=f"{where}coverage.csv")
    cov.markup = [[*r[:5], f"[{'green' if x >= 99.999 else 'yellow' if x >= 50 else 'red'}]{r[5]}[/]", *r[6:]]
                  for r, x in zip(cov.rows, ns["covered_pct"], strict=True)]
    sf = shortfall_summary(p) if sf is None else sf
    short = TableData(
        "Why needs remain short (first month, months affected, what would close it)",
        [Column("need", "id"), Column("limit", "text"), Column("first", "date"), Column("months", "number"),
         Column("relief", "text", optional=True)],
        [[r.need, r.limit, r.first, str(r.months), r.relief] for r in sf.itertuples()],
        limit=25, more_in=f"{where}shortfalls.csv")
    b = p.burden[p.burden["value_eur"] > 0]
    burden = TableData(
        "Burden (value delivered against share of coalition GDP)",
        [Column("donor", "id"), Column("value EUR m", "number"), Column("share %", "number"),
         Column("GDP share %", "number", optional=True), Column("% of GDP", "number", optional=True)],
        [[r.donor, _fmt(r.value_eur / 1e6), f"{100 * r.share:.1f}", f"{100 * r.gdp_share:.1f}", f"{r.pct_gdp:.3f}"]
         for r in b.itertuples()],
        records=b.to_dict("records"), limit=20, more_in=f"{where}burden.csv")
    return [cov, short, burden]


def _print_summary(p: Plan, written: Path | None, fmt: str = "table", ns: pd.DataFrame | None = None,
                   sf: pd.DataFrame | None = None) -> None:
    cov, short, burden = _plan_tables(p, written, ns, sf)
    if fmt == "json":
        import json

        sys.stdout.write(json.dumps(p.summary(), default=str, indent=1) + "\n")
        return
    if fmt == "csv":
        emit(cov, "csv")
        return
    emit(cov, console=out)
    if short.rows:
        emit(short, console=out)
    emit(burden, console=out)
    s = p.summary()
    proven = "proven optimal" if p.optimal else f"not proven optimal: gap {p.gap:.2%}"
    out.print(f"[bold]{s['needs_fully_met']} of {s['needs']} needs fully met[/]; {s['deliveries']} deliveries worth "
              f"EUR {s['value_eur'] / 1e9:,.2f} bn; status {p.status.value} ({proven}); "
              f"solved in {p.timings['solve']:.2f} s.", highlight=False, soft_wrap=True)
    if p.method.startswith("greedy plan"):
        out.print(f"[yellow]The time ran out before the planner's LP relaxation was solved: this is a {p.method}, "
                  "which keeps every rule but is not optimised and has no useful bound. Give it a larger "
                  "--time-limit for an optimised plan.[/]", highlight=False, soft_wrap=True)
    if written is not None:
        files = ", ".join(sorted(f.name + ("/" if f.is_dir() else "") for f in written.iterdir()))
        out.print(f"Plan written to {written}/ ({files})", highlight=False, soft_wrap=True)


def _elapsed(command_started: float) -> float:
    """Seconds this run has taken so far: since the process started when it is the ``allyplan`` command
    (Linux; so starting Python and importing count), else since the command was called (in-process callers)."""
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if argv0.name == "allyplan" or argv0.parts[-2:] == ("allyplan", "__main__.py"):
        try:
            fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
            started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
            return max(time.clock_gettime(time.CLOCK_BOOTTIME) - started, 0.0)
        except (OSError, ValueError, IndexError, AttributeError):
            pass
    return time.perf_counter() - command_started


@app.command("plan")
@_friendly
def plan_cmd(
    scenario: Annotated[Path | None, typer.Argument(
        metavar="SCENARIO", help="Scenario folder or .xlsx workbook (default: the shipped example, "
                                 "winter-air-defence)")] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", metavar="DIR", help="Where to write the plan (default: SCENARIO/plan, or ./plan for the shipped "
                                     "example)")] = None,
    time_limit: Annotated[float, typer.Option(
        metavar="SECONDS", min=0.1, help="Seconds of wall time for the whole run, from start to the written folder; "
                                         "the best plan found by then is written")] = 60.0,
    gap: Annotated[float, typer.Option(metavar="GAP", help="Relative optimality gap at which to stop", min=0.0)] = 1e-4,
    threads: Annotated[int | None, typer.Option(metavar="N", help="Solver threads (default: all cores)", min=1)] = None,
    report: Annotated[bool, typer.Option(help="Write report.html")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only where the plan was written")] = False,
    ledger: Annotated[str | None, typer.Option(
        metavar="URL", help="Ledger (database URL or SQLite file) whose committed pledges are fixed supply and whose "
                            "deliveries are holdings")] = None,
    as_of: Annotated[str | None, typer.Option(
        metavar="DATE", help="With --ledger: read the ledger as of this date (YYYY-MM-DD)")] = None,
    write_model: Annotated[Path | None, typer.Option("--write-model", metavar="FILE.mps",
                                                     help="Also write the model, exactly as solved, to this MPS "
                                                          "(or .lp) file for another solver")] = None,
    robust: Annotated[Path | None, typer.Option(help="Uncertainty file: keep the plan (nominal, buffered or "
                                                     "sample-average) that does best over --samples draws",
                                                metavar="FILE")] = None,
    samples: Annotated[int, typer.Option(help="With --robust: draws to compare the plans over", min=1,
                                         metavar="N")] = 50,
    fmt: Format = "table",
) -> None:
    """Compute a delivery plan, print a summary, and write the plan's tables and report."""
    if write_model is not None and write_model.suffix.lower() not in (".mps", ".lp"):
        raise AllyplanError(f"--write-model {write_model}: the file name must end in .mps (or .lp), the format "
                            "HiGHS writes")
    with loading():
        from allyplan.plan_files import check_out_dir, write_plan
        from allyplan.planner import plan
        from allyplan.report.stats import need_summary, shortfall_summary
        from allyplan.scenario import build_scenario, load_scenario, read_raw

    t0 = time.perf_counter()
    path = scenario if scenario is not None else example_path()
    if ledger is None:
        s = load_scenario(path)
    else:
        from allyplan.ledger import Ledger
        from allyplan.ledger.baseline import with_ledger
        from allyplan.ledger.store import as_date

        config, raw, labels = read_raw(path)
        with Ledger(ledger, create=False, option="--ledger") as led:
            raw, notes = with_ledger(config, raw, led, as_date(as_of, "--as-of", "plan --ledger"))
        labels = {**labels, "pledges": f"ledger {ledger}"}
        s = build_scenario(config, raw, labels, origin=str(path))
        if not quiet:
            for n in notes:
                err.print(f"[yellow]note:[/] {n}", highlight=False, soft_wrap=True)
    t_load = time.perf_counter() - t0
    log.info("loaded %s in %.2f s: %d donors, %d items, %d needs, %d months", path, t_load, len(s.donors),
             len(s.items), len(s.needs), s.horizon)
    if out_dir is None:
        out_dir = Path("plan") if scenario is None else (path if path.is_dir() else path.parent) / "plan"
    check_out_dir(out_dir)
    try:
        with err.status("Building and solving the model…", spinner="dots") as status:
            def progress(pr: SolveProgress) -> None:
                found = "" if pr.objective != pr.objective else (
                    f", best {pr.objective:,.1f}, bound {pr.bound:,.1f}, gap {pr.gap:.2%}")
                status.update(f"Solving ({pr.phase or 'branch and bound'}): {pr.seconds:.0f} s{found}")
            log.info("building and solving the model")
            if robust is None:
                # --time-limit is the whole run's: what starting and loading took comes off (plan keeps writing's back)
                p = plan(s, time_limit=max(time_limit - _elapsed(t0), 0.05), gap=gap, threads=threads,
                         progress=None if quiet else progress, model_file=write_model)
            else:
                from allyplan.cli_sweep import robust_for_plan

                # robust (issue 12): each step of the robust choice is shown on the status line
                status.update(f"Planning the nominal, buffered and sample-average plans ({samples} draws)…")
                p, show_robust = robust_for_plan(s, robust, samples, time_limit=time_limit, gap=gap, threads=threads,
                                                 progress=None if quiet else status.update)
            status.update("Writing the plan…")
            log.info("solved (%s); writing the plan to %s", p.status.value, out_dir)
            # made once, for the plan folder and the summary printed below
            ns, sf = need_summary(p), shortfall_summary(p)
            written = write_plan(p, out_dir, report=report, extra_timings={"load": t_load}, ledger=ledger,
                                 ledger_as_of=as_of, needs=ns, shortfalls=sf)
    except KeyboardInterrupt:
        err.print(f"interrupted; nothing written to {out_dir}", highlight=False)
        raise typer.Exit(130) from None
    if robust is not None:
        show_robust(written, not quiet)
    if quiet:
        out.print(str(written))
    else:
        _print_summary(p, written, fmt, ns, sf)


@app.command("check")
@_friendly
def check_cmd(scenario: ScenarioArg) -> None:
    """Validate a scenario and list every problem at once, without solving."""
    with loading():
        from allyplan.scenario import load_scenario

    s = load_scenario(scenario)
    out.print(f"[green]OK[/]: {scenario} — {len(s.donors)} donors, {len(s.items)} items, {len(s.stocks)} stocks, "
              f"{len(s.production)} production lines, {s.funds['fund'].nunique()} funds, {len(s.needs)} needs, "
              f"{len(s.policies)} policies, {len(s.pledges)} pledges; {s.horizon} months from {s.config.start}.",
              highlight=False, soft_wrap=True)


@app.command("init")
@_friendly
def init_cmd(directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create")],
             start: Annotated[str, typer.Option(metavar="YYYY-MM", help="First month")] = "2027-01",
             recipient: Annotated[str, typer.Option(metavar="CODE", help="Recipient party code")] = "UA") -> None:
    """Write an empty scenario: every table with its header and a commented scenario.yaml."""
    from allyplan.scenario import write_template
    from allyplan.sweep.uncertainty import write_default_uncertainty

    d = write_template(directory, start=start, recipient=recipient)
    write_default_uncertainty(d)
    out.print(f"Wrote an empty scenario to {d}/. Fill in the tables (`allyplan fields` explains every column), "
              f"then run `allyplan check {d}`.", highlight=False, soft_wrap=True)


@app.command("generate")
@_friendly
def generate_cmd(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the scenario to")],
    donors: Annotated[int, typer.Option(metavar="N", min=1, help="Number of donor states")] = 50,
    items: Annotated[int, typer.Option(metavar="N", min=1, help="Number of item types in the catalog")] = 500,
    needs: Annotated[int, typer.Option(metavar="N", min=1, help="Number of needs of the recipient")] = 1000,
    months: Annotated[int, typer.Option(metavar="N", min=1, max=240, help="Months planned")] = 36,
    seed: Annotated[int, typer.Option(metavar="N", help="Random seed: the same seed writes the same scenario")] = 0,
    start: Annotated[str, typer.Option(metavar="YYYY-MM", help="First month")] = "2027-01",
) -> None:
    """Write a synthetic scenario of any size (deterministic for a seed; all figures illustrative)."""
    from allyplan.generate import write_generated

    if (directory / "scenario.yaml").exists():
        raise AllyplanError(f"{directory} already holds a scenario; choose another folder")
    with err.status("Generating…"):
        d = write_generated(directory, donors=donors, items=items, needs=needs, months=months, seed=seed, start=start)
    out.print(f"Wrote a synthetic scenario ({donors} donors, {items} items, {needs} needs, {months} months, "
              f"seed {seed}) to {d}/", highlight=False, soft_wrap=True)


@app.command("verify")
@_friendly
def verify_cmd(scenario: ScenarioArg,
               plan_dir: Annotated[Path, typer.Argument(metavar="PLAN_DIR",
                                                        help="Plan folder written by `allyplan plan`")]) -> None:
    """Re-check a plan against every planning rule, independently of the planner. Exit 1 if a rule is broken."""
    with loading():
        from allyplan.scenario import load_scenario
        from allyplan.verify import verify_plan_dir

    s = load_scenario(scenario)
    rep = verify_plan_dir(s, plan_dir)
    if rep.ok:
        out.print(f"[green]OK[/]: the plan in {plan_dir} keeps every rule ({rep.checked['deliveries']} deliveries, "
                  f"{rep.checked['baseline']} baseline assignments, {rep.checked['coverage']} coverage rows checked).",
                  highlight=False, soft_wrap=True)
        return
    err.print(f"[bold red]{len(rep.violations)} rule violation(s)[/] in {plan_dir}:", highlight=False, soft_wrap=True)
    for v in rep.violations[:200]:
        err.print(f"  - {v}", markup=False, highlight=False)
    raise typer.Exit(1)


@app.command("examples")
@_friendly
def examples_cmd(directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="Folder to copy the examples into (created if needed; nothing in it is overwritten)")]
                 ) -> None:
    """Copy the example scenario, a broken copy of it, sample ledger files and sample documents into a folder."""
    from allyplan.examples import copy_examples

    written = copy_examples(directory)
    out.print(f"Copied {len(written)} examples into {directory}/: " + ", ".join(
        p.name + ("/" if p.is_dir() else "") for p in written), highlight=False, soft_wrap=True)
    out.print(f"Next: cd {directory} && allyplan plan winter-air-defence", highlight=False, soft_wrap=True)


@app.command("fields")
def fields_cmd() -> None:
    """Print every scenario field (type, unit, default, description) as Markdown."""
    from allyplan.schema import fields_markdown

    sys.stdout.write(fields_markdown())


from allyplan.cli_ledger import ledger_app  # noqa: E402  (it uses the helpers above)

app.add_typer(ledger_app, name="ledger")

from allyplan.cli_ingest import ingest_cmd, review_cmd  # noqa: E402

app.command("ingest")(ingest_cmd)
app.command("review")(review_cmd)

from allyplan.cli_sweep import sweep_cmd  # noqa: E402

app.command("sweep")(sweep_cmd)

from allyplan.cli_web import register as register_web  # noqa: E402

register_web(app)


_VALUE_NAMES = {"db": "URL", "source": "URL", "who": "NAME", "why": "TEXT", "description": "TEXT", "label": "TEXT",
                "date": "DATE", "as_of": "DATE", "since": "DATE", "until": "DATE", "announced": "DATE",
                "expected": "DATE", "map": "FIELD=COLUMN,...", "host": "HOST", "password": "PASSWORD"}


def _name_every_value(typer_app: typer.Typer) -> None:
    """Give every option and argument that does not name its value one, from its name and type (``--db URL``,
    ``--samples N``, ``ENTRY``), so that ``--help`` never shows Typer's Python-type placeholders (``<str>``,
    ``<list[str]>``, ``{entry}``). Runs once, over the declarations, when the command is built."""
    import inspect
    import types
    import typing

    from typer.models import ArgumentInfo, OptionInfo

    def value_name(name: str, hint: Any, argument: bool) -> str | None:
        origin = typing.get_origin(hint)
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if origin is typing.Literal:
            return "|".join(str(a) for a in typing.get_args(hint))
        if origin in (list, typing.Union, types.UnionType):
            return value_name(name, args[0], argument) if args else None
        if hint is bool:
            return None
        if argument:
            return name.upper()
        if name in _VALUE_NAMES:
            return _VALUE_NAMES[name]
        if hint is int:
            return "N"
        if hint is float:
            return "NUMBER"
        if hint is Path:
            return "DIR" if name in ("out", "out_dir", "directory", "folder") else "FILE"
        return name.upper().replace("_", "-")

    def walk(a: typer.Typer) -> None:
        for cmd in a.registered_commands:
            if cmd.callback is None:
                continue
            fn = inspect.unwrap(cmd.callback)
            # evaluated once and written back: annotations are strings here, and each evaluation makes new objects
            for name, hint in typing.get_type_hints(fn, include_extras=True).items():
                for info in getattr(hint, "__metadata__", ()):
                    if isinstance(info, ArgumentInfo | OptionInfo) and info.metavar is None:
                        info.metavar = value_name(name, hint.__origin__, isinstance(info, ArgumentInfo))
                fn.__annotations__[name] = hint
        for group in a.registered_groups:
            if group.typer_instance is not None:
                walk(group.typer_instance)

    walk(typer_app)


_name_every_value(app)


def main() -> None:  # pragma: no cover - the console script entry point is `app`
    app()
