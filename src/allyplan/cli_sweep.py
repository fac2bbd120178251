"""``allyplan sweep``: draw scenarios from an uncertainty file and re-plan (or re-evaluate one plan under) each.

Thin over :mod:`allyplan.sweep`: prepare or re-open the sweep folder, run it with a progress bar, print the
outcome per need and the factors whose slips hurt most.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from allyplan import example_path
from allyplan.cli import _fmt, _friendly, err, out
from allyplan.errors import AllyplanError

if TYPE_CHECKING:
    from allyplan.planner import Plan
    from allyplan.scenario import Scenario

__all__ = ["sweep_cmd", "robust_for_plan"]


@_friendly
def sweep_cmd(
    scenario: Annotated[Path | None, typer.Argument(help="Scenario folder or .xlsx workbook (default: the shipped "
                                                         "example, winter-air-defence)")] = None,
    samples: Annotated[int | None, typer.Option(help="Number of draws [default: 1000]", min=1)] = None,
    uncertainty: Annotated[Path | None, typer.Option(help="Uncertainty file (default: the one `allyplan init` "
                                                          "writes)", metavar="FILE")] = None,
    fixed: Annotated[Path | None, typer.Option(help="Re-evaluate this plan folder under each draw instead of "
                                                    "re-planning", metavar="PLAN_DIR")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Folder for the results (default: SCENARIO/sweep, or "
                                                              "./sweep for the shipped example)")] = None,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same results on any engine")] = 0,
    scheduler: Annotated[str | None, typer.Option(help="tcp://HOST:PORT of a running Dask scheduler, or local:N "
                                                       "for a local Dask cluster of N workers",
                                                  metavar="ADDRESS")] = None,
    workers: Annotated[int | None, typer.Option(help="Local worker processes without Dask (default: every core "
                                                     "re-planning, this process with --fixed)", min=1)] = None,
    chunk: Annotated[int | None, typer.Option(help="Samples per task (default: 16 re-planning, 50 with --fixed)",
                                              min=1)] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds each re-plan may take", min=0.1)] = 10.0,
    sensitivity_samples: Annotated[int, typer.Option(help="Samples on which each factor's effect is measured",
                                                     min=0)] = 200,
    resume: Annotated[Path | None, typer.Option(help="Continue the interrupted sweep in this folder",
                                                metavar="DIR")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only where the results were written")] = False,
) -> None:
    """Draw scenarios (delays, capacity, demand, pledges falling through) and say how the plan fares in each."""
    from allyplan.scenario import load_scenario
    from allyplan.sweep import default_spec, load_spec, open_sweep, prepare_sweep, run_sweep
    from allyplan.sweep.results import finish_sweep
    from allyplan.sweep.runner import check_scheduler

    check_scheduler(scheduler)
    if resume is not None:
        given = [n for n, v in (("SCENARIO", scenario), ("--samples", samples), ("--uncertainty", uncertainty),
                                ("--fixed", fixed), ("--out", out_dir), ("--chunk", chunk)) if v is not None]
        if given:
            raise AllyplanError(f"--resume continues the sweep as it was started: leave out {', '.join(given)} "
                                f"(they are read from {resume}/sweep.json)")
        setup = open_sweep(resume)
    else:
        path = scenario if scenario is not None else example_path()
        s = load_scenario(path)
        spec = load_spec(uncertainty) if uncertainty is not None else default_spec()
        if out_dir is None:
            out_dir = Path("sweep") if scenario is None else (path if path.is_dir() else path.parent) / "sweep"
        with err.status("Preparing the sweep…" if fixed else "Planning the nominal plan…", spinner="dots"):
            setup = prepare_sweep(out_dir, s, spec, samples=samples or 1000, seed=seed, fixed=fixed,
                                  chunk_size=chunk, time_limit=time_limit, sensitivity_samples=sensitivity_samples)
    show = not quiet and err.is_terminal
    bar = Progress(TextColumn("Sweeping"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                   TimeRemainingColumn(), console=err, disable=not show)
    with bar:
        job = bar.add_task("sweep", total=setup.samples, rate="")

        def progress(p: object) -> None:
            from allyplan.sweep import SweepProgress

            assert isinstance(p, SweepProgress)
            bar.update(job, completed=p.done, rate=f"{p.rate:.1f} samples/s" if p.rate else "")

        try:
            res = run_sweep(setup, scheduler=scheduler, workers=workers, progress=progress)
        except KeyboardInterrupt:
            bar.stop()
            summary = finish_sweep(setup, engine="interrupted")
            err.print(f"Interrupted: kept {summary['done']} of {setup.samples} samples in {setup.out}/. Continue with "
                      f"`allyplan sweep --resume {setup.out}`.", highlight=False, soft_wrap=True)
            raise typer.Exit(130) from None
    if quiet:
        out.print(str(res.out))
        return
    _print_results(setup.out, res.done, res.total, res.seconds, res.engine)


def _print_results(folder: Path, done: int, total: int, seconds: float, engine: str) -> None:
    import pandas as pd

    needs = pd.read_csv(folder / "needs.csv", keep_default_na=False)
    t = Table(title=f"Needs over {done} samples", title_justify="left")
    for c in ("need", "priority", "due", "P(on time)", "unmet as planned", "unmet p50", "unmet p90", "met as planned",
              "met p50", "met p90"):
        t.add_column(c, justify="left" if c in ("need", "due") or c.startswith("met") else "right")
    for r in needs.itertuples():
        colour = "green" if r.p_on_time >= 0.9 else "yellow" if r.p_on_time >= 0.5 else "red"
        t.add_row(r.need, _fmt(r.priority), r.due, f"[{colour}]{100 * r.p_on_time:.0f}%[/]", _fmt(r.unmet_planned),
                  _fmt(r.unmet_p50), _fmt(r.unmet_p90), r.met_planned, r.met_p50, r.met_p90)
    out.print(t)
    sens = pd.read_csv(folder / "sensitivity.csv", keep_default_na=False)
    if len(sens):
        t = Table(title="Slips that hurt most (loss their draw alone adds: mean, 10th-90th percentile)",
                  title_justify="left")
        for c in ("kind", "factor", "mean", "p10", "p90", "hurts in"):
            t.add_column(c, justify="left" if c in ("kind", "factor") else "right")
        for r in sens.head(12).itertuples():
            t.add_row(r.kind, r.factor, _fmt(r.mean), _fmt(r.p10), _fmt(r.p90), f"{100 * r.p_hurts:.0f}%")
        out.print(t)
    rate = f"{done / seconds:.1f} samples/s" if seconds > 0 and done else ""
    out.print(f"{done} of {total} samples in {seconds:.1f} s ({rate}, {engine}). Results in {folder}/ (sweep.parquet, "
              "needs.csv, sensitivity.csv, summary.json, sweep.html)", highlight=False, soft_wrap=True)


def robust_for_plan(s: Scenario, robust: Path, samples: int, *, time_limit: float, gap: float,
                    threads: int | None, progress: Callable[[str], None] | None = None
                    ) -> tuple[Plan, Callable[[Path, bool], None]]:
    """``allyplan plan --robust``: the chosen plan, and what writes ``robust.csv``, ``robust-first-month.csv`` and
    ``robust.html`` into the plan folder and prints the comparison. ``progress`` receives a line per step."""
    from allyplan.report.sweep_report import render_robust_report
    from allyplan.sweep import load_spec
    from allyplan.sweep.robust import robust_plan

    r = robust_plan(s, load_spec(robust), samples=samples, time_limit=time_limit, gap=gap, threads=threads,
                    progress=progress)

    def show(folder: Path, printed: bool) -> None:
        import pandas as pd

        r.comparison.to_csv(folder / "robust.csv", index=False, float_format="%.6g")
        firsts = pd.concat([fm.table().assign(candidate=name) for name, fm in r.first_months.items()],
                           ignore_index=True)
        firsts[["candidate", "kind", "source", "fund", "item", "units"]].to_csv(folder / "robust-first-month.csv",
                                                                                 index=False)
        (folder / "robust.html").write_text(render_robust_report(s, r), encoding="utf-8")
        if not printed:
            return
        replanned = "replan_loss_mean" in r.comparison
        t = Table(title=f"Candidate plans under the same {samples} draws (loss: priority-weighted unmet and late "
                        "need; fixed: the whole plan as made, nothing replacing what fails; re-planned: its first "
                        "month kept, later months re-planned knowing the draw)", title_justify="left")
        cols = ["candidate", "fixed: loss mean", "p90", "needs on time"]
        if replanned:
            cols += ["re-planned: loss mean", "p90", "needs on time"]
        cols += ["seconds", "chosen"]
        for c in cols:
            t.add_column(c, justify="left" if c in ("candidate", "chosen") else "right")
        for row in r.comparison.itertuples():
            cells = [str(row.candidate), _fmt(row.loss_mean), _fmt(row.loss_p90), f"{100 * row.share_on_time:.0f}%"]
            if replanned:
                cells += [_fmt(row.replan_loss_mean), _fmt(row.replan_loss_p90),
                          f"{100 * row.replan_share_on_time:.0f}%"]
            cells += [f"{row.plan_seconds:.1f}", "yes" if row.chosen else ""]
            t.add_row(*cells)
        out.print(t)
        by = "re-planned" if r.criterion == "replan" else "fixed"
        out.print(f"Chosen: {r.chosen} (least mean loss, {by}), in {r.seconds.get('total', 0.0):.0f} s. "
                  f"{folder}/robust.csv, robust-first-month.csv, robust.html", highlight=False, soft_wrap=True)

    return r.plan, show
