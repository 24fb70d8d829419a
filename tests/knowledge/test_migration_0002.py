"""Migration 0002: an 0001 database upgrades on open, and its rounds are usable before the next rebuild."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from dealscope.analyse.company import company_view
from dealscope.analyse.investor import investor_view
from dealscope.store import schema
from dealscope.store.db import Store, _migrations_dir

from .conftest import LANCHUAN, Ingest


def test_an_0001_database_upgrades_on_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", _migrations_dir())
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert "organizations" not in sa.inspect(engine).get_table_names()
    engine.dispose()

    store = Store(url)
    try:
        assert store.schema_version() not in (None, "0001")  # 0002 or a later head built on it
        tables = set(sa.inspect(store.engine).get_table_names())
        assert {"organizations", "org_edits", "company_overrides"} <= tables
        cols = {c["name"] for c in sa.inspect(store.engine).get_columns("company_overrides")}
        assert cols == {"company_key", "sector", "layer", "updated_at"}
    finally:
        store.close()


def test_rounds_without_organizations_still_resolve(store: Store, ingest: Ingest) -> None:
    ingest(lanchuan=LANCHUAN)
    with store.engine.begin() as conn:  # as after the upgrade, before any rebuild
        conn.execute(sa.delete(schema.organizations))
    assert [r["round"] for r in company_view(store, "岚川智算").records] == ["series_a"]
    assert len(investor_view(store, "北极光创投").rounds) == 2
