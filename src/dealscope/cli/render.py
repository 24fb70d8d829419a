"""Turning records into what a person reads: short money, tables, the `show` view, CSV rows."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rich.table import Table
from rich.text import Text

from dealscope.errors import UsageError

_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "HKD": "HK$", "TWD": "NT$"}


def short_number(x: float) -> str:
    for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(x) >= size:
            v = x / size
            return f"{v:.3g}{unit}" if v < 100 else f"{v:.0f}{unit}"
    return f"{x:.0f}"


def money_text(m: dict[str, Any] | None) -> str:
    """'$6.6B', '≈CN¥4B (~$552M)', 'undisclosed', '' for none."""
    if not m:
        return ""
    if m.get("qualifier") == "undisclosed":
        return "undisclosed"
    cur = m.get("currency")
    sym = _SYMBOL.get(cur or "", (cur + " ") if cur else "")
    q = {"approximate": "≈", "under": "<", "at_most": "≤", "over": ">", "at_least": "≥"}.get(
        m.get("qualifier") or "", ""
    )
    if m.get("value") is not None:
        core = f"{q}{sym}{short_number(m['value'])}"
    elif m.get("low") is not None and m.get("high") is not None:
        core = f"{sym}{short_number(m['low'])}–{short_number(m['high'])}"
    else:
        core = m.get("raw") or ""
    if cur not in (None, "USD") and m.get("usd") is not None:
        core += f" (~${short_number(m['usd'])})"
    return core


def rounds_table(records: list[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for col, kw in (
        ("date", {"no_wrap": True}),
        ("company", {}),
        ("round", {"no_wrap": True}),
        ("status", {"no_wrap": True}),
        ("amount", {"justify": "right", "no_wrap": True}),
        ("valuation", {"justify": "right", "no_wrap": True}),
        ("lead", {}),
        ("investors", {}),
        ("id", {"no_wrap": True, "style": "dim"}),
    ):
        table.add_column(col, **kw)
    for r in records:
        others = [i["name"] for i in r["investors"] if not i["lead"]]
        round_name = r["round_raw"] or r["round"]
        if r.get("background"):
            round_name += " (earlier)"
        cells = (
            r["announced_on"] or "?",
            r["company"],
            round_name,
            r["status"].replace("_", " "),
            money_text(r["amount"]),
            money_text(r["valuation"]),
            ", ".join(r["lead_investors"]),
            ", ".join(others[:4]) + (f" +{len(others) - 4}" if len(others) > 4 else ""),
            r["id"],
        )
        table.add_row(*(Text(c) for c in cells))  # Text: names with brackets are not markup
    return table


def show_table(record: dict[str, Any]) -> Table:
    """Every field of a round with the words it came from."""
    t = Table(show_header=True, header_style="bold", title=Text(f"{record['company']} · {record['id']}"))
    t.add_column("field", style="bold", no_wrap=True)
    t.add_column("value")
    t.add_column("from")
    evidence = record.get("evidence", {})

    def row(name: str, value: str, key: str | None = None) -> None:
        quote = evidence.get(key or name)
        t.add_row(name, Text(value), Text(f"“{quote}”", style="green") if quote else Text(""))

    row(
        "company",
        record["company"] + (f"  (also: {', '.join(record['aliases'])})" if record.get("aliases") else ""),
    )
    row(
        "round",
        f"{record['round']}" + (f" — {record['round_raw']}" if record.get("round_raw") else ""),
        "stage",
    )
    row("status", record["status"])
    row("announced_on", record["announced_on"] or "unknown", "date")
    for name in ("amount", "valuation"):
        m = record[name]
        detail = ""
        if m and m.get("fx_rate") and m.get("currency") != "USD":
            detail = f"  [{m['currency']}→USD {m['fx_rate']:.4f} on {m['fx_date']}]"
        row(name, money_text(m) + detail if m else "unknown")
    row("valuation_basis", record["valuation_basis"])
    for inv in record["investors"]:
        role = "lead" if inv["lead"] else "investor"
        amount = f"  {money_text(inv['amount'])}" if inv.get("amount") else ""
        row(role, inv["name"] + amount, f"investor:{inv['name']}")
    for inv in record.get("prospective_investors", []):
        row(
            "prospective",
            inv["name"] + ("  (talked of as lead)" if inv["lead"] else ""),
            f"investor:{inv['name']}",
        )
    for h in record.get("history", []):
        t.add_row("history", Text(f"{h['status']} {h['date'] or ''}"), Text(h.get("cue") or "", style="dim"))
    for c in record.get("conflicts", []):
        t.add_row(
            "conflict",
            Text(f"{c['field']}: {money_text(c['value'])} vs chosen {money_text(c['chosen'])}"),
            c["document_id"],
        )
    for s in record["sources"]:
        t.add_row(
            "source",
            Text(f"{s['title']} ({s['published_on'] or 'undated'})"),
            Text(f"“{s['quote']}”", style="cyan"),
        )
        t.add_row("", Text(f"{s['path']} [{s['start']}:{s['end']}]", style="dim"), "")
    return t


_CSV_PLAIN = ("id", "company", "round", "round_raw", "status", "announced_on", "valuation_basis")
_MONEY_KEYS = (
    "raw",
    "value",
    "currency",
    "low",
    "high",
    "qualifier",
    "usd",
    "low_usd",
    "high_usd",
    "fx_rate",
    "fx_date",
)
# The CSV header, fixed so that an export with no rounds still names its columns.
CSV_COLUMNS: tuple[str, ...] = (
    *_CSV_PLAIN,
    *(f"{name}_{k}" for name in ("amount", "valuation") for k in _MONEY_KEYS),
    "lead_investors",
    "investors",
    "sources",
    "quotes",
)


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """The export record flattened for CSV (money fields expanded, lists joined with '; ')."""
    row: dict[str, Any] = {k: record[k] for k in _CSV_PLAIN}
    for name in ("amount", "valuation"):
        m = record[name] or {}
        for k in _MONEY_KEYS:
            row[f"{name}_{k}"] = m.get(k)
    row["lead_investors"] = "; ".join(record["lead_investors"])
    row["investors"] = "; ".join(
        i["name"] + (f" ({money_text(i['amount'])})" if i.get("amount") else "") for i in record["investors"]
    )
    row["sources"] = "; ".join(f"{s['path']}[{s['start']}:{s['end']}]" for s in record["sources"])
    row["quotes"] = " | ".join(s["quote"] for s in record["sources"])
    return row


def parse_amount(text: str) -> float:
    """'100M', '1.5B', '2e8', '500k' -> a number (USD)."""
    m = re.fullmatch(r"\s*\$?\s*([\d.]+(?:e\d+)?)\s*([kKmMbBtT]?)\s*", text)
    if not m:
        raise UsageError(f"cannot read amount {text!r}; write e.g. 100M, 1.5B or 250000")
    mult = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}[m.group(2).lower()]
    return float(m.group(1)) * mult


def parse_day(text: str, end: bool = False) -> date:
    """'2024', '2024-06', '2024-06-01' -> a date (the first day, or the last with end=True)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if not m:
        raise UsageError(f"cannot read date {text!r}; write YYYY, YYYY-MM or YYYY-MM-DD")
    y = int(m.group(1))
    mo = int(m.group(2) or (12 if end else 1))
    if m.group(3):
        return date(y, mo, int(m.group(3)))
    if not end:
        return date(y, mo, 1)
    nxt = date(y + (mo == 12), mo % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)
