"""The knowledge commands as a user runs them: org, company, investor, conflicts (tables and JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dealscope.cli.main import app
from dealscope.errors import NotFoundError, UsageError

from .conftest import CONFLICT, LANCHUAN, OPENAI, write_articles

runner = CliRunner()


def _db(tmp_path: Path) -> str:
    folder = tmp_path / "articles"
    for name, arts in {"lanchuan": LANCHUAN, "openai": OPENAI, "conflict": CONFLICT}.items():
        write_articles(folder, name, arts)
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _json(args: list[str]) -> object:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_org_corrections_from_the_command_line(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, ["org", "merge", "岚川智算", "Lanchuan Compute", "--db", db])
    assert result.exit_code == 0 and "edit #1" in result.output
    company = _json(["company", "Lanchuan Compute", "--db", db, "--format", "json"])
    assert isinstance(company, dict) and company["name"] == "岚川智算" and len(company["rounds"]) == 1

    result = runner.invoke(app, ["org", "alias", "add", "Thrive Capital", "兴盛资本", "--db", db])
    assert result.exit_code == 0, result.output
    shown = _json(["org", "show", "兴盛资本", "--db", db, "--format", "json"])
    assert isinstance(shown, dict) and shown["key"] == "g:thrive" and "兴盛资本" in shown["aliases"]
    assert [e["action"] for e in shown["edits"]] == ["alias"]

    removed = _json(["org", "alias", "remove", "Thrive Capital", "兴盛资本", "--db", db, "--format", "json"])
    assert isinstance(removed, dict)
    assert (removed["edit_id"], removed["action"], removed["keys"]) == (3, "alias_remove", ["g:thrive"])
    assert runner.invoke(app, ["org", "unmerge", "岚川智算", "Lanchuan Compute", "--db", db]).exit_code == 0
    log = _json(["org", "edits", "--db", db, "--format", "json"])
    assert isinstance(log, list)
    assert [(e["action"], e["undone"]) for e in log] == [
        ("merge", True),
        ("alias", True),
        ("alias_remove", False),
        ("unmerge", False),
    ]
    table = runner.invoke(app, ["org", "list", "--db", db, "--kind", "startup"])
    assert table.exit_code == 0 and "Harbor Atlas" in table.output and "Thrive" not in table.output


def test_company_investor_conflicts_tables_and_json(tmp_path: Path) -> None:
    db = _db(tmp_path)
    table = runner.invoke(app, ["company", "OpenAI", "--db", db])
    assert table.exit_code == 0
    for words in (
        "valuations",
        "≥$100B",
        "$157B",
        "total raised (completed rounds, USD): $6.6B",
        "Thrive Capital",
    ):
        assert words in table.output
    investor = _json(["investor", "Thrive", "--db", db, "--format", "json"])
    assert isinstance(investor, dict)
    assert [(r["company"], r["role"]) for r in investor["rounds"]] == [("OpenAI", "lead")]
    assert {"name": "Microsoft", "rounds": 1} in investor["co_investors"]
    table = runner.invoke(app, ["investor", "红杉中国", "--db", db])
    assert table.exit_code == 0 and "2 led, 0 joined" in table.output
    rows = _json(["conflicts", "--db", db, "--format", "json"])
    assert isinstance(rows, list) and [(r["company"], r["field"]) for r in rows] == [
        ("Harbor Atlas", "amount")
    ]
    table = runner.invoke(app, ["conflicts", "--db", db, "--company", "OpenAI"])
    assert table.exit_code == 0 and "no conflicts" in table.output


def test_unknown_names_and_bad_edits_are_errors(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, ["company", "Nobody Such", "--db", db])
    assert isinstance(result.exception, NotFoundError)
    result = runner.invoke(app, ["org", "merge", "HongShan", "红杉中国", "--db", db])
    assert isinstance(result.exception, UsageError)
