"""Charts as SVG or PNG bytes, drawn offline with matplotlib: valuation timeline, funding by period, investors.

Every chart names its data marks with SVG ids (`point-<status>` groups holding one marker per
round, `bar-<n>` per bar) so tests and scripts can find them. SVG text stays text (not paths):
files are small, searchable, and a viewer's own fonts draw Chinese names; PNG output needs a CJK
font on the machine for those (the list below is tried in order).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from typing import Any, Literal

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: charts are files

from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

from dealscope.analyse.stats import UNDATED, InvestorActivity, StatsResult, TimelinePoint

__all__ = ["STATUS_STYLE", "funding_chart", "inline_svg", "investors_chart", "short_usd", "valuation_chart"]

ChartFormat = Literal["svg", "png"]

# Marker shape and fill per status: a person tells a closed round from a rumour at a glance.
STATUS_STYLE: dict[str, dict[str, Any]] = {
    "completed": {"marker": "o", "color": "#1b6ca8", "filled": True, "label": "completed"},
    "announced": {"marker": "s", "color": "#2a9d8f", "filled": True, "label": "announced"},
    "in_talks": {"marker": "^", "color": "#e9a03b", "filled": True, "label": "in talks"},
    "planned": {"marker": "D", "color": "#8d6cab", "filled": False, "label": "planned"},
    "rumored": {"marker": "o", "color": "#c8553d", "filled": False, "label": "rumored"},
    "cancelled": {"marker": "X", "color": "#6c757d", "filled": True, "label": "cancelled"},
}
_FONTS = [
    "DejaVu Sans",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
    "Arial Unicode MS",
    "sans-serif",
]
_RC: Any = {
    "svg.fonttype": "none",
    "svg.hashsalt": "dealscope",  # the same data gives the same file
    "font.family": "sans-serif",
    "font.sans-serif": _FONTS,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
}
_GREY = "#ced4da"
_METADATA_SVG = {"Date": None, "Creator": None, "Format": None, "Type": None}
_METADATA_PNG = {"Software": None}


def short_usd(x: float) -> str:
    """'$1.2B', '$350M', '$80K'."""
    for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(x) >= size:
            v = x / size
            return f"${v:.3g}{unit}" if v < 100 else f"${v:.0f}{unit}"
    return f"${x:.0f}"


def _usd_axis(ax: Any, axis: str = "y") -> None:
    fmt = FuncFormatter(lambda v, _pos: short_usd(v) if v else "0")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _save(fig: Figure, fmt: ChartFormat) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # Without a CJK font a PNG shows boxes for Chinese names; the SVG is unaffected.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(
            buf,
            format=fmt,
            dpi=144,
            bbox_inches="tight",
            metadata=_METADATA_SVG if fmt == "svg" else _METADATA_PNG,
        )
    plt.close(fig)
    return buf.getvalue()


def valuation_chart(company: str, points: Sequence[TimelinePoint], fmt: ChartFormat = "svg") -> bytes:
    """A company's valuations over time, one marker per round, its shape and fill telling the status."""
    valued = [p for p in points if p.valuation_usd is not None]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(8, 4.5))
        days: Any = [p.day for p in valued]
        if len(valued) > 1:
            ax.plot(days, [p.valuation_usd or 0.0 for p in valued], color="#adb5bd", zorder=1)
        for status, style in STATUS_STYLE.items():
            mine = [p for p in valued if p.status == status]
            if not mine:
                continue
            mine_days: Any = [p.day for p in mine]
            ax.plot(
                mine_days,
                [p.valuation_usd or 0.0 for p in mine],
                linestyle="none",
                marker=style["marker"],
                markersize=9,
                markeredgewidth=1.6,
                color=style["color"],
                markerfacecolor=style["color"] if style["filled"] else "white",
                label=f"{style['label']} ({len(mine)})",
                gid=f"point-{status}",
                zorder=3,
            )
            for p in mine:
                ax.annotate(
                    p.stage.replace("series_", "").upper() if p.stage.startswith("series_") else p.stage,
                    (p.day, p.valuation_usd or 0.0),
                    textcoords="offset points",
                    xytext=(0, 9),
                    ha="center",
                    fontsize=8,
                    color="#495057",
                )
        if valued:
            values = [p.valuation_usd or 0.0 for p in valued]
            if (
                min(values) > 0 and max(values) / min(values) > 20
            ):  # seed to growth: only a log scale shows both
                ax.set_yscale("log")
                ax.yaxis.set_minor_formatter(NullFormatter())
            else:
                ax.set_ylim(bottom=0, top=max(values) * 1.15)
            ax.legend(loc="upper left", frameon=False, fontsize=9)
        else:
            ax.text(0.5, 0.5, "no valuation reported", transform=ax.transAxes, ha="center", color="#6c757d")
        _usd_axis(ax)
        ax.set_title(f"{company}: valuation by round", loc="left", fontsize=12)
        ax.set_ylabel("valuation (USD)")
        fig.autofmt_xdate()
        return _save(fig, fmt)


def funding_chart(result: StatsResult, fmt: ChartFormat = "svg", title: str | None = None) -> bytes:
    """USD raised per period as bars (stacked by group when grouped), deal counts in the labels."""
    periods = list(dict.fromkeys(row.period for row in result.rows))
    groups = [t.group for t in result.group_totals] if result.query.group else [None]
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(max(6.0, min(16.0, 0.45 * len(periods) + 3)), 4.5))
        bottoms = [0.0] * len(periods)
        cell = {(row.period, row.group): row for row in result.rows}
        palette = plt.get_cmap("tab20")
        n = 0
        for gi, group in enumerate(groups[:20]):
            heights = [cell[(p, group)].total_usd if (p, group) in cell else 0.0 for p in periods]
            bars = ax.bar(
                range(len(periods)),
                heights,
                bottom=bottoms,
                color=_GREY if group == "unknown" else palette(gi % 20) if group is not None else "#1b6ca8",
                label=group if group is not None else None,
            )
            for i, patch in enumerate(bars):
                patch.set_gid(f"bar-{n}")
                if periods[i] == UNDATED:
                    patch.set_hatch("//")
                n += 1
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        ax.set_xticks(range(len(periods)))
        deals = {p: sum(row.deals for row in result.rows if row.period == p) for p in periods}
        ax.set_xticklabels(
            [f"{p}\n{deals[p]} deal{'s' if deals[p] != 1 else ''}" for p in periods],
            fontsize=8,
            rotation=0 if len(periods) < 9 else 90,
        )
        _usd_axis(ax)
        ax.set_ylabel("raised (USD, rounds with a known amount)")
        if result.query.group:
            ax.legend(frameon=False, fontsize=8, ncols=2 if len(groups) > 8 else 1)
        statuses = ", ".join(result.query.statuses) if result.query.statuses else "all statuses"
        ax.set_title(title or f"Funding by {result.query.by.value} ({statuses})", loc="left", fontsize=12)
        return _save(fig, fmt)


def investors_chart(
    investors: Sequence[InvestorActivity], fmt: ChartFormat = "svg", title: str | None = None
) -> bytes:
    """The most active investors as horizontal bars: rounds joined, of which led."""
    shown = list(investors)[::-1]  # largest at the top
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(8, max(2.5, 0.38 * len(shown) + 1.2)))
        ys = range(len(shown))
        bars = ax.barh(ys, [i.deals for i in shown], color="#9ecae1", label="rounds joined")
        for i, patch in enumerate(bars):
            patch.set_gid(f"bar-{len(shown) - 1 - i}")
        ax.barh(ys, [i.leads for i in shown], color="#1b6ca8", label="of which led")
        ax.set_yticks(list(ys))
        ax.set_yticklabels([i.name for i in shown], fontsize=9)
        for y, inv in zip(ys, shown, strict=True):
            ax.annotate(
                f" {inv.deals} ({short_usd(inv.total_usd)})" if inv.deals_with_amount else f" {inv.deals}",
                (inv.deals, y),
                va="center",
                fontsize=8,
                color="#495057",
            )
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("rounds")
        ax.legend(frameon=False, fontsize=8, loc="lower right")
        ax.set_title(title or "Most active investors", loc="left", fontsize=12)
        return _save(fig, fmt)


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def inline_svg(svg: bytes) -> str:
    """An SVG file's markup for embedding in HTML: no XML prologue, DOCTYPE or namespace URLs."""
    text = _PROLOGUE.sub("", svg.decode("utf-8"), count=1)
    return _NAMESPACES.sub("", text)
