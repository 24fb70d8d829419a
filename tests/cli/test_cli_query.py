"""`dealscope rounds`, `show`, `export`, `extract` and `eval` on real databases and files."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dealscope import api
from dealscope.cli.render import CSV_COLUMNS, money_text
from dealscope.errors import NotFoundError, UsageError
from dealscope.resolve import investor_key
from dealscope.store.db import Store

Cli = Any  # the `cli` fixture of tests/conftest.py: cli(*args) -> CliResult(code, out, err)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPORT_KEYS = [
    "id",
    "company",
    "round",
    "round_raw",
    "status",
    "announced_on",
    "amount",
    "valuation",
    "valuation_basis",
    "lead_investors",
    "investors",
    "sources",
]
MONEY_KEYS = [
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
]
SOURCE_KEYS = ["path", "document_id", "title", "published_on", "quote", "start", "end"]
DUEE_ROLES = {"被投资方", "融资金额", "融资轮次", "领投方", "投资方", "事件时间", "披露时间"}


def _json(cli: Cli, *args: str | Path) -> list[dict[str, Any]]:
    result = cli("rounds", *args, "--format", "json")
    assert result.code == 0, result.err
    records: list[dict[str, Any]] = json.loads(result.out)
    return records


def _first_day(iso: str | None) -> date | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


# --------------------------------------------------------------------------- rounds


@pytest.mark.parametrize(
    ("option", "value", "keep"),
    [
        ("--company", "澄湖", lambda r: "澄湖" in r["company"]),
        ("--company", "RIDGEFOLD analytics", lambda r: r["company"] == "Ridgefold Analytics"),
        (
            "--investor",
            "红杉",
            lambda r: any(investor_key(i["name"]) == "g:hongshan" for i in r["investors"]),
        ),
        (
            "--investor",
            "Sequoia China",
            lambda r: any(investor_key(i["name"]) == "g:hongshan" for i in r["investors"]),
        ),
        (
            "--investor",
            "Lightspeed Venture Partners",
            lambda r: any(investor_key(i["name"]) == "g:lightspeed" for i in r["investors"]),
        ),
        ("--status", "in_talks", lambda r: r["status"] == "in_talks"),
        ("--since", "2025", lambda r: (_first_day(r["announced_on"]) or date.min) >= date(2025, 1, 1)),
        ("--until", "2024-06", lambda r: (_first_day(r["announced_on"]) or date.max) <= date(2024, 6, 30)),
        ("--min-amount", "10M", lambda r: r["amount"] is not None and (r["amount"]["usd"] or 0) >= 10e6),
    ],
)
def test_each_filter_filters(cli: Cli, articles_db: Path, option: str, value: str, keep: Any) -> None:
    every = _json(cli, "--db", articles_db)
    chosen = _json(cli, "--db", articles_db, option, value)
    want = [r["id"] for r in every if keep(r)]
    assert [r["id"] for r in chosen] == want  # same rounds, same (newest first) order
    assert 0 < len(want) < len(every)
    table = cli("rounds", "--db", articles_db, option, value)
    assert table.code == 0
    for r in every:  # the table names exactly the chosen rounds, whole (no ellipsis when piped)
        assert (r["id"] in table.out) is (r["id"] in want)
    assert f"{len(want)} round(s)" in table.out and "…" not in table.out


def test_rounds_table_shows_every_column_whole(cli: Cli, articles_db: Path) -> None:
    table = cli("rounds", "--db", articles_db)
    assert table.code == 0
    for r in _json(cli, "--db", articles_db):
        line = next(line for line in table.out.splitlines() if r["id"] in line)
        assert r["company"] in line and r["status"].replace("_", " ") in line
        assert money_text(r["amount"]) in line
        for lead in r["lead_investors"]:
            assert lead in line


def test_filters_combine_and_bad_values_are_usage_errors(cli: Cli, articles_db: Path) -> None:
    assert _json(cli, "--db", articles_db, "--status", "in_talks", "--company", "澄湖") == []
    assert "no rounds match" in cli("rounds", "--db", articles_db, "--company", "nobody at all").out
    for args in (("--status", "closed"), ("--since", "last year"), ("--min-amount", "lots")):
        result = cli("rounds", "--db", articles_db, *args)
        assert result.code == UsageError.exit_code and len(result.err_lines) == 1 and result.out == ""


# --------------------------------------------------------------------------- show


def test_show_prints_every_field_with_its_quote_and_the_article(cli: Cli, articles_db: Path) -> None:
    record = next(r for r in _json(cli, "--db", articles_db) if "澄湖" in r["company"])
    with Store.open(articles_db) as store:
        detail = api.round_detail(store, record["id"])
    shown = cli("show", record["id"], "--db", articles_db)
    assert shown.code == 0
    out = shown.out
    for value in (
        record["company"],
        record["round"],
        record["round_raw"],
        record["status"],
        record["announced_on"],
    ):
        assert value and value in out
    assert money_text(record["amount"]) in out and record["valuation_basis"] in out
    for inv in record["investors"]:
        assert inv["name"] in out
    for field in (
        "company",
        "round",
        "status",
        "announced_on",
        "amount",
        "valuation",
        "valuation_basis",
        "lead",
    ):
        assert any(line.startswith(f"│ {field} ") for line in out.splitlines()), field
    assert {"company", "status", "stage", "amount", "date"} <= set(detail["evidence"])
    for quote in detail["evidence"].values():
        assert f"“{quote}”" in out
    for source in record["sources"]:
        assert source["title"] in out and f"“{source['quote']}”" in out
        assert f"{source['path']} [{source['start']}:{source['end']}]" in out
    by_prefix = cli("show", record["id"][:6], "--db", articles_db)
    assert by_prefix.code == 0 and by_prefix.out == out
    as_json = cli("show", record["id"], "--db", articles_db, "--format", "json")
    assert json.loads(as_json.out)["evidence"] == detail["evidence"]


def test_show_unknown_or_ambiguous_id_is_a_clear_error(cli: Cli, articles_db: Path) -> None:
    unknown = cli("show", "rzzzzzz", "--db", articles_db)
    assert unknown.code == NotFoundError.exit_code
    assert unknown.err_lines == ["error: no round 'rzzzzzz'"] and unknown.out == ""
    ambiguous = cli("show", "r", "--db", articles_db)
    assert ambiguous.code == NotFoundError.exit_code
    assert len(ambiguous.err_lines) == 1 and "ambiguous" in ambiguous.err


# --------------------------------------------------------------------------- export


def test_export_jsonl_has_exactly_the_documented_keys(cli: Cli, examples_db: Path) -> None:
    result = cli("export", "--format", "jsonl", "--db", examples_db)
    assert result.code == 0
    records = [json.loads(line) for line in result.out.splitlines()]
    assert records
    texts: dict[str, str] = {}
    with Store.open(examples_db) as store:
        for r in records:
            assert list(r) == EXPORT_KEYS
            for name in ("amount", "valuation"):
                assert r[name] is None or list(r[name]) == MONEY_KEYS
            for inv in r["investors"]:
                assert list(inv) == ["name", "lead", "amount"]
                assert inv["amount"] is None or list(inv["amount"]) == MONEY_KEYS
            assert r["sources"]
            for s in r["sources"]:
                assert list(s) == SOURCE_KEYS
                text = texts.setdefault(s["document_id"], store.document(s["document_id"])["text"])
                assert s["quote"] == text[s["start"] : s["end"]]
        assert [r["id"] for r in records] == [r["id"] for r in api.list_rounds(store)]


def test_export_csv_to_a_file(cli: Cli, examples_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "rounds.csv"
    result = cli("export", "--format", "csv", "-o", target, "--db", examples_db)
    assert result.code == 0 and result.out == ""
    assert "wrote" in result.err and str(target) in result.err
    with target.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        assert reader.fieldnames == list(CSV_COLUMNS)
    jsonl = [json.loads(x) for x in cli("export", "--db", examples_db).out.splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in jsonl]
    assert [r["company"] for r in rows] == [r["company"] for r in jsonl]
    assert list(tmp_path.glob("*.partial")) == []


def test_export_of_no_rounds_still_writes_the_header(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "none.csv"
    assert cli("export", "--format", "csv", "-o", target, "--db", tmp_path / "empty.db").code == 0
    assert target.read_text(encoding="utf-8").splitlines() == [",".join(CSV_COLUMNS)]


def test_failed_export_leaves_no_partial_file(cli: Cli, examples_db: Path, tmp_path: Path) -> None:
    into_dir = tmp_path / "a-folder"
    into_dir.mkdir()
    result = cli("export", "--format", "csv", "-o", into_dir, "--db", examples_db)
    assert result.code == UsageError.exit_code and len(result.err_lines) == 1
    assert str(into_dir) in result.err
    assert into_dir.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]

    previous = tmp_path / "previous.csv"
    previous.write_text("id\nr-old\n", encoding="utf-8")
    broken_db = tmp_path / "a-folder"  # a folder is no database: the export fails before writing
    result = cli("export", "--format", "csv", "-o", previous, "--db", broken_db)
    assert result.code != 0 and previous.read_text(encoding="utf-8") == "id\nr-old\n"
    assert list(tmp_path.glob("*.partial")) == []


# --------------------------------------------------------------------------- extract and eval


@pytest.fixture
def docs_jsonl(tmp_path: Path, articles_dir: Path) -> Path:
    """A JSON Lines file of three articles (one with no round at all)."""
    lines = [
        {
            "id": "doc-1",
            "title": "澄湖机器人完成1.2亿元B轮融资，红杉中国领投",
            "text": "2月18日，服务机器人公司澄湖机器人宣布完成1.2亿元B轮融资，由红杉中国领投，北辰创投跟投。",
            "published": "2025-02-18",
        },
        {
            "id": "doc-2",
            "title": "星穹医疗获3000万元A轮融资",
            "text": "11月20日消息，医疗影像公司星穹医疗近日宣布完成3000万元A轮融资，由高瓴创投领投，澄明基金参投。",
        },
        {"id": "doc-3", "title": "行业观察", "text": "今年以来，储能行业的装机量持续增长，多家企业扩产。"},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def test_extract_jsonl_prints_export_records(cli: Cli, docs_jsonl: Path) -> None:
    result = cli("extract", docs_jsonl)
    assert result.code == 0 and result.err == ""
    records = [json.loads(line) for line in result.out.splitlines()]
    assert len(records) >= 2
    for r in records:
        assert list(r) == EXPORT_KEYS
        for s in r["sources"]:
            assert s["path"].startswith(f"{docs_jsonl}#doc-")
    assert {s["path"].rsplit("#", 1)[1] for r in records for s in r["sources"]} >= {"doc-1", "doc-2"}


def test_extract_duee_events_use_the_roles_and_words_of_the_text(cli: Cli, docs_jsonl: Path) -> None:
    result = cli("extract", "--format", "duee", docs_jsonl)
    assert result.code == 0
    events = [json.loads(line) for line in result.out.splitlines()]
    assert [e["id"] for e in events] == ["doc-1", "doc-2", "doc-3"]
    inputs = {x["id"]: x for x in map(json.loads, docs_jsonl.read_text(encoding="utf-8").splitlines())}
    assert events[2]["event_list"] == []
    for e in events:
        assert list(e) == ["id", "event_list"]
        for event in e["event_list"]:
            assert event["event_type"] == "企业融资"
            roles = {a["role"] for a in event["arguments"]}
            assert roles <= DUEE_ROLES and "被投资方" in roles
            for a in event["arguments"]:
                source = inputs[e["id"]]
                assert a["argument"] and (a["argument"] in source["title"] or a["argument"] in source["text"])
    assert events[0]["event_list"] and events[1]["event_list"]


def test_extract_reports_a_bad_input_and_goes_on(cli: Cli, docs_jsonl: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = cli("extract", empty, docs_jsonl)
    assert result.code == 1
    assert result.err_lines == [f"error: {empty}: file is empty"]
    assert len(result.out.splitlines()) >= 2


def test_eval_prints_scores_per_field(cli: Cli) -> None:
    gold = EXAMPLES
    result = cli("eval", gold)
    assert result.code == 0
    header = next(line for line in result.out.splitlines() if "F1" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")][:4] == ["field", "P", "R", "F1"]
    for field in ("rounds (detection)", "company", "amount", "investors"):
        row = next(line for line in result.out.splitlines() if line.startswith(f"│ {field} "))
        scores = [c.strip() for c in row.strip("│ ").split("│")][1:4]
        assert all(0.0 <= float(s) <= 1.0 for s in scores)
    assert f"{gold}: " in result.out
