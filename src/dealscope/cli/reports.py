"""The reporting commands: `stats`, `chart …`, `report` and `sector …`, each a thin layer over the library."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.markup import escape
from rich.table import Table

from dealscope.cli.options import DbOpt, Fmt, FmtOpt, err, open_store, out, print_wide
from dealscope.cli.render import parse_day, short_number
from dealscope.errors import UsageError

if TYPE_CHECKING:
    from dealscope.analyse.sectors import SectorAssignment
    from dealscope.analyse.stats import StatRow, StatsQuery, StatsResult

# `dealscope.analyse` (and with it SQLAlchemy and the store) is imported inside the commands, so that
# the CLI starts without it. The choices below therefore copy `stats.Period` and `stats.Grouping`,
# whose module loads SQLAlchemy; `_query` turns them into those (tests/cli/test_startup.py keeps the
# two in step).


class PeriodChoice(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


class GroupChoice(StrEnum):
    STAGE = "stage"
    SECTOR = "sector"
    LAYER = "layer"
    REGION = "region"
    STATUS = "status"


ByOpt = Annotated[PeriodChoice, typer.Option("--by", help="Bucket size: month, quarter, half or year.")]
GroupOpt = Annotated[
    GroupChoice | None,
    typer.Option("--group", help="Split each period by stage, sector, layer, region or status."),
]
SinceOpt = Annotated[str | None, typer.Option(help="Announced on or after YYYY[-MM[-DD]].")]
UntilOpt = Annotated[str | None, typer.Option(help="Announced on or before YYYY[-MM[-DD]].")]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="Count rounds of this status (repeatable; 'all' for every status). Default: completed only.",
    ),
]
OutOpt = Annotated[Path, typer.Option("-o", "--output", help="File to write.")]

chart_app = typer.Typer(
    help="Charts as SVG or PNG files (chosen by the file's suffix).", no_args_is_help=True
)
sector_app = typer.Typer(
    help="Sectors and layers: see how a company is classified, and correct it.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add `stats`, `chart`, `report` and `sector` to the main app."""
    app.command(name="stats")(stats)
    app.add_typer(chart_app, name="chart")
    app.command(name="report")(report)
    app.add_typer(sector_app, name="sector")


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _query(
    by: PeriodChoice,
    group: GroupChoice | None,
    since: str | None,
    until: str | None,
    status: list[str] | None,
) -> StatsQuery:
    from dealscope.analyse.stats import STATUSES, Grouping, Period, StatsQuery

    statuses: tuple[str, ...] | None
    if status and "all" in status:
        statuses = None
    else:
        statuses = tuple(dict.fromkeys(status or ["completed"]))
        bad = [s for s in statuses if s not in STATUSES]
        if bad:
            raise UsageError(f"unknown status {bad[0]!r}; valid: {', '.join(STATUSES)} or all")
    return StatsQuery(
        by=Period(by.value),
        group=Grouping(group.value) if group is not None else None,
        since=parse_day(since) if since else None,
        until=parse_day(until, end=True) if until else None,
        statuses=statuses,
    )


def _usd(x: float | None) -> str:
    return "$" + short_number(x) if x is not None else "–"


def _pct(x: float | None) -> str:
    return f"{x * 100:.1f}%" if x is not None else "–"


# --------------------------------------------------------------------------- stats


def stats(
    by: ByOpt = PeriodChoice.MONTH,
    group: GroupOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    status: StatusOpt = None,
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Deals, USD total, mean, median and share per period (rumours only when asked for with --status)."""
    from dealscope.analyse.stats import deal_stats

    q = _query(by, group, since, until, status)
    with open_store(db) as store:
        result = deal_stats(store, q)
    if fmt is Fmt.json:
        _json([row.to_dict() for row in result.rows])
        return
    if not result.rows:
        out.print("no rounds match")
        return
    print_wide(stats_table(result))
    statuses = ", ".join(q.statuses) if q.statuses else "all statuses"
    t = result.total
    out.print(
        f"{t.deals} deal(s) ({statuses}); with amount: {t.deals_with_amount} — totals, means and medians "
        f"count only those; share is of the {'period' if q.group else 'grand'} total.",
        highlight=False,
        soft_wrap=True,
    )


def stats_table(result: StatsResult) -> Table:
    """The statistics as a table: one line per period (and group), then totals."""
    grouped = result.query.group is not None
    table = Table(header_style="bold", show_footer=False)
    table.add_column("period", no_wrap=True)
    if grouped:
        table.add_column(result.query.group.value if result.query.group else "group")
    for name in ("deals", "with amount", "total", "mean", "median", "share"):
        table.add_column(name, justify="right", no_wrap=True)

    def add(row: StatRow, style: str | None = None) -> None:
        cells = [row.period] + ([row.group or ""] if grouped else [])
        cells += [
            str(row.deals),
            str(row.deals_with_amount),
            _usd(row.total_usd if row.deals_with_amount else None),
            _usd(row.mean_usd),
            _usd(row.median_usd),
            _pct(row.share),
        ]
        table.add_row(*cells, style=style)

    for i, row in enumerate(result.rows):
        add(row)
        if grouped and (i + 1 == len(result.rows) or result.rows[i + 1].period != row.period):
            table.add_section()
    for row in result.group_totals:
        add(row, "dim")
    add(result.total, "bold")
    return table


# --------------------------------------------------------------------------- charts


def _chart_format(path: Path) -> Literal["svg", "png"]:
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return "svg"
    if suffix == ".png":
        return "png"
    raise UsageError(f"cannot tell the chart format from {path.name!r}: name the file .svg or .png")


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".partial")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)  # never a half-written file under the real name
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _wrote(path: Path, what: str) -> None:
    err.print(f"wrote {escape(str(path))} ({what})", highlight=False, soft_wrap=True)


@chart_app.command("valuation")
def chart_valuation(
    company: Annotated[str, typer.Argument(help="Company name (as in `dealscope rounds`).")],
    output: OutOpt,
    db: DbOpt = None,
) -> None:
    """A company's valuation by round over time; the marker shows the status (filled: completed)."""
    from dealscope.analyse.stats import company_timeline
    from dealscope.present.chart import valuation_chart

    fmt = _chart_format(output)
    with open_store(db) as store:
        name, points = company_timeline(store, company)
    valued = sum(1 for p in points if p.valuation_usd is not None)
    _write(output, valuation_chart(name, points, fmt))
    _wrote(output, f"{valued} valuation(s) of {name}")


@chart_app.command("funding")
def chart_funding(
    output: OutOpt,
    by: ByOpt = PeriodChoice.QUARTER,
    group: GroupOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    status: StatusOpt = None,
    db: DbOpt = None,
) -> None:
    """USD raised per period as bars, stacked by group when --group is given."""
    from dealscope.analyse.stats import deal_stats
    from dealscope.present.chart import funding_chart

    fmt = _chart_format(output)
    q = _query(by, group, since, until, status)
    with open_store(db) as store:
        result = deal_stats(store, q)
    _write(output, funding_chart(result, fmt))
    periods = len({row.period for row in result.rows})
    _wrote(output, f"{periods} period(s), {result.total.deals} deal(s)")


@chart_app.command("investors")
def chart_investors(
    output: OutOpt,
    top: Annotated[int, typer.Option(help="How many investors.")] = 15,
    since: SinceOpt = None,
    until: UntilOpt = None,
    status: StatusOpt = None,
    db: DbOpt = None,
) -> None:
    """The most active investors: rounds joined and led."""
    from dealscope.analyse.stats import top_investors
    from dealscope.present.chart import investors_chart

    fmt = _chart_format(output)
    q = _query(PeriodChoice.YEAR, None, since, until, status)
    with open_store(db) as store:
        investors = top_investors(store, q, top)
    _write(output, investors_chart(investors, fmt))
    _wrote(output, f"{len(investors)} investor(s)")


# --------------------------------------------------------------------------- report


def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    since: SinceOpt = None,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option(help="Rows per section.")] = 15,
    db: DbOpt = None,
) -> None:
    """One self-contained HTML file: biggest rounds, new rumours, valuation changes, investors, with quotes."""
    from dealscope.present.report import build_report, render_report

    start = parse_day(since) if since else None
    end = parse_day(until, end=True) if until else None
    with open_store(db) as store:
        data = build_report(
            store, start, end, top, generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        )
    _write(output, render_report(data).encode("utf-8"))
    _wrote(output, f"{len(data.rounds)} round(s) quoted")


# --------------------------------------------------------------------------- sectors


def _assignment(company: str, a: SectorAssignment) -> dict[str, Any]:
    return {
        "company": company,
        "company_key": a.company_key,
        "sector": a.sector,
        "layer": a.layer,
        "region": a.region,
        "source": a.source,
        "evidence": a.evidence,
    }


def _show_assignment(data: dict[str, Any], fmt: Fmt) -> None:
    if fmt is Fmt.json:
        _json(data)
        return
    table = Table(show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for k in ("company", "company_key", "sector", "layer", "region", "source", "evidence"):
        table.add_row(k, escape(str(data[k] or "")))
    print_wide(table)


@sector_app.command("show")
def sector_show(
    company: Annotated[str, typer.Argument(help="Company name.")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """A company's sector, layer and region, and what decided them (override, gazetteer or keyword)."""
    from dealscope.analyse import sectors

    with open_store(db) as store:
        a = sectors.company_sector(store, company)
    _show_assignment(_assignment(company, a), fmt)


@sector_app.command("set")
def sector_set(
    company: Annotated[str, typer.Argument(help="Company name.")],
    sector: Annotated[str | None, typer.Argument(help="Sector tag, e.g. coding, robotics, chips.")] = None,
    layer: Annotated[
        str | None, typer.Option(help="foundation_models, infrastructure, applications or other.")
    ] = None,
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Set a company's sector (and/or layer); it beats the gazetteer and the keywords from now on."""
    from dealscope.analyse import sectors

    with open_store(db) as store:
        a = sectors.set_sector(store, company, sector, layer, datetime.now(UTC))
    _show_assignment(_assignment(company, a), fmt)


@sector_app.command("clear")
def sector_clear(
    company: Annotated[str, typer.Argument(help="Company name.")],
    db: DbOpt = None,
) -> None:
    """Remove a company's sector override (the automatic assignment applies again)."""
    from dealscope.analyse import sectors

    with open_store(db) as store:
        removed = sectors.clear_sector(store, company)
    out.print(f"override removed for {escape(company)}" if removed else f"{escape(company)} had no override")


@sector_app.command("list")
def sector_list(db: DbOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Every sector override stored in the database."""
    from dealscope.analyse import sectors

    with open_store(db) as store:
        rows = sectors.list_overrides(store)
    if fmt is Fmt.json:
        _json(rows)
        return
    if not rows:
        out.print("no overrides")
        return
    table = Table(header_style="bold")
    for col in ("company_key", "sector", "layer", "updated_at"):
        table.add_column(col)
    for r in rows:
        table.add_row(*(escape(str(r[c] or "")) for c in ("company_key", "sector", "layer", "updated_at")))
    print_wide(table)


@sector_app.command("taxonomy")
def sector_taxonomy(fmt: FmtOpt = Fmt.table) -> None:
    """The layers and sectors keywords are matched against (bundled data/sectors.json)."""
    from dealscope.analyse.taxonomy import Taxonomy  # the classifier's data alone: no database

    tax = Taxonomy.default()
    if fmt is Fmt.json:
        _json(
            [
                {
                    "layer": layer.id,
                    "label": layer.label,
                    "sectors": [
                        {"id": s.id, "label": s.label, "zh": list(s.keywords_zh), "en": list(s.keywords_en)}
                        for s in layer.sectors
                    ],
                }
                for layer in tax.layers()
            ]
        )
        return
    table = Table(header_style="bold")
    for col in ("layer", "sector", "label", "keywords"):
        table.add_column(col)
    for layer in tax.layers():
        for s in layer.sectors:
            words = ", ".join((*s.keywords_zh[:3], *s.keywords_en[:3]))
            table.add_row(layer.id, s.id, f"{s.label} / {s.label_zh}", escape(words))
        table.add_section()
    print_wide(table)
