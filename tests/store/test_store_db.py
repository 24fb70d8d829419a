"""The database layer on real SQLite files and PostgreSQL schemas: migrations, idempotent saves, grounding."""

from __future__ import annotations

import dataclasses
import sqlite3
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from dealscope import api, codec
from dealscope.domain import Document, Extraction, RoundMention
from dealscope.errors import NotFoundError, StorageError
from dealscope.ingest import read_text
from dealscope.store import schema
from dealscope.store.db import SaveOutcome, Store

ARTICLE = (
    "---\ntitle: 澄湖机器人完成1.2亿元B轮融资，红杉中国领投\ndate_published: 2025-02-18\n---\n\n"
    "2月18日，服务机器人公司澄湖机器人宣布完成1.2亿元B轮融资，由红杉中国领投，北辰创投跟投。"
    "本轮资金将主要用于量产线建设和海外市场拓展。公司去年营收约8000万元。\n"
)
TABLES = ("documents", "round_mentions", "evidence", "metric_mentions", "rejections")


def _head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("dealscope.store") / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def _pair() -> tuple[Document, Extraction]:
    doc = read_text(ARTICLE, path="chenghu.md", fmt="markdown")
    extraction = api.extract_document(doc)
    assert extraction.rounds, "the article announces a round"
    return doc, extraction


def _rows(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t: int(conn.execute(sa.select(sa.func.count()).select_from(sa.table(t))).scalar_one())
            for t in TABLES
        }


# --------------------------------------------------------------------------- migrations


def test_fresh_database_migrates_to_head_and_reopens(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert store.schema_version() == _head()
        tables = set(sa.inspect(store.engine).get_table_names())
        assert {"alembic_version", *TABLES, "rounds", "round_investors", "round_members"} <= tables
        store.save(*_pair())
    with Store.open(db_url) as again:  # a second open finds the schema current and the data intact
        assert again.schema_version() == _head()
        assert again.counts()["documents"] == 1


def test_sqlite_file_is_created_where_asked(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir"
    path.mkdir(parents=True)
    with Store.open(path / "x.db") as store:
        assert store.url == f"sqlite:///{path / 'x.db'}"
    assert (path / "x.db").is_file()


def test_failed_migration_leaves_no_half_schema(tmp_path: Path) -> None:
    path = tmp_path / "half.db"
    with sqlite3.connect(path) as conn:  # a table in the way makes the last CREATE TABLE of 0001 fail
        conn.execute("CREATE TABLE round_members (x INTEGER)")
    with pytest.raises(StorageError, match="cannot open database"):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {"round_members"}  # the migration ran in one transaction and was rolled back
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE round_members")
    with Store.open(path) as store:
        assert store.schema_version() == _head()


def test_not_a_database_is_one_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StorageError) as info:
        Store.open(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and "not a database" in message


def test_unknown_url_scheme_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match="cannot open database"):
        Store.open("nosuchdb://host/x")


# --------------------------------------------------------------------------- saving


def test_save_then_duplicate_changes_nothing(db_url: str) -> None:
    doc, extraction = _pair()
    with Store.open(db_url) as store:
        assert store.save(doc, extraction) is SaveOutcome.ADDED
        before = _rows(store)
        assert before["documents"] == 1
        assert before["round_mentions"] == len(extraction.rounds)
        assert before["metric_mentions"] == len(extraction.metrics)
        assert before["rejections"] == len(extraction.rejections)
        assert store.save(doc, extraction) is SaveOutcome.DUPLICATE
        assert _rows(store) == before
        assert store.stored_by(doc.id) == extraction.extractor
        assert store.stored_by("no-such-document") is None


def test_save_by_another_extractor_replaces_the_reading(db_url: str) -> None:
    doc, extraction = _pair()
    with Store.open(db_url) as store:
        store.save(doc, extraction)
        before = _rows(store)
        fewer = dataclasses.replace(
            extraction, extractor="rules-v0", rounds=extraction.rounds[:1], metrics=()
        )
        assert store.save(doc, fewer) is SaveOutcome.UPDATED
        after = _rows(store)
        assert after["documents"] == 1
        assert after["round_mentions"] == 1 and after["metric_mentions"] == 0
        assert after["evidence"] <= before["evidence"]
        assert store.document(doc.id)["extractor"] == "rules-v0"


def test_stored_mentions_round_trip_and_quotes_are_text_slices(db_url: str) -> None:
    doc, extraction = _pair()
    with Store.open(db_url) as store:
        store.save(doc, extraction)
        text = store.document(doc.id)["text"]
        assert text == doc.text
        for i, mention in enumerate(extraction.rounds):
            doc_id, stored = store.mention(f"{doc.id}-{i}")
            assert doc_id == doc.id
            assert codec.to_data(stored) == codec.to_data(mention)
        with store.engine.connect() as conn:
            evidence = conn.execute(sa.select(schema.evidence)).mappings().all()
            metrics = conn.execute(sa.select(schema.metrics)).mappings().all()
        fields = {e["field"] for e in evidence}
        assert {"round", "company", "status", "stage", "amount"} <= fields
        assert any(f.startswith("investor[") for f in fields)
        for row in [*evidence, *metrics]:
            assert row["quote"] == text[row["start"] : row["end"]]
            assert row["quote"].strip()
        for row in evidence:
            assert row["sentence_start"] <= row["start"] <= row["end"] <= row["sentence_end"]
        mentions = list(store.iter_mentions())
        assert [(mid, d) for mid, d, _, _ in mentions] == [
            (f"{doc.id}-{i}", doc.id) for i in range(len(extraction.rounds))
        ]
        for _, _, m, quote in mentions:
            assert isinstance(m, RoundMention)
            assert quote == m.evidence.span.quote(text)


def test_read_only_database_refuses_writes_with_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    doc, extraction = _pair()
    Store.open(path).close()
    with Store.open(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        assert store.counts()["documents"] == 0  # reading works
        with pytest.raises(StorageError) as info:
            store.save(doc, extraction)
    assert "readonly" in str(info.value) and "\n" not in str(info.value)


def test_missing_ids_are_not_found(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.db") as store:
        with pytest.raises(NotFoundError):
            store.document("nope")
        with pytest.raises(NotFoundError):
            store.mention("nope-0")
        with pytest.raises(NotFoundError, match="no round ''"):
            store.round("")  # an empty prefix is not "every round"
