"""The knowledge commands: `org …` (show, list, merge, alias and their undoing), `company`, `investor`,
`conflicts`. Each parses its options, calls `dealscope.analyse`, and prints a table or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from dealscope.cli.options import DbOpt, Fmt, FmtOpt, open_store, out, print_wide
from dealscope.cli.render import money_text, rounds_table, short_number

if TYPE_CHECKING:
    from dealscope.analyse import orgs
    from dealscope.resolve import Edit, Organization

# The commands import `dealscope.analyse` (and with it the store) when they run, so that loading the
# CLI for another command does not load SQLAlchemy.

org_app = typer.Typer(
    help="Organisations: show and list them, and correct what the machine got wrong (reversibly).",
    no_args_is_help=True,
)
alias_app = typer.Typer(help="Other names an organisation goes by.", no_args_is_help=True)
org_app.add_typer(alias_app, name="alias")


def register(app: typer.Typer) -> None:
    """Add `org`, `company`, `investor` and `conflicts` to the main app."""
    app.add_typer(org_app, name="org")
    app.command(name="company")(company)
    app.command(name="investor")(investor)
    app.command(name="conflicts")(conflicts)


def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _usd(x: float | None) -> str:
    return f"${short_number(x)}" if x is not None else ""


# --------------------------------------------------------------------------- org


def _report(result: orgs.EditResult, fmt: Fmt) -> None:
    if fmt is Fmt.json:
        _json(
            {
                "edit_id": result.edit_id,
                "action": result.action,
                "keys": list(result.keys),
                "message": result.message,
                "rounds": result.rounds,
            }
        )
        return
    out.print(f"edit #{result.edit_id}: {escape(result.message)}; {result.rounds} round(s)", highlight=False)


@org_app.command("merge")
def org_merge(
    into: Annotated[str, typer.Argument(help="The organisation to keep (A).")],
    merged: Annotated[str, typer.Argument(help="The organisation that is really A (B).")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Make B the same organisation as A (undo with `org unmerge A B`)."""
    from dealscope.analyse import orgs

    with open_store(db) as store:
        result = orgs.merge(store, into, merged)
    _report(result, fmt)


@org_app.command("unmerge")
def org_unmerge(
    a: Annotated[str, typer.Argument(help="One name.")],
    b: Annotated[str, typer.Argument(help="The name to separate from it.")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Separate B from A: undo your merge, or split a name the machine joined wrongly."""
    from dealscope.analyse import orgs

    with open_store(db) as store:
        result = orgs.unmerge(store, a, b)
    _report(result, fmt)


@alias_app.command("add")
def alias_add(
    name: Annotated[str, typer.Argument(help="A name of the organisation.")],
    alias: Annotated[str, typer.Argument(help="Another name that refers to it.")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Let ALIAS refer to NAME's organisation."""
    from dealscope.analyse import orgs

    with open_store(db) as store:
        result = orgs.add_alias(store, name, alias)
    _report(result, fmt)


@alias_app.command("remove")
def alias_remove(
    name: Annotated[str, typer.Argument(help="A name of the organisation.")],
    alias: Annotated[str, typer.Argument(help="The name that should not refer to it.")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Stop ALIAS referring to NAME's organisation."""
    from dealscope.analyse import orgs

    with open_store(db) as store:
        result = orgs.remove_alias(store, name, alias)
    _report(result, fmt)


def _org_json(o: Organization) -> dict[str, Any]:
    return {
        "key": o.key,
        "name": o.name,
        "kind": o.kind,
        "names_zh": list(o.names_zh),
        "names_en": list(o.names_en),
        "aliases": list(o.aliases),
        "website": o.website,
        "region": o.region,
        "sector": o.sector,
        "layer": o.layer,
    }


def _edit_json(e: Edit) -> dict[str, Any]:
    return {
        "id": e.id,
        "action": e.action,
        "args": dict(e.args),
        "created_at": e.created_at.isoformat() if e.created_at else None,
        "undone": e.undone,
    }


@org_app.command("show")
def org_show(
    name: Annotated[str, typer.Argument(help="Any name of the organisation.")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """An organisation: its names, kind, facts, rounds, and your edits that name it."""
    from dealscope.analyse import orgs

    with open_store(db) as store:
        d = orgs.detail(store, name)
    if fmt is Fmt.json:
        _json(
            {
                **_org_json(d.org),
                "rounds_as_company": d.rounds_as_company,
                "rounds_as_investor": d.rounds_as_investor,
                "edits": [_edit_json(e) for e in d.edits],
            }
        )
        return
    t = Table(title=f"{d.org.name} ({d.org.key})", show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value")
    for label, value in (
        ("kind", d.org.kind),
        ("names (zh)", ", ".join(d.org.names_zh)),
        ("names (en)", ", ".join(d.org.names_en)),
        ("aliases", ", ".join(d.org.aliases)),
        ("website", d.org.website or ""),
        ("region", d.org.region or ""),
        ("sector", d.org.sector or ""),
        ("layer", d.org.layer or ""),
        ("rounds as company", str(d.rounds_as_company)),
        ("rounds as investor", str(d.rounds_as_investor)),
    ):
        if value:
            t.add_row(label, escape(value))
    for e in d.edits:
        t.add_row(f"edit #{e.id}", escape(_edit_text(e)))
    print_wide(t)


def _edit_text(e: Edit) -> str:
    args = ", ".join(f"{k}={v}" for k, v in e.args.items() if v is not None)
    return f"{e.action} {args}" + (" (undone)" if e.undone else "")


@org_app.command("list")
def org_list(
    db: DbOpt = None,
    kind: Annotated[
        str | None, typer.Option(help="startup, vc, corporate, sovereign, person, fund, unknown.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Every organisation in the database, by name."""
    from dealscope.analyse import orgs

    with open_store(db) as store:
        found = orgs.list_organizations(store, kind, limit)
    if fmt is Fmt.json:
        _json([_org_json(o) for o in found])
        return
    t = Table(title=f"{len(found)} organisation(s)", header_style="bold")
    for col in ("name", "kind", "other names", "key"):
        t.add_column(col)
    for o in found:
        others = [n for n in o.all_names() if n != o.name]
        t.add_row(
            escape(o.name),
            o.kind,
            escape(", ".join(others[:4]) + (f" +{len(others) - 4}" if len(others) > 4 else "")),
            escape(o.key),
        )
    print_wide(t)


@org_app.command("edits")
def org_edits(db: DbOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Your corrections, oldest first (an undo is an entry of its own)."""
    from dealscope.analyse import orgs

    with open_store(db) as store:
        log = orgs.edits(store)
    if fmt is Fmt.json:
        _json([_edit_json(e) for e in log])
        return
    t = Table(title=f"{len(log)} edit(s)", header_style="bold")
    for col in ("#", "when", "edit"):
        t.add_column(col)
    for e in log:
        when = e.created_at.strftime("%Y-%m-%d %H:%M") if e.created_at else ""
        t.add_row(str(e.id), when, escape(_edit_text(e)))
    print_wide(t)


# --------------------------------------------------------------------------- company, investor, conflicts


def company(
    name: Annotated[str, typer.Argument(help="Any name of the company (Chinese or English).")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """A company: rounds in date order, valuation timeline, total raised, investors, metrics."""
    from dealscope.analyse import company as company_mod

    with open_store(db) as store:
        view = company_mod.company_view(store, name)
    if fmt is Fmt.json:
        _json(view.to_json())
        return
    head = f"[bold]{escape(view.name)}[/bold] ({escape(view.key)})"
    if view.aliases:
        head += f"  also: {escape(', '.join(view.aliases[:8]))}"
    out.print(head, highlight=False, soft_wrap=True)
    if not view.records:
        out.print("no rounds for this company")
        return
    print_wide(rounds_table(list(view.records), title="rounds"))
    out.print(f"total raised (completed rounds, USD): {_usd(view.total_raised_usd) or '$0'}", highlight=False)
    if view.valuations:
        t = Table(title="valuations", header_style="bold")
        for col in ("date", "valuation", "basis", "status", "round", "sources"):
            t.add_column(col)
        worded = {r["id"]: money_text(r["valuation"]) for r in view.records}
        for p in view.valuations:
            t.add_row(
                p["date"] or "?",
                worded.get(p["round_id"]) or _usd(p["usd"]),
                p["basis"],
                p["status"].replace("_", " "),
                p["round_id"],
                escape("; ".join(s["title"] or s["document_id"] for s in p["sources"])),
            )
        print_wide(t)
    t = Table(title="investors", header_style="bold")
    for col in ("investor", "rounds"):
        t.add_column(col)
    for inv in view.investors:
        rounds = [
            f"{r['announced_on'] or '?'} {r['round']}" + (" (lead)" if r["role"] == "lead" else "")
            for r in inv["rounds"]
        ]
        t.add_row(escape(inv["name"]), escape("; ".join(rounds)))
    print_wide(t)
    if view.metrics:
        t = Table(title="metrics", header_style="bold")
        for col in ("as of", "metric", "period", "value", "quote"):
            t.add_column(col)
        for m in view.metrics:
            value = (
                money_text({"value": m["value"], "currency": m["currency"], "usd": m["usd"]})
                if m["raw"]
                else ""
            )
            t.add_row(
                m["as_of"] or "?", m["kind"], m["period"], value or str(m["count"] or ""), escape(m["quote"])
            )
        print_wide(t)
    for x in view.multiples:
        metric = x["metric"]
        out.print(
            f"valuation multiple {x['multiple']:.1f}x: {_usd(x['valuation_usd'])} ({x['date']}) / "
            f"{metric['kind']} {_usd(metric['usd'])} ({metric['as_of']}, {metric['period']})",
            highlight=False,
        )


def investor(
    name: Annotated[str, typer.Argument(help="Any name of the investor (Chinese or English).")],
    db: DbOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """An investor: portfolio, leads versus follow-ons, amounts where known, co-investors ranked."""
    from dealscope.analyse import investor as investor_mod

    with open_store(db) as store:
        view = investor_mod.investor_view(store, name)
    if fmt is Fmt.json:
        _json(view.to_json())
        return
    head = f"[bold]{escape(view.name)}[/bold] ({escape(view.key)})"
    if view.aliases:
        head += f"  also: {escape(', '.join(view.aliases[:8]))}"
    out.print(head, highlight=False, soft_wrap=True)
    out.print(
        f"{len(view.rounds)} round(s) in {len(view.portfolio)} compan(ies): {view.leads} led, {view.follow_ons} joined",
        highlight=False,
    )
    if not view.rounds:
        return
    t = Table(title="portfolio", header_style="bold")
    for col in ("date", "company", "round", "status", "role", "round amount", "own amount"):
        t.add_column(col)
    for r in view.rounds:
        t.add_row(
            r["announced_on"] or "?",
            escape(r["company"]),
            escape(r["round_raw"] or r["round"]),
            r["status"].replace("_", " "),
            r["role"],
            money_text(r["round_amount"]),
            money_text(r.get("investor_amount")),
        )
    print_wide(t)
    if view.co_investors:
        t = Table(title="co-investors", header_style="bold")
        t.add_column("investor")
        t.add_column("shared rounds", justify="right")
        for c in view.co_investors[:20]:
            t.add_row(escape(c["name"]), str(c["rounds"]))
        print_wide(t)


def conflicts(
    db: DbOpt = None,
    company_name: Annotated[str | None, typer.Option("--company", help="Only this company's rounds.")] = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Figures the articles disagree on: the chosen value and each article that says otherwise."""
    from dealscope.analyse import conflicts as conflicts_mod

    with open_store(db) as store:
        rows = conflicts_mod.conflicts(store, company_name)
    if fmt is Fmt.json:
        _json(rows)
        return
    if not rows:
        out.print("no conflicts")
        return
    t = Table(title=f"{len(rows)} conflict(s)", header_style="bold")
    for col in ("date", "company", "round", "field", "chosen", "other", "other says", "round id"):
        t.add_column(col)
    for c in rows:
        t.add_row(
            c["announced_on"] or "?",
            escape(c["company"]),
            c["round"],
            c["field"],
            money_text(c["chosen"]),
            money_text(c["value"]),
            escape(f"{c['title'] or c['document_id']} ({(c['value_status'] or '').replace('_', ' ')})"),
            c["round_id"],
        )
    print_wide(t)
