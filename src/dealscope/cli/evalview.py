"""Tables for `dealscope eval`: per-field scores of a gold folder, per-role scores of DuEE events."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from dealscope.evaluate import FIELDS, DueeReport, EvalReport, Score
from dealscope.evaluate.timelines import Tally, TimelineReport


def _score_row(table: Table, name: str, s: Score, extra: str = "") -> None:
    table.add_row(
        name,
        f"{s.precision:.3f}",
        f"{s.recall:.3f}",
        f"{s.f1:.3f}",
        str(s.tp),
        str(s.fp),
        str(s.fn),
        extra,
    )


def _table(title: str, first: str, extra: str = "") -> Table:
    table = Table(title=title, header_style="bold", title_justify="left")
    table.add_column(first)
    for col in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right")
    table.add_column(extra, justify="right")
    return table


def report_table(report: EvalReport, where: str) -> Group:
    """Detection and per-field precision / recall / F1, with the share of matched rounds that agree."""
    table = _table(f"{where}: {report.documents} documents", "field", "agree")
    _score_row(table, "rounds (detection)", report.rounds)
    for name in FIELDS:
        agree, compared = report.agreement.get(name, (0, 0))
        acc = f"{agree}/{compared}" if compared else ""
        _score_row(table, name, report.fields.get(name, Score()), acc)
    summary = Text(
        f"rounds found {report.rounds_found:.1%} · not a round {report.not_a_round_rate:.1%} · "
        f"{report.expected_rounds} expected, {report.predicted_rounds} reported"
    )
    parts: list[Table | Text] = [table, summary]
    if report.unread:
        parts.append(Text("unread: " + ", ".join(report.unread), style="red"))
    if report.unannotated:
        parts.append(Text(f"{len(report.unannotated)} documents without expectations (not scored)"))
    return Group(*parts)


def duee_table(report: DueeReport, where: str) -> Group:
    """Per-role scores, pooled argument F1 and event-level F1 in the DuEE convention."""
    table = _table(f"{where}: {report.documents} documents", "role")
    for role, s in report.roles.items():
        _score_row(table, role, s)
    _score_row(table, "arguments (all roles)", report.arguments)
    _score_row(table, "events (exact)", report.events)
    return Group(table)


def _tally_row(table: Table, name: str, t: Tally, agree_word: str) -> None:
    extra = f"{agree_word} {t.agree}/{t.score.tp}" + (f" · {t.duplicates} dup" if t.duplicates else "")
    if not t.in_order:
        extra += " · out of order"
    _score_row(table, name, t.score, extra)


def timeline_table(report: TimelineReport, where: str) -> Group:
    """Valuation timelines, rounds and portfolios across articles against timelines.json."""
    table = _table(f"{where}: {report.documents} documents, across articles", "list", "agreement")
    _tally_row(table, "valuation points", report.valuations, "status")
    _tally_row(table, "rounds", report.rounds, "status")
    _tally_row(table, "portfolio entries", report.portfolios, "role")
    per = Table(header_style="bold", title="per company", title_justify="left")
    for col in ("company", "valuations tp/fp/fn", "rounds tp/fp/fn", "exact timeline"):
        per.add_column(col)
    for c in report.companies:
        v, r = c.valuations, c.rounds
        right = v.score.fp == 0 and v.score.fn == 0 and v.in_order and v.agree == v.score.tp
        per.add_row(
            c.name,
            f"{v.score.tp}/{v.score.fp}/{v.score.fn}",
            f"{r.score.tp}/{r.score.fp}/{r.score.fn}",
            "yes" if right else "no",
        )
    gathered, investors = report.names_gathered
    exact, companies = report.timelines_exact
    summary = Text(
        f"timelines exactly right {exact}/{companies} · investors whose spellings are one organisation "
        f"{gathered}/{investors}"
    )
    return Group(table, per, summary)
