"""The `dealscope` command: one thin function per command over `dealscope.api`.

Every command parses options, makes library calls, formats the result, and lets `run` translate
dealscope's exceptions into one line on stderr and the error's exit code.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.markup import escape

from dealscope import __version__
from dealscope.cli import render
from dealscope.cli.options import DbOpt, Fmt, FmtOpt, err, open_store, out, print_wide
from dealscope.errors import DealscopeError, UsageError
from dealscope.extract.base import DEFAULT_EXTRACTOR

if TYPE_CHECKING:
    from dealscope import api
    from dealscope.store.db import RoundQuery

# Each command imports the library it needs (`dealscope.api` and below) when it runs: `--help` and
# the commands that need no database start without loading the pipeline, SQLAlchemy or Alembic.

app = typer.Typer(
    help="dealscope: venture rounds from the news you read, every value traced to its words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    duee = "duee"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dealscope {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """dealscope: venture rounds from the news you read, every value traced to its words."""


def _count_inputs(paths: list[Path]) -> int:
    from dealscope.ingest import SUPPORTED_SUFFIXES

    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(
                1
                for f in p.rglob("*")
                if f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith(".")
            )
        else:
            n += 1
    return n


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of saved articles.")],
    db: DbOpt = None,
    extractor: Annotated[str, typer.Option(help="Extractor name.")] = DEFAULT_EXTRACTOR,
    max_mb: Annotated[float, typer.Option(help="Skip files larger than this many MB.")] = 10.0,
) -> None:
    """Read articles, extract their funding rounds and store them (re-ingesting changes nothing)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from dealscope import api
    from dealscope.ingest import ReadOptions

    options = api.IngestOptions(extractor=extractor, read=ReadOptions(max_bytes=int(max_mb * 1024 * 1024)))
    total = _count_inputs(paths)
    with open_store(db) as store:
        if total >= 20 and err.is_terminal:
            with Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar:
                task = bar.add_task("ingest", total=total)
                last: list[str] = [""]

                def tick(p: api.Progress) -> None:
                    # The bar counts files; a JSON Lines file yields many documents ("f.jsonl#id").
                    file = p.path.split("#", 1)[0].split(":", 1)[0]
                    if file != last[0]:
                        last[0] = file
                        bar.advance(task)

                report = api.ingest(paths, store, options, tick)
        else:
            report = api.ingest(paths, store, options)
    for f in report.failures:
        _error(f"{f.path}: {f.reason}")
    out.print(
        f"read {report.read} document(s): {report.added} new, {report.duplicates} already stored"
        + (f", {report.updated} re-read" if report.updated else "")
        + f", {len(report.failures)} failed; {report.mentions} round mention(s) found; "
        f"{report.rounds} round(s) in the database ({report.seconds:.1f}s)",
        highlight=False,
        soft_wrap=True,
    )
    if report.failures:
        raise typer.Exit(1)


def _query(
    company: str | None,
    investor: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    min_amount: str | None,
    limit: int | None = None,
) -> RoundQuery:
    from dealscope.store.db import RoundQuery

    return RoundQuery(
        company=company,
        investor=investor,
        status=status,
        since=render.parse_day(since) if since else None,
        until=render.parse_day(until, end=True) if until else None,
        min_amount_usd=render.parse_amount(min_amount) if min_amount else None,
        limit=limit,
    )


CompanyOpt = Annotated[str | None, typer.Option(help="Company name contains this.")]
InvestorOpt = Annotated[str | None, typer.Option(help="An investor's name contains this.")]
StatusOpt = Annotated[
    str | None, typer.Option(help="completed, announced, in_talks, rumored, planned or cancelled.")
]
SinceOpt = Annotated[str | None, typer.Option(help="On or after YYYY[-MM[-DD]].")]
UntilOpt = Annotated[str | None, typer.Option(help="On or before YYYY[-MM[-DD]].")]
MinAmountOpt = Annotated[str | None, typer.Option(help="Amount at least this many USD (100M, 1.5B).")]


@app.command()
def rounds(
    db: DbOpt = None,
    company: CompanyOpt = None,
    investor: InvestorOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_amount: MinAmountOpt = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many rounds.")] = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """List funding rounds, newest first."""
    from dealscope import api

    _check_status(status)
    with open_store(db) as store:
        records = api.list_rounds(store, _query(company, investor, status, since, until, min_amount, limit))
    if fmt is Fmt.json:
        typer.echo(json.dumps([api.export_record(r) for r in records], ensure_ascii=False, indent=2))
        return
    if not records:
        out.print("no rounds match")
        return
    print_wide(render.rounds_table(records, title=f"{len(records)} round(s)"))


def _check_status(status: str | None) -> None:
    valid = ("completed", "announced", "in_talks", "rumored", "planned", "cancelled")
    if status is not None and status not in valid:
        raise UsageError(f"unknown status {status!r}; valid: {', '.join(valid)}")


@app.command()
def show(
    round_id: Annotated[str, typer.Argument(help="A round id (or a unique prefix of one).")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Every field of one round with the quote it came from, the article's title and date."""
    from dealscope import api

    with open_store(db) as store:
        record = api.round_detail(store, round_id)
    if fmt is Fmt.json:
        typer.echo(json.dumps(record, ensure_ascii=False, indent=2, default=str))
        return
    print_wide(render.show_table(record))


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv.")] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    db: DbOpt = None,
    company: CompanyOpt = None,
    investor: InvestorOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_amount: MinAmountOpt = None,
) -> None:
    """Write every round (or the filtered ones) as JSON Lines or CSV."""
    from dealscope import api

    _check_status(status)
    with open_store(db) as store:
        records = api.export_records(store, _query(company, investor, status, since, until, min_amount))
    with _open_out(output) as fh:
        if fmt is ExportFormat.jsonl:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            rows = [render.csv_row(r) for r in records]
            writer = csv.DictWriter(fh, fieldnames=list(render.CSV_COLUMNS))
            writer.writeheader()
            writer.writerows(rows)
    if output:
        err.print(f"wrote {len(records)} round(s) to {escape(str(output))}", highlight=False, soft_wrap=True)


@contextmanager
def _open_out(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    tmp = path.with_name(path.name + ".partial")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        tmp.replace(path)  # a failed export never leaves a half-written file behind
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


@app.command()
def extract(
    inputs: Annotated[
        list[Path], typer.Argument(help="Article files or folders (JSON Lines for --format duee).")
    ],
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", help="jsonl (rounds) or duee (DuEE-Fin events).")
    ] = ExtractFormat.jsonl,
    extractor: Annotated[str, typer.Option(help="Extractor name.")] = DEFAULT_EXTRACTOR,
) -> None:
    """Extract rounds without a database and print them to stdout, one JSON object per line."""
    from dealscope import api
    from dealscope.domain import ReadFailure
    from dealscope.present.duee import duee_record

    failed = 0
    for item in api.extract_paths(inputs, extractor):
        if isinstance(item, ReadFailure):
            _error(f"{item.path}: {item.reason}")
            failed += 1
            continue
        doc, extraction = item
        if fmt is ExtractFormat.duee:
            doc_id = doc.path.rsplit("#", 1)[1] if "#" in doc.path else doc.id
            typer.echo(json.dumps(duee_record(doc_id, extraction), ensure_ascii=False))
        else:
            for rec in api.records_for([(doc, extraction)]):
                typer.echo(json.dumps(api.export_record(rec), ensure_ascii=False))
    if failed:
        raise typer.Exit(1)


@app.command(name="eval")
def eval_(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Gold folders (articles + expected.json); default: examples.")
    ] = None,
    duee: Annotated[
        Path | None, typer.Option(help="Score DuEE events against this gold JSON Lines file instead.")
    ] = None,
    dialect: Annotated[
        str, typer.Option(help="duee-fin (our format) or duee1 (DuEE 1.0 financing items).")
    ] = "duee-fin",
    extractor: Annotated[str, typer.Option(help="Extractor name.")] = DEFAULT_EXTRACTOR,
    mismatches: Annotated[int, typer.Option(help="Show up to this many mismatches.")] = 0,
    timelines: Annotated[
        bool,
        typer.Option(
            "--timelines",
            help="Score the knowledge layer across articles against each folder's timelines.json instead.",
        ),
    ] = False,
) -> None:
    """Score the extractor against gold annotations: precision, recall and F1 per field."""
    from dealscope import evaluate
    from dealscope.cli.evalview import duee_table, report_table, timeline_table

    if duee is not None:
        if dialect not in ("duee-fin", "duee1"):
            raise UsageError(f"unknown dialect {dialect!r}; valid: duee-fin, duee1")
        gold = evaluate.load_duee_gold(duee)
        pred = evaluate.predict_duee(duee, extractor)
        d_report = evaluate.score_duee(pred, gold, dialect=dialect)  # type: ignore[arg-type]
        print_wide(duee_table(d_report, str(duee)))
        return
    if timelines:
        from dealscope.evaluate.timelines import evaluate_timelines

        for folder in paths or [Path("corpus/timelines")]:
            t_report = evaluate_timelines(folder, extractor)
            print_wide(timeline_table(t_report, str(folder)))
            notes = [f"{c.name}: {n}" for c in t_report.companies for n in c.notes]
            notes += [f"{i.name}: {n}" for i in t_report.investors for n in i.notes]
            for note in notes[:mismatches]:
                out.print("  " + note, highlight=False, markup=False, soft_wrap=True)
        return
    for folder in paths or [Path("examples")]:
        report = evaluate.evaluate_folder(folder, extractor)
        print_wide(report_table(report, str(folder)))
        for mm in report.mismatches[:mismatches]:
            out.print(
                f"  {mm.file} · {mm.company} · {mm.field}: expected {mm.expected!r}, got {mm.predicted!r}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )


def _error(text: str) -> None:
    """One line on stderr, never wrapped, the text shown as is (a file name may hold brackets)."""
    err.print(f"[red]error[/red]: {escape(text)}", highlight=False, soft_wrap=True)


def _fail(exc: DealscopeError) -> None:
    _error(str(exc))
    sys.exit(exc.exit_code)


def run(argv: list[str] | None = None) -> Any:
    """Console entry point: run the app, translating dealscope errors into a line and an exit code."""
    try:
        return app(args=argv, standalone_mode=True)
    except DealscopeError as exc:
        _fail(exc)
    return None


from dealscope.cli import knowledge  # noqa: E402  (org, company, investor, conflicts)

knowledge.register(app)

from dealscope.cli import reports  # noqa: E402  (stats, chart, report, sector)

reports.register(app)
