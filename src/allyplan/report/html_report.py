"""A self-contained ``report.html`` for an analyst who has five minutes: where it comes from, headline figures,
a line per need in plain words, charts (Plotly, its script inlined, so the file works offline), what each donor
is asked for and why, and the plan's tables. Every figure comes from :mod:`allyplan.report.stats` and
:mod:`allyplan.report.asks`."""

from __future__ import annotations

import html
import importlib.util
import json
import string
import uuid
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import escape

from allyplan.planner import Plan, SolveStatus
from allyplan.report.asks import ask_sheets, ask_summaries, askers
from allyplan.report.labels import readable_columns
from allyplan.report.stats import (
    arrivals_by_need,
    coverage_by_priority,
    coverage_matrix,
    deliveries_by_month,
    fmt_eur,
    fmt_pct,
    fmt_quantity,
    need_summary,
    shortfall_summary,
)

__all__ = ["render_report", "provenance", "MAX_ROWS", "MAX_NEED_ROWS_IN_CHARTS"]

MAX_ROWS = 2000  # rows of one table in the HTML; the CSV files hold them all
MAX_ASK_ROWS = 200
MAX_WHY = 50  # reasons listed per donor in the HTML; the ask sheet has every one
TALL_ROWS = 25  # a longer table scrolls in a box of its own, its header in view
MAX_NEED_ROWS_IN_CHARTS = 60  # above this many needs the heat map shows priorities and the timeline the first ones

# A colour-blind-safe sequential scale (viridis: dark purple for nothing covered, yellow for all of it), as
# plotly's "Viridis".
_VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b",
            "#fde725"]
COVERAGE_SCALE = [[i / (len(_VIRIDIS) - 1), c] for i, c in enumerate(_VIRIDIS)]
# Okabe & Ito's colour-blind-safe palette for categories.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

_TEMPLATE = string.Template("""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>allyplan — $name</title>
<style>
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem auto;max-width:1200px;
  color:#1b1f24;padding:0 1rem;line-height:1.4}
h1{margin-bottom:.2rem} h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
.sub{color:#57606a;margin-top:0}
.prov{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.85rem;color:#3d444d;
  margin:.5rem 0}
.prov dt{font-weight:600} .prov dd{margin:0;overflow-wrap:anywhere}
.note{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.4rem .7rem;font-size:.85rem}
.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.6rem .9rem;min-width:140px;flex:1 1 140px}
.card b{display:block;font-size:1.4rem}
.scroll{overflow-x:auto;max-width:100%}
.tall{max-height:34rem;overflow-y:auto;border:1px solid #d0d7de;border-radius:6px}
.tall th{position:sticky;top:0;z-index:1}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1rem}
th,td{border-bottom:1px solid #d0d7de;padding:.3rem .45rem;text-align:left;vertical-align:top;
  overflow-wrap:break-word}
th{background:#f6f8fa} th.num{text-align:right}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.m,.nw{white-space:nowrap}
td small{color:#57606a}
.bar{display:inline-block;height:.6rem;background:#3b528b;vertical-align:middle;margin-right:.3rem}
.met-no{color:#8c1a10;font-weight:600}
.chart{width:100%;min-height:200px}
details{margin:.4rem 0} summary{cursor:pointer;font-weight:600}
details.ask{border:1px solid #d0d7de;border-radius:6px;padding:.4rem .7rem}
.caption{color:#57606a;font-size:.85rem}
</style></head><body>
<h1>$name</h1>
<p class="sub">Delivery plan for $horizon months from $start · $status</p>
<dl class="prov">
$provenance
</dl>
<p class="note">$illustrative</p>
<div class="cards">
$cards
</div>

<h2 id="needs">Each need in plain words</h2>
$needs

<h2 id="coverage">Coverage by month</h2>
<p class="caption">$coverage_caption</p>
<div class="chart">$chart_coverage</div>

<h2 id="timeline">When things arrive</h2>
<p class="caption">$timeline_caption</p>
<div class="chart">$chart_timeline</div>

<h2 id="short">Why needs remain short</h2>
$shortfalls

<h2 id="asks">What each donor is asked for</h2>
<p class="caption">One sheet per donor; purchases paid by a pooled fund are asked of the fund. The same sheets are
in asks/KEY.csv and plan.xlsx, month by month.</p>
$asks

<h2 id="months">Value arriving each month</h2>
<div class="chart">$chart_deliveries</div>

<h2 id="burden">Burden sharing</h2>
<div class="chart">$chart_burden</div>
$burden

<details><summary>All deliveries ($n_deliveries)</summary>
$deliveries
</details>
</body></html>
""")


def _table(df: pd.DataFrame, num: tuple[str, ...] = (), max_rows: int = MAX_ROWS, raw: tuple[str, ...] = (),
           what: str = "rows", nowrap: tuple[str, ...] = ()) -> str:
    """An HTML table of already formatted values; ``num`` columns align right, ``raw`` columns are trusted HTML,
    ``nowrap`` columns (months) are not broken across lines."""
    shown = df.head(max_rows)
    return _list_table({str(c): [str(v) for v in shown[c].tolist()] for c in df.columns}, len(df), num=num,
                       max_rows=max_rows, raw=raw, what=what, nowrap=nowrap)


def _list_table(columns: dict[str, list[str]], total: int, num: tuple[str, ...] = (), max_rows: int = MAX_ROWS,
                raw: tuple[str, ...] = (), what: str = "rows", nowrap: tuple[str, ...] = ()) -> str:
    """:func:`_table` of columns given as lists of text (at most ``max_rows`` long) of a table of ``total`` rows:
    whole columns at a time (iterating a DataFrame's rows cell by cell was the report's slowest part)."""
    head = "".join(f'<th class="num">{html.escape(c)}</th>' if c in num else f"<th>{html.escape(c)}</th>"
                   for c in columns)
    cells = []
    for c, values in columns.items():
        values = values[:max_rows]
        text = values if c in raw else _escape_all(values)
        cls = "num" if c in num else "m" if c in nowrap else ""
        opening = f'<td class="{cls}">' if cls else "<td>"
        cells.append([f"{opening}{t}</td>" for t in text])
    rows = ["<tr>" + "".join(r) + "</tr>" for r in zip(*cells, strict=True)] if cells else []
    more = (f'<p class="caption">The first {max_rows:,} of {total:,} {what}; the plan folder\'s files hold '
            "them all.</p>") if total > max_rows else ""
    box = "scroll tall" if len(rows) > TALL_ROWS else "scroll"
    return f'<div class="{box}"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>' \
        + more


Figure = dict[str, Any]  # a Plotly figure as plain data: {"data": [trace, ...], "layout": {...}}


def _plotly_file(name: str) -> str:
    """A file plotly ships (``package_data/NAME``), found without importing plotly (whose import, with its
    validators, took longer than the rest of the report of the example)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - plotly is a dependency
        raise RuntimeError("plotly is not installed: pip install plotly")
    folder = next(iter(spec.submodule_search_locations))
    return (Path(folder) / "package_data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template() -> dict[str, Any]:
    """Plotly's "plotly_white" template, as plotly ships it."""
    out: dict[str, Any] = json.loads(_plotly_file("templates/plotly_white.json"))
    return out


def _plain(o: Any) -> Any:
    """JSON for what the json module does not know: numpy arrays and numbers (NaN and infinities as null)."""
    if isinstance(o, np.ndarray):
        if o.dtype.kind == "f":
            out = o.astype(object)
            out[~np.isfinite(o)] = None
            return out.tolist()
        return o.tolist()
    if isinstance(o, np.generic):
        return _plain(np.asarray(o)) if o.dtype.kind == "f" else o.item()
    raise TypeError(f"{type(o).__name__} is not JSON serialisable")


def _js(obj: Any) -> str:
    """JSON to put inside a <script>: as plotly writes it, with <, > and / escaped so no text can end the script."""
    text = json.dumps(obj, separators=(",", ":"), default=_plain)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("/", "\\u002f")


def _escape_all(values: list[str]) -> list[str]:
    """``html.escape`` of every string, joined into one string and split again (str.replace runs in C)."""
    big = "\x00".join(values)
    if len(values) < 2 or big.count("\x00") != len(values) - 1:
        return [html.escape(v) for v in values]
    return html.escape(big).split("\x00")


def _figure_html(fig: Figure, first: bool) -> str:
    """A figure as an HTML fragment, as plotly's ``to_html(full_html=False)`` writes it (Plotly's script inlined
    in the ``first``), from the figure as plain data: plotly's validated figure objects and its own import took
    most of the report's time."""
    layout = {**fig.get("layout", {}), "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "template": _template(),
              "autosize": True, "font": {"size": 12}, "colorway": OKABE_ITO}
    height = layout.get("height")
    div_id = str(uuid.uuid4())
    script = ("<script type=\"text/javascript\">window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
              f"<script>{_plotly_file('plotly.min.js')}</script>") if first else ""
    config = {"displaylogo": False, "responsive": True}
    return (f'<div style="height:{f"{height}px" if height is not None else "100%"}; width:100%;">{script}'
            f'<div id="{div_id}" class="plotly-graph-div" style="height:100%; width:100%;"></div>'
            "<script>window.PLOTLYENV=window.PLOTLYENV || {};"
            f'if (document.getElementById("{div_id}")) {{Plotly.newPlot("{div_id}", {_js(fig["data"])}, '
            f"{_js(layout)}, {_js(config)})}};</script></div>")


def provenance(p: Plan, *, ledger: str | None = None, ledger_as_of: str | None = None,
               generated: datetime | None = None) -> list[tuple[str, str]]:
    """Where the report comes from, as (label, text) pairs: scenario, generated at, allyplan version, ledger."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("allyplan")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
        import allyplan

        ver = allyplan.__version__
    s = p.scenario
    from_ledger = s.pledges["source"].astype(str).str.startswith("ledger entry").any() if "source" in s.pledges \
        else False
    if ledger is not None:
        led = f"{_without_password(ledger)}, as of {ledger_as_of or 'the time of planning'}"
    elif from_ledger:
        led = f"a ledger, as of {ledger_as_of or 'a date not recorded'}"
    else:
        led = "not used: pledges come from the scenario's pledges table"
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return [("Scenario", f"{s.config.name} ({s.origin})" if s.origin else s.config.name),
            ("Generated", when), ("allyplan", ver), ("Ledger", led)]


def _without_password(ledger: str) -> str:
    """A ledger's database URL with any password hidden (a SQLite file path is shown as it is)."""
    if "://" not in ledger:
        return ledger
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(ledger).render_as_string(hide_password=True)
    except ArgumentError:
        return "a database URL that could not be read"


def _status_text(p: Plan) -> str:
    """How the solve ended, in words."""
    if p.optimal:
        return "proven optimal"
    if p.status is SolveStatus.FEASIBLE:
        gap = f", within {p.gap:.1%} of the best possible" if np.isfinite(p.gap) else ""
        return f"a feasible plan, not proven optimal{gap} (the solver's time limit stopped it)"
    if p.status is SolveStatus.NO_SOLUTION:
        return ("no plan: the solver's time limit ran out before it found one, so nothing is planned "
                "(run again with a longer --time-limit)")
    return f"the solver failed ({p.status.value}): nothing is planned"


def _illustrative(p: Plan) -> str:
    s = p.scenario
    n = total = 0
    for t in (s.parties, s.items, s.stocks, s.production, s.funds, s.needs, s.holdings, s.pledges, s.policies):
        if "source" in t.columns:
            total += len(t)
            n += int(t["source"].astype(str).str.contains("illustrative", case=False).sum())
    return (f"Figures marked illustrative are not public ({n:,} of the scenario's {total:,} rows say so in their "
            "source); public figures carry their source in the scenario's tables.")


def _pct_cell(pct: float) -> str:
    return f'<span class="bar" style="width:{max(0.0, min(pct, 100.0)) * 0.4:.0f}px"></span>{fmt_pct(pct)}'


def _coverage_chart(p: Plan, needs: pd.DataFrame) -> tuple[Figure, str]:
    many = len(needs) > MAX_NEED_ROWS_IN_CHARTS
    if many:
        cm = coverage_by_priority(p)
        caption = (f"{len(needs):,} needs, so each row is a priority: the average share of a need covered that "
                   "month. Every need's own row is in coverage.csv.")
        hover = "%{y}<br>%{x}: %{z:.0f} % covered on average<extra></extra>"
        text = None
    else:
        cm = coverage_matrix(p, needs["need"])
        caption = "Share of each need covered, month by month (blank: not yet due, or outside a flow need's window)."
        hover = "%{y}: %{text}<br>%{x}: %{z:.0f} % covered<extra></extra>"
        text = np.repeat(needs["description"].to_numpy(dtype=object)[:, None], cm.shape[1], axis=1)
    heat = {"type": "heatmap", "z": cm.to_numpy(), "x": list(cm.columns), "y": list(cm.index), "zmin": 0,
            "zmax": 100, "colorscale": COVERAGE_SCALE, "xgap": 1, "ygap": 1,
            "colorbar": {"title": {"text": "% covered"}, "thickness": 12}, "hovertemplate": hover}
    if text is not None:
        heat["text"] = text
    return {"data": [heat], "layout": {
        "height": max(220, 22 * len(cm) + 110), "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"side": "top", "type": "category", "automargin": True}}}, caption


def _timeline_chart(p: Plan, needs: pd.DataFrame) -> tuple[Figure, str]:
    s = p.scenario
    shown = needs.head(MAX_NEED_ROWS_IN_CHARTS)
    caption = ("Each need's window (grey: from when it is due), and what arrives for it: planned deliveries and "
               "pledges already counted; a larger dot brings more of the need.")
    if len(needs) > len(shown):
        caption += f" The {len(shown)} highest-priority of {len(needs):,} needs; deliveries.csv has them all."
    nd = s.needs.set_index("id").reindex(shown["need"])
    start = np.where(nd["kind"] == "hold", nd["due"], nd["from"]).astype(int)
    end = np.where(nd["kind"] == "hold", s.horizon - 1, nd["to"]).astype(int)
    y = list(shown["need"])
    traces: list[dict[str, Any]] = [{
        "type": "bar", "orientation": "h", "y": y, "base": start - 0.5, "x": end - start + 1,
        "marker": {"color": "#e6e8eb"}, "name": "needed",
        "hovertemplate": [f"%{{y}}: needed from {a} to {b}<extra></extra>"
                          for a, b in zip(s.labels(start), s.labels(end), strict=True)]}]
    arr = arrivals_by_need(p)
    arr = arr[arr["need"].isin(shown["need"])]
    req = shown.set_index("need")["required"]
    for origin, colour, symbol in (("plan", "#21918c", "circle"), ("pledge", "#440154", "diamond")):
        a = arr[arr["origin"] == origin]
        if a.empty:
            continue
        frac = (a["units"] / a["need"].map(req).where(lambda r: r > 0, 1.0)).clip(upper=1.0)
        traces.append({
            "type": "scatter", "x": a["month"].to_numpy(), "y": a["need"].tolist(), "mode": "markers",
            "name": "planned" if origin == "plan" else "pledged",
            "marker": {"size": (6 + 14 * np.sqrt(frac)).to_numpy(), "color": colour, "symbol": symbol,
                       "line": {"width": 0}},
            "customdata": np.c_[a["label"].to_numpy(dtype=object), a["what"].to_numpy(dtype=object)],
            "hovertemplate": "%{y}, %{customdata[0]}: %{customdata[1]}<extra></extra>"})
    ticks = list(range(0, s.horizon, max(1, s.horizon // 12)))
    return {"data": traces, "layout": {
        "height": max(240, 22 * len(shown) + 120), "barmode": "overlay", "showlegend": True,
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"},
        "yaxis": {"autorange": "reversed", "automargin": True, "type": "category"},
        "xaxis": {"side": "top", "range": [-0.5, s.horizon - 0.5], "tickvals": ticks, "ticktext": s.labels(ticks),
                  "automargin": True}}}, caption


def _needs_table(needs: pd.DataFrame) -> str:
    view = pd.DataFrame({
        "Need": ["<b>" + html.escape(d) + "</b><br><small>" + html.escape(n) + "</small>"
                 for n, d in zip(needs["need"], needs["description"], strict=True)],
        "Priority": needs["priority"].map(fmt_quantity),
        "Covered": needs["covered_pct"].map(_pct_cell),
        "Met by": [f'<span class="met-no">{html.escape(m)}</span>' if not m[:1].isdigit() and m != "on time"
                   else f'<span class="nw">{html.escape(m)}</span>' for m in needs["met_by"]],
        "In plain words": needs["in_words"].map(html.escape),
    })
    return _table(view, num=("Priority", "Covered"), raw=("Need", "Covered", "Met by", "In plain words"),
                  what="needs")


def _asks(p: Plan, asks: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    who = askers(p).set_index("key")
    kinds, names = who["kind"].to_dict(), who["name"].to_dict()
    summaries = ask_summaries(p, asks)
    out = []
    sheets = {key: t.to_dict("list") for key, t in asks.items()}  # plain lists: pandas' per-call cost dominated
    for key, whole in sorted(sheets.items(), key=lambda kv: -float(np.sum(kv[1]["value_eur"]))):
        t = asks[key]
        col = {c: whole[c][:MAX_ASK_ROWS] for c in ("item_name", "quantity", "ship_month", "in_service", "source",
                                                     "paid_by", "need")}
        view = {"Item": [str(v) for v in col["item_name"]], "Quantity": [fmt_quantity(q) for q in col["quantity"]],
                "Ship": col["ship_month"], "In service": col["in_service"], "From": col["source"],
                "Paid by": col["paid_by"], "For need": col["need"]}
        seen: dict[tuple[str, str, str], None] = {}
        for trio in zip(whole["item_name"], whole["need"], whole["why"], strict=True):
            seen.setdefault(trio, None)
        why = list(seen)
        title = f"{names[key]} ({key})" if kinds[key] == "donor" else f"{names[key]} (pooled)"
        n = f"{len(t):,} shipment{'s' if len(t) != 1 else ''}"
        out.append({"title": f"{title} — {fmt_eur(float(np.sum(whole['value_eur'])))}, {n}",
                    "summary": summaries[key],
                    "table": _list_table({k: [str(v) for v in vs] for k, vs in view.items()}, len(t),
                                         num=("Quantity",), max_rows=MAX_ASK_ROWS, what="shipments",
                                         nowrap=("Ship", "In service")),
                    "why": [f"{n} for {need}: {y}" for n, need, y in why[:MAX_WHY]]
                    + ([f"... and {len(why) - MAX_WHY} more in asks/{key}.csv"] if len(why) > MAX_WHY else [])})
    return out


def render_report(p: Plan, *, asks: dict[str, pd.DataFrame] | None = None, needs: pd.DataFrame | None = None,
                  ledger: str | None = None, ledger_as_of: str | None = None) -> str:
    """The report as one HTML string (``asks``: :func:`~allyplan.report.asks.ask_sheets` and ``needs``:
    :func:`~allyplan.report.stats.need_summary`, if already made)."""
    s = p.scenario
    asks = ask_sheets(p) if asks is None else asks
    needs = need_summary(p) if needs is None else needs
    cov_fig, cov_caption = _coverage_chart(p, needs)
    tl_fig, tl_caption = _timeline_chart(p, needs)
    by_month = deliveries_by_month(p)
    del_fig = {"data": [{"type": "bar", "name": str(c), "x": list(by_month.index), "y": (by_month[c] / 1e6).to_numpy()}
                        for c in by_month.columns],
               "layout": {"barmode": "stack", "yaxis": {"title": {"text": "EUR m (by month in service)"}},
                          "height": 360, "legend": {"orientation": "h", "y": -0.15}}}
    b = p.burden
    names = s.parties.set_index("code")["name"]
    bur_fig = {"data": [{"type": "bar", "name": "share of value delivered", "x": b["donor"].tolist(),
                         "y": (100 * b["share"]).to_numpy(), "marker": {"color": "#3b528b"}},
                        {"type": "bar", "name": "share of coalition GDP", "x": b["donor"].tolist(),
                         "y": (100 * b["gdp_share"]).to_numpy(), "marker": {"color": "#5ec962"}}],
               "layout": {"barmode": "group", "yaxis": {"title": {"text": "%"}}, "height": 360,
                          "legend": {"orientation": "h", "y": 1.08}}}
    summary = p.summary()
    cards = [
        ("Needs fully met", f"{summary['needs_fully_met']:,} of {summary['needs']:,}"),
        ("Deliveries", f"{summary['deliveries']:,}"),
        ("Value planned", fmt_eur(summary["value_eur"])),
        ("Donors asked", f"{sum(1 for k in asks if k in set(names.index)):,}"),
    ]
    status = _status_text(p)
    sf = shortfall_summary(p, per_reason=True)
    sf_view = readable_columns(sf.assign(max_short=sf["max_short"].map(fmt_quantity),
                                         months=sf["months"].map(str)).drop(columns=["reason"]))
    burden_view = pd.DataFrame({
        "Donor": [f"{names.get(d, d)} ({d})" for d in b["donor"]], "Value": b["value_eur"].map(fmt_eur),
        "Share of value": (100 * b["share"]).map("{:.1f} %".format),
        "Share of GDP": (100 * b["gdp_share"]).map("{:.1f} %".format),
        "% of GDP": b["pct_gdp"].map("{:.3f} %".format)})
    items = s.items.set_index("id")["name"]
    dl = p.table("deliveries")
    dl_view = pd.DataFrame({"Donor or fund": dl["donor"], "Item": dl["item"].map(items).fillna(dl["item"]),
                            "Quantity": dl["quantity"].map(fmt_quantity), "Ship": dl["ship_month"],
                            "In service": dl["arrive_month"],
                            "From, paid by": np.where(dl["fund"] == "", "stock", "line " + dl["source"] + ", fund "
                                                      + dl["fund"]),
                            "Value": dl["value_eur"].map(fmt_eur), "For need": dl["need"]})
    def esc(v: object) -> str:  # as the template engine this replaced escaped values
        return str(escape(v))

    ask_html = "".join(
        f'<details class="ask"><summary>{esc(a["title"])}</summary><p>{esc(a["summary"])}</p>{a["table"]}\n'
        + (("<p><b>Why these sources</b></p><ul>" + "".join(f"<li>{esc(w)}</li>" for w in a["why"]) + "</ul>")
           if a["why"] else "")
        + "\n</details>\n" for a in _asks(p, asks)) or "<p>Nothing is asked of any donor.</p>"
    return _TEMPLATE.substitute(
        name=esc(s.config.name), start=esc(s.config.start), horizon=esc(s.horizon), status=esc(status),
        provenance="".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>"
                           for k, v in provenance(p, ledger=ledger, ledger_as_of=ledger_as_of)),
        illustrative=esc(_illustrative(p)),
        cards="".join(f'<div class="card">{esc(label)}<b>{esc(value)}</b></div>' for label, value in cards),
        coverage_caption=esc(cov_caption), timeline_caption=esc(tl_caption),
        chart_coverage=_figure_html(cov_fig, True), chart_timeline=_figure_html(tl_fig, False),
        chart_deliveries=_figure_html(del_fig, False), chart_burden=_figure_html(bur_fig, False),
        needs=_needs_table(needs),
        shortfalls=_table(sf_view, num=("Months", "Largest shortfall"), max_rows=300, what="shortfalls",
                          nowrap=("Need", "First month")) if len(sf) else "<p>Every need is met on time.</p>",
        asks=ask_html,
        burden=_table(burden_view, num=("Value", "Share of value", "Share of GDP", "% of GDP")),
        deliveries=_table(dl_view, num=("Quantity", "Value"), what="deliveries", nowrap=("Ship", "In service")),
        n_deliveries=esc(f"{len(dl):,}")).removesuffix("\n")
