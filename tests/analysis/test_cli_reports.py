"""The `stats`, `chart`, `report` and `sector` commands, run through the console entry point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dealscope.store.db import Store

from .conftest import RECORDS

Cli = Any  # the `cli` fixture of tests/conftest.py: cli(*args) -> CliResult(code, out, err)


def _hand_db(tmp_path: Path) -> Path:
    path = tmp_path / "hand.db"
    with Store.open(path) as store:
        store.replace_rounds(RECORDS)
    return path


def test_stats_json_is_a_list_of_rows(cli: Cli, tmp_path: Path) -> None:
    db = _hand_db(tmp_path)
    r = cli("stats", "--db", db, "--by", "year", "--format", "json")
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    assert [row["period"] for row in rows] == ["2024", "2025", "undated"]
    assert set(rows[0]) == {
        "period",
        "group",
        "deals",
        "deals_with_amount",
        "total_usd",
        "mean_usd",
        "median_usd",
        "share",
    }
    assert (rows[0]["deals"], rows[0]["deals_with_amount"], rows[0]["total_usd"]) == (5, 4, 100e6)
    r = cli("stats", "--db", db, "--by", "year", "--status", "all", "--group", "status", "--format", "json")
    assert {(row["period"], row["group"]) for row in rows} < {
        (row["period"], row["group"]) for row in json.loads(r.out)
    } | {(p, None) for p in ("2024", "2025", "undated")}
    assert any(row["group"] == "rumored" for row in json.loads(r.out))


def test_stats_table_says_how_many_had_an_amount(cli: Cli, tmp_path: Path) -> None:
    r = cli("stats", "--db", _hand_db(tmp_path), "--by", "quarter", "--group", "layer")
    assert r.code == 0, r.err
    assert "2024-Q1" in r.out and "applications" in r.out and "undated" in r.out
    assert "with amount: 7" in r.out


def test_stats_rejects_an_unknown_status(cli: Cli, tmp_path: Path) -> None:
    r = cli("stats", "--db", _hand_db(tmp_path), "--status", "closed")
    assert r.code == 2 and "unknown status 'closed'" in r.err


def test_sector_set_show_list_clear(cli: Cli, tmp_path: Path) -> None:
    db = _hand_db(tmp_path)
    shown = json.loads(cli("sector", "show", "Alpha", "--db", db, "--format", "json").out)
    assert (shown["sector"], shown["source"]) == ("coding", "keywords")
    r = cli("sector", "set", "Alpha", "legal", "--db", db, "--format", "json")
    assert r.code == 0, r.err
    assert (json.loads(r.out)["sector"], json.loads(r.out)["layer"]) == ("legal", "applications")
    assert [o["sector"] for o in json.loads(cli("sector", "list", "--db", db, "--format", "json").out)] == [
        "legal"
    ]
    rows = json.loads(cli("stats", "--db", db, "--by", "year", "--group", "sector", "--format", "json").out)
    assert {"period": "2024", "group": "legal"}.items() <= next(
        r for r in rows if r["group"] == "legal"
    ).items()
    assert cli("sector", "clear", "Alpha", "--db", db).code == 0
    assert (
        json.loads(cli("sector", "show", "Alpha", "--db", db, "--format", "json").out)["sector"] == "coding"
    )
    r = cli("sector", "set", "Alpha", "robotics", "--db", db)
    assert r.code == 2 and "--layer" in r.err


def test_charts_and_report_are_written(cli: Cli, tmp_path: Path, news_db: Path) -> None:
    svg, png, inv, html = tmp_path / "v.svg", tmp_path / "f.png", tmp_path / "i.svg", tmp_path / "r.html"
    assert cli("chart", "valuation", "码舟科技", "-o", svg, "--db", news_db).code == 0
    assert svg.read_text(encoding="utf-8").count("<use") >= 2
    r = cli("chart", "funding", "-o", png, "--by", "year", "--db", news_db)
    assert r.code == 0 and png.read_bytes().startswith(b"\x89PNG")
    assert "2 period(s), 4 deal(s)" in r.err
    # 高瓴创投 is shown under the gazetteer's name for it.
    assert cli("chart", "investors", "-o", inv, "--db", news_db).code == 0 and "GL Ventures" in inv.read_text(
        "utf-8"
    )
    r = cli("chart", "funding", "-o", tmp_path / "f.pdf", "--db", news_db)
    assert r.code == 2 and ".svg or .png" in r.err
    r = cli("report", "-o", html, "--since", "2025", "--db", news_db)
    assert r.code == 0, r.err
    text = html.read_text(encoding="utf-8")
    assert "码舟科技" in text and "曜衡半导体" not in text  # its round is from 2024
