"""The library API end to end on real databases: idempotent ingest, queries, detail and export records."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dealscope import api
from dealscope.errors import NotFoundError
from dealscope.resolve import investor_key
from dealscope.store.db import RoundQuery, Store

EXAMPLE_ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
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


def _table_rows(store: Store) -> dict[str, int]:
    import sqlalchemy as sa

    from dealscope.store import schema

    tables = [schema.documents, schema.mentions, schema.evidence, schema.metrics, schema.rejections]
    tables += [schema.rounds, schema.round_investors, schema.round_members]
    with store.engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in tables}


def test_reingesting_the_examples_adds_nothing(db_url: str) -> None:
    with Store.open(db_url) as store:
        first = api.ingest([EXAMPLE_ARTICLES], store)
        assert first.read > 0 and first.added == first.read and not first.failures
        rows, rounds = _table_rows(store), api.list_rounds(store)
        assert first.rounds == len(rounds) == rows["rounds"]
        second = api.ingest([EXAMPLE_ARTICLES], store)
        assert (second.read, second.added, second.duplicates, second.updated) == (
            first.read,
            0,
            first.read,
            0,
        )
        assert second.mentions == 0 and second.rounds == first.rounds
        assert _table_rows(store) == rows
        assert api.list_rounds(store) == rounds  # same ids, same values, same order
        # The name filters run on each backend (they build an IN list of matching organisation keys).
        some = next(r for r in rounds if r["investors"])
        assert some in api.list_rounds(store, RoundQuery(company=some["company"].upper()))
        assert some in api.list_rounds(store, RoundQuery(investor=some["investors"][0]["name"]))
        assert api.list_rounds(store, RoundQuery(company="no such company at all")) == []


def test_the_same_article_under_another_path_is_a_duplicate(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(EXAMPLE_ARTICLES / "wechat_lanyu_bio.md", copy / "renamed.md")
    with Store.open(tmp_path / "x.db") as store:
        api.ingest([EXAMPLE_ARTICLES / "wechat_lanyu_bio.md"], store)
        report = api.ingest([copy], store)
        assert (report.added, report.duplicates) == (0, 1)
        assert store.counts()["documents"] == 1


def test_ingest_reports_failures_and_keeps_going(tmp_path: Path, articles_dir: Path) -> None:
    (articles_dir / "empty.md").write_bytes(b"")
    with Store.open(tmp_path / "x.db") as store:
        seen: list[api.Progress] = []
        report = api.ingest([articles_dir, tmp_path / "missing.md"], store, progress=seen.append)
        assert report.read == report.added == store.counts()["documents"] == 5
        assert sorted((Path(f.path).name, f.reason) for f in report.failures) == [
            ("empty.md", "file is empty"),
            ("missing.md", "no such file or directory"),
        ]
        assert [p.done for p in seen] == list(range(1, 8))
        assert {p.outcome for p in seen} == {"added", "failed"}


def test_export_records_are_grounded_in_the_stored_text(examples_db: Path) -> None:
    with Store.open(examples_db) as store:
        records = api.export_records(store)
        assert records
        texts: dict[str, str] = {}
        for r in records:
            assert list(r) == EXPORT_KEYS
            for name in ("amount", "valuation"):
                assert r[name] is None or list(r[name]) == MONEY_KEYS
            assert all(list(i) == ["name", "lead", "amount"] for i in r["investors"])
            assert set(r["lead_investors"]) <= {i["name"] for i in r["investors"] if i["lead"]}
            assert r["sources"]
            for s in r["sources"]:
                assert list(s) == SOURCE_KEYS
                text = texts.setdefault(s["document_id"], store.document(s["document_id"])["text"])
                assert s["quote"] == text[s["start"] : s["end"]] and s["quote"].strip()


def test_round_detail_quotes_state_the_chosen_values(examples_db: Path) -> None:
    with Store.open(examples_db) as store:
        records = api.list_rounds(store)
        for record in records:
            detail = api.round_detail(store, record["id"])
            evidence = detail["evidence"]
            assert evidence["company"] and evidence["status"]
            texts = [store.document(s["document_id"])["text"] for s in record["sources"]]
            for quote in evidence.values():
                assert any(quote in t for t in texts)
            for name in ("amount", "valuation"):
                if record[name] is not None:
                    assert evidence[name] == record[name]["raw"]  # the words of the figure shown
            for inv in record["investors"]:
                assert f"investor:{inv['name']}" in evidence
        assert api.get_round(store, records[0]["id"][:7])["id"] == records[0]["id"]
        with pytest.raises(NotFoundError):
            api.round_detail(store, "r-no-such-round")


def _day(iso: str | None) -> str:
    return (iso or "")[:10]


def test_queries_filter_like_their_predicates(articles_db: Path) -> None:
    with Store.open(articles_db) as store:
        every = api.list_rounds(store)
        ids = {r["id"] for r in every}

        def check(query: RoundQuery, predicate: Callable[[dict[str, Any]], Any]) -> set[str]:
            got = {r["id"] for r in api.list_rounds(store, query)}
            want = {r["id"] for r in every if predicate(r)}
            assert got == want and 0 < len(got) < len(ids), query
            return got

        check(RoundQuery(status="in_talks"), lambda r: r["status"] == "in_talks")
        check(RoundQuery(since=date(2025, 1, 1)), lambda r: _day(r["announced_on"]) >= "2025")
        check(
            RoundQuery(until=date(2024, 6, 30)),
            lambda r: r["announced_on"] and r["announced_on"] <= "2024-06-30",
        )
        check(RoundQuery(min_amount_usd=10e6), lambda r: r["amount"] and (r["amount"]["usd"] or 0) >= 10e6)
        by_name = check(RoundQuery(company="澄湖"), lambda r: "澄湖" in r["company"])
        # Case, spaces and the gazetteer's names do not matter.
        assert {r["id"] for r in api.list_rounds(store, RoundQuery(company="ridgefold analytics"))} == {
            r["id"] for r in every if r["company"] == "Ridgefold Analytics"
        }
        hongshan = check(RoundQuery(investor="红杉中国"), lambda r: _has(r, "g:hongshan"))
        assert by_name == hongshan
        for spelling in ("Sequoia China", "HongShan", "红杉"):
            assert {r["id"] for r in api.list_rounds(store, RoundQuery(investor=spelling))} == hongshan
        lightspeed = check(
            RoundQuery(investor="Lightspeed Venture Partners"), lambda r: _has(r, "g:lightspeed")
        )
        assert {r["id"] for r in api.list_rounds(store, RoundQuery(investor="光速创投"))} == lightspeed
        assert api.list_rounds(store, RoundQuery(investor="no such investor")) == []
        assert len(api.list_rounds(store, RoundQuery(limit=2))) == 2
        assert len(api.list_rounds(store, RoundQuery(limit=2, include_background=False))) == 2


def _has(record: dict[str, Any], key: str) -> bool:
    return any(investor_key(i["name"]) == key for i in record["investors"])


def test_detail_quotes_come_from_the_article_whose_value_was_chosen(tmp_path: Path) -> None:
    talks = tmp_path / "a_talks.md"
    talks.write_text(
        "---\ntitle: 澄湖机器人洽谈新一轮融资\ndate_published: 2025-03-01\n---\n\n"
        "据知情人士透露，服务机器人公司澄湖机器人正在洽谈约1.2亿元B轮融资。\n",
        encoding="utf-8",
    )
    closed = tmp_path / "b_closed.md"
    closed.write_text(
        "---\ntitle: 澄湖机器人完成B轮融资\ndate_published: 2025-03-20\n---\n\n"
        "3月20日，服务机器人公司澄湖机器人宣布完成1.25亿元B轮融资，由红杉中国领投。\n",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "x.db") as store:
        api.ingest([talks, closed], store)
        [record] = [r for r in api.list_rounds(store) if "澄湖" in r["company"]]
        assert len(record["sources"]) == 2  # one round told twice: a rumour, then the close
        evidence = api.round_detail(store, record["id"])["evidence"]
    assert record["status"] == "completed" and record["amount"]["raw"] == "1.25亿元"
    assert evidence["amount"] == "1.25亿元"  # not the earlier "约1.2亿元"
    assert evidence["status"] in closed.read_text(encoding="utf-8")
    assert evidence["status"] not in talks.read_text(encoding="utf-8")
    assert evidence["date"] == "3月20日"
