"""The ``allyplan`` command: a thin layer over the library. Errors exit 2 with a message, never a traceback."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from allyplan import example_path
from allyplan.errors import AllyplanError, ScenarioError
from allyplan.ledger.checks import LedgerInputError

if TYPE_CHECKING:
    from allyplan.planner import Plan, SolveProgress

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Plan, check and explain a coalition's deliveries to a recipient at war.")
out = Console()
if not out.is_terminal and "COLUMNS" not in os.environ:
    out.width = 160  # tables piped to a file or another program are read whole, not in an 80-column window
err = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(fn: F) -> F:
    """Turn allyplan's own errors into a message on stderr and exit code 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (ScenarioError, LedgerInputError) as e:
            what = "in the scenario" if isinstance(e, ScenarioError) else "in the input"
            err.print(f"[bold red]error:[/] {len(e.problems)} problem{'s' if len(e.problems) != 1 else ''} "
                      f"{what}; nothing was written.", highlight=False, soft_wrap=True)
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


def _print_summary(p: Plan, written: Path | None) -> None:
    from allyplan.report.stats import need_summary, shortfall_summary

    s = p.summary()
    t = Table(title=f"Coverage — {p.scenario.config.name}", title_justify="left")
    for c in ("need", "priority", "kind", "required", "covered", "%", "met by", "main limit"):
        t.add_column(c, justify="right" if c in ("priority", "required", "covered", "%") else "left")
    for r in need_summary(p).itertuples():
        colour = "green" if r.covered_pct >= 99.999 else "yellow" if r.covered_pct >= 50 else "red"
        t.add_row(r.need, _fmt(r.priority), r.kind, _fmt(r.required), _fmt(r.covered),
                  f"[{colour}]{r.covered_pct:.0f}[/]", r.met_by, r.main_reason)
    out.print(t)
    sf = shortfall_summary(p)
    if len(sf):
        t = Table(title="Why needs remain short (first month, months affected, what would close it)",
                  title_justify="left")
        for c in ("need", "limit", "first", "months", "relief"):
            t.add_column(c)
        for r in sf.head(25).itertuples():
            t.add_row(r.need, r.limit, r.first, str(r.months), r.relief)
        if len(sf) > 25:
            t.caption = f"... and {len(sf) - 25} more in shortfalls.csv"
        out.print(t)
    b = p.burden
    t = Table(title="Burden (value delivered against share of coalition GDP)", title_justify="left")
    for c in ("donor", "value EUR m", "share %", "GDP share %", "% of GDP"):
        t.add_column(c, justify="left" if c == "donor" else "right")
    for r in b[b["value_eur"] > 0].head(20).itertuples():
        t.add_row(r.donor, _fmt(r.value_eur / 1e6), f"{100 * r.share:.1f}", f"{100 * r.gdp_share:.1f}",
                  f"{r.pct_gdp:.3f}")
    out.print(t)
    proven = "proven optimal" if p.optimal else f"not proven optimal: gap {p.gap:.2%}"
    out.print(f"[bold]{s['needs_fully_met']} of {s['needs']} needs fully met[/]; {s['deliveries']} deliveries worth "
              f"EUR {s['value_eur'] / 1e9:,.2f} bn; status {p.status.value} ({proven}); "
              f"solved in {p.timings['solve']:.2f} s.", highlight=False, soft_wrap=True)
    if written is not None:
        out.print(f"Plan written to {written}/ (deliveries.csv, coverage.csv, shortfalls.csv, burden.csv, "
                  "baseline.csv, summary.json, report.html)", highlight=False, soft_wrap=True)


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
    scenario: Annotated[Path | None, typer.Argument(help="Scenario folder or .xlsx workbook (default: the "
                                                         "shipped example, winter-air-defence)")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Where to write the plan (default: SCENARIO/plan, "
                                                              "or ./plan for the shipped example)")] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds of wall time for the whole run, from start to the "
                                                   "written folder; the best plan found by then is written",
                                              min=0.1)] = 60.0,
    gap: Annotated[float, typer.Option(help="Relative optimality gap at which to stop", min=0.0)] = 1e-4,
    threads: Annotated[int | None, typer.Option(help="Solver threads (default: all cores)", min=1)] = None,
    report: Annotated[bool, typer.Option(help="Write report.html")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only where the plan was written")] = False,
    ledger: Annotated[str | None, typer.Option(help="Ledger (database URL or SQLite file) whose committed pledges "
                                                    "are fixed supply and whose deliveries are holdings")] = None,
    as_of: Annotated[str | None, typer.Option(help="With --ledger: read the ledger as of this date")] = None,
    write_model: Annotated[Path | None, typer.Option("--write-model", metavar="FILE.mps",
                                                     help="Also write the model, exactly as solved, to this MPS "
                                                          "(or .lp) file for another solver")] = None,
) -> None:
    """Compute a delivery plan, print a summary, and write the plan's tables and report."""
    if write_model is not None and write_model.suffix.lower() not in (".mps", ".lp"):
        raise AllyplanError(f"--write-model {write_model}: the file name must end in .mps (or .lp), the format "
                            "HiGHS writes")
    from allyplan.plan_files import check_out_dir, write_plan
    from allyplan.planner import plan
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
        with Ledger(ledger) as led:
            raw, notes = with_ledger(config, raw, led, as_date(as_of, "--as-of", "plan --ledger"))
        labels = {**labels, "pledges": f"ledger {ledger}"}
        s = build_scenario(config, raw, labels, origin=str(path))
        if not quiet:
            for n in notes:
                err.print(f"[yellow]note:[/] {n}", highlight=False, soft_wrap=True)
    t_load = time.perf_counter() - t0
    if out_dir is None:
        out_dir = Path("plan") if scenario is None else (path if path.is_dir() else path.parent) / "plan"
    check_out_dir(out_dir)
    with err.status("Building and solving the model…", spinner="dots") as status:
        def progress(pr: SolveProgress) -> None:
            found = "" if pr.objective != pr.objective else (
                f", best {pr.objective:,.1f}, bound {pr.bound:,.1f}, gap {pr.gap:.2%}")
            status.update(f"Solving ({pr.phase or 'branch and bound'}): {pr.seconds:.0f} s{found}")
        # --time-limit is the whole run's: what starting and loading took comes off (plan keeps writing's back).
        p = plan(s, time_limit=max(time_limit - _elapsed(t0), 0.05), gap=gap, threads=threads,
                 progress=None if quiet else progress, model_file=write_model)
        status.update("Writing the plan…")
        written = write_plan(p, out_dir, report=report, extra_timings={"load": t_load})
    if quiet:
        out.print(str(written))
    else:
        _print_summary(p, written)


@app.command("check")
@_friendly
def check_cmd(scenario: Annotated[Path, typer.Argument(help="Scenario folder or .xlsx workbook")]) -> None:
    """Validate a scenario and list every problem at once, without solving."""
    from allyplan.scenario import load_scenario

    s = load_scenario(scenario)
    out.print(f"[green]OK[/]: {scenario} — {len(s.donors)} donors, {len(s.items)} items, {len(s.stocks)} stocks, "
              f"{len(s.production)} production lines, {s.funds['fund'].nunique()} funds, {len(s.needs)} needs, "
              f"{len(s.policies)} policies, {len(s.pledges)} pledges; {s.horizon} months from {s.config.start}.",
              highlight=False, soft_wrap=True)


@app.command("init")
@_friendly
def init_cmd(directory: Annotated[Path, typer.Argument(help="Folder to create")],
             start: Annotated[str, typer.Option(help="First month, YYYY-MM")] = "2027-01",
             recipient: Annotated[str, typer.Option(help="Recipient party code")] = "UA") -> None:
    """Write an empty scenario: every table with its header and a commented scenario.yaml."""
    from allyplan.scenario import write_template

    d = write_template(directory, start=start, recipient=recipient)
    out.print(f"Wrote an empty scenario to {d}/. Fill in the tables (`allyplan fields` explains every column), "
              f"then run `allyplan check {d}`.", highlight=False, soft_wrap=True)


@app.command("generate")
@_friendly
def generate_cmd(
    directory: Annotated[Path, typer.Argument(help="Folder to write the scenario to")],
    donors: Annotated[int, typer.Option(min=1)] = 50,
    items: Annotated[int, typer.Option(min=1)] = 500,
    needs: Annotated[int, typer.Option(min=1)] = 1000,
    months: Annotated[int, typer.Option(min=1, max=240)] = 36,
    seed: Annotated[int, typer.Option()] = 0,
    start: Annotated[str, typer.Option(help="First month, YYYY-MM")] = "2027-01",
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
def verify_cmd(scenario: Annotated[Path, typer.Argument(help="Scenario folder or .xlsx workbook")],
               plan_dir: Annotated[Path, typer.Argument(help="Plan folder written by `allyplan plan`")]) -> None:
    """Re-check a plan against every planning rule, independently of the planner. Exit 1 if a rule is broken."""
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


def main() -> None:  # pragma: no cover - the console script entry point is `app`
    app()
