"""Sector, layer and region written on the rounds (migration 0004), and statistics read from them.

The statistics are checked against a plain per-round computation (every round's payload, its period
label, its company's assignment), on SQLite and PostgreSQL, for every period, grouping and status
filter: the indexed path must give exactly the figures the straightforward one gives.
"""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from dealscope import api
from dealscope.analyse import sectors
from dealscope.analyse.company import company_view
from dealscope.analyse.investor import investor_view
from dealscope.analyse.stats import (
    ALL,
    Grouping,
    Period,
    StatsQuery,
    StatsResult,
    deal_stats,
    period_label,
)
from dealscope.resolve import Resolver, build_organizations
from dealscope.store import orgs as org_store
from dealscope.store import schema
from dealscope.store.db import Store, _migrations_dir

from .conftest import NEWSFLASHES, RECORDS, record

WHEN = datetime(2025, 1, 2, tzinfo=UTC)
FACETS = {Grouping.SECTOR, Grouping.LAYER, Grouping.REGION}
_DESCRIPTORS = ("AI编程公司", "芯片公司", "大模型公司", "a robotics startup,", "储能电池公司", "")


def _awkward_records(n: int = 120, seed: int = 5) -> list[dict[str, Any]]:
    """Rounds whose USD amounts are not round numbers (sums depend on the order of addition)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        company = f"Firm{i % 37}"
        day = date(2023, 1, 1).toordinal() + rng.randrange(900)
        iso = date.fromordinal(day).isoformat()
        on = rng.choice([iso, iso, iso[:7], iso[:4], None])
        amount = None if rng.random() < 0.2 else 1e6 / 3 * rng.randrange(1, 400) + rng.random()
        status = rng.choice(["completed", "completed", "completed", "rumored", "in_talks", "cancelled"])
        stage = rng.choice(["seed", "series_a", "series_b", "strategic"])
        quote = f"{_DESCRIPTORS[i % 37 % len(_DESCRIPTORS)]}{company}完成融资。"
        out.append(record(f"w{i:03d}", company, on, amount, status=status, stage=stage, quote=quote))
    return out


def _reference(
    store: Store, q: StatsQuery, known: tuple[list[Any], dict[str, Any]] | None = None
) -> dict[tuple[str, str | None], tuple[int, int, float, Any]]:
    """(period, group) -> (deals, with amount, total, median), computed round by round from payloads.

    `known` is (payloads, assignments) when the caller read them already.
    """
    payloads, assigned = known or _known(store)
    cells: dict[tuple[str, str | None], list[float | None]] = defaultdict(list)
    for p in payloads:
        if q.statuses is not None and p["status"] not in q.statuses:
            continue
        first = _first_day(p["announced_on"])
        if first is not None and q.since is not None and first < q.since:
            continue
        if first is not None and q.until is not None and first > q.until:
            continue
        if q.group is None:
            group = None
        elif q.group is Grouping.STAGE:
            group = p["round"]
        elif q.group is Grouping.STATUS:
            group = p["status"]
        else:
            group = getattr(assigned[p["company_key"]], q.group.value)
        cells[(period_label(p["announced_on"], q.by), group)].append((p["amount"] or {}).get("usd"))
    cells[(ALL, None)] = [v for values in list(cells.values()) for v in values]
    out = {}
    for cell, values in cells.items():
        amounts = sorted(v for v in values if v is not None)
        n = len(amounts)
        median = None if not n else amounts[n // 2] if n % 2 else (amounts[n // 2 - 1] + amounts[n // 2]) / 2
        out[cell] = (len(values), n, float(sum(amounts)), median)
    return out


def _known(store: Store) -> tuple[list[Any], dict[str, Any]]:
    with store.engine.connect() as conn:
        payloads = list(conn.execute(sa.select(schema.rounds.c.payload)).scalars())
    return payloads, sectors.assign_sectors(store)


def _first_day(iso: str | None) -> date | None:
    if not iso:
        return None
    parts = [int(x) for x in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _got(store: Store, q: StatsQuery) -> dict[tuple[str, str | None], tuple[int, int, float, Any]]:
    return _cells(deal_stats(store, q))


def _cells(result: StatsResult) -> dict[tuple[str, str | None], tuple[int, int, float, Any]]:
    rows = [*result.rows, result.total]
    return {(r.period, r.group): (r.deals, r.deals_with_amount, r.total_usd, r.median_usd) for r in rows}


QUERIES = [
    StatsQuery(by, group, statuses=statuses)
    for by in Period
    for group in (None, *Grouping)
    for statuses in (("completed",), None, ("completed", "rumored"))
] + [
    StatsQuery(Period.MONTH, None, since=date(2024, 2, 1), until=date(2024, 12, 31)),
    StatsQuery(Period.QUARTER, Grouping.SECTOR, since=date(2023, 6, 15)),
    StatsQuery(Period.YEAR, Grouping.STATUS, until=date(2024, 3, 31), statuses=None),
]


def test_stats_equal_a_per_round_computation_on_every_database(db_url: str) -> None:
    with Store(db_url) as store:
        store.replace_rounds([*RECORDS, *_awkward_records()])
        known = _known(store)
        for q in QUERIES:
            result = deal_stats(store, q)
            assert _cells(result) == _reference(store, q, known), q
            if q.group is not None and result.rows:
                for period in {r.period for r in result.rows}:
                    shares = [r.share for r in result.rows if r.period == period and r.share is not None]
                    assert not shares or math.isclose(sum(shares), 1.0)
                assert sum(r.deals for r in result.group_totals) == result.total.deals


def _facets(store: Store) -> dict[str, tuple[str, str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT DISTINCT company_key, sector, layer, region FROM rounds")).all()
    out = {key: (sector, layer, region) for key, sector, layer, region in rows}
    assert len(out) == len(rows)  # every round of a company carries the same facets
    return out


def _assigned(store: Store) -> dict[str, tuple[str, str, str]]:
    return {k: (a.sector, a.layer, a.region) for k, a in sectors.assign_sectors(store).items()}


def test_rebuild_writes_facets_an_override_wins_at_once_and_a_rebuild_recomputes(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWSFLASHES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(db_url) as store:
        api.ingest([folder], store)
        written = _facets(store)
        assert written == _assigned(store)  # the rebuild's classification is the store's
        mazhou = sectors.find_company_key(store, "码舟科技")
        corvina = sectors.find_company_key(store, "Corvina Robotics")
        assert written[mazhou][:2] == ("coding", "applications")
        assert written[corvina][0] == "robotics"
        assert sectors.ensure_facets(store) is None  # nothing left to classify

        sectors.set_sector(store, "Corvina Robotics", "logistics", None, WHEN)
        assert _facets(store)[corvina][:2] == ("logistics", "applications")
        by_sector = {
            (r.period, r.group): r.deals
            for r in deal_stats(store, StatsQuery(Period.YEAR, Grouping.SECTOR)).rows
        }
        assert by_sector[("2025", "logistics")] == 1 and ("2025", "robotics") not in by_sector

        with store.writing() as conn:  # rows gone stale behind the store's back
            conn.execute(sa.update(schema.rounds).values(sector="stale", layer="stale"))
        api.rebuild_rounds(store)
        again = _facets(store)
        assert again[corvina][:2] == ("logistics", "applications")  # the override survives a rebuild
        assert again[mazhou][:2] == ("coding", "applications")  # the rest is recomputed

        assert sectors.clear_sector(store, "Corvina Robotics") is True
        assert _facets(store)[corvina][0] == "robotics"


def test_first_reader_fills_missing_facets_and_recomputes_another_classifiers(tmp_path: Path) -> None:
    with Store.open(tmp_path / "lazy.db") as store:
        store.replace_rounds(RECORDS)  # written without facets, as a database migrated from 0003
        assert set(_facets(store).values()) == {(None, None, None)}
        before = _got(store, StatsQuery(Period.YEAR, Grouping.LAYER))
        assert _facets(store) == _assigned(store)
        with store.engine.connect() as conn:
            stamp = conn.execute(sa.select(schema.derived_state.c.fingerprint)).scalar()
        assert stamp == sectors.facets_fingerprint()

        # Facets from another version of the taxonomy or gazetteer are recomputed on the next read.
        with store.writing() as conn:
            conn.execute(sa.update(schema.derived_state).values(fingerprint="older"))
            conn.execute(sa.update(schema.rounds).values(layer="stale"))
        assert _got(store, StatsQuery(Period.YEAR, Grouping.LAYER)) == before
        assert _facets(store) == _assigned(store)


def test_a_read_only_database_still_answers_by_sector(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    with Store.open(path) as store:
        store.replace_rounds(RECORDS)
        want = _reference(store, StatsQuery(Period.YEAR, Grouping.SECTOR))
    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        assert _got(store, StatsQuery(Period.YEAR, Grouping.SECTOR)) == want
        assert set(_facets(store).values()) == {(None, None, None)}  # nothing could be written


def test_an_0003_database_upgrades_and_its_rounds_group_by_month_and_sector(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", _migrations_dir())
    columns = ["id", "company", "company_key", "stage", "status", "announced_on", "announced_date"]
    old_rounds = sa.table("rounds", *(sa.column(c) for c in [*columns, "amount_usd", "payload"]))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003_stats_indexes")
        conn.execute(
            old_rounds.insert(),
            [
                {
                    "id": r["id"],
                    "company": r["company"],
                    "company_key": r["company_key"],
                    "stage": r["round"],
                    "status": r["status"],
                    "announced_on": r["announced_on"],
                    "announced_date": _first_day(r["announced_on"]),
                    "amount_usd": (r["amount"] or {}).get("usd"),
                    "payload": json.dumps(r),
                }
                for r in RECORDS
            ],
        )
    engine.dispose()
    with Store(url) as store:
        assert store.schema_version() == "0004_round_facets"
        assert "company_sectors" not in sa.inspect(store.engine).get_table_names()
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.rounds.c.id, schema.rounds.c.announced_month))
            months = {rid: month for rid, month in rows}
        assert months["ra"] == "2024-01" and months["re"] == "2024" and months["rf"] is None
        for q in (StatsQuery(Period.QUARTER), StatsQuery(Period.YEAR, Grouping.SECTOR)):
            assert _got(store, q) == _reference(store, q)


def test_downgrade_to_0003_keeps_the_rounds_and_their_investors(db_url: str) -> None:
    with Store(db_url) as store:
        store.replace_rounds(RECORDS)
        sectors.ensure_facets(store)
        cfg = Config()
        cfg.set_main_option("script_location", _migrations_dir())
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003_stats_indexes")
        columns = {c["name"] for c in sa.inspect(store.engine).get_columns("rounds")}
        assert not columns & {"announced_month", "sector", "layer", "region"}
        with store.engine.connect() as conn:
            counts = [
                conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                for t in ("rounds", "round_investors")
            ]
        assert counts == [len(RECORDS), sum(len(r["investors"]) for r in RECORDS)]


def _plans(store: Store, run: Any) -> list[str]:
    """The query plan lines (SQLite) of every SELECT that `run()` sends."""
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", capture)
    with store.engine.connect() as conn:
        return [
            line[3]
            for statement, parameters in seen
            for line in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        ]


def test_stats_company_and_investor_reads_are_index_backed(tmp_path: Path) -> None:
    with Store.open(tmp_path / "plans.db") as store:
        store.replace_rounds([*RECORDS, *_awkward_records()])
        seen = [(r["company_key"], r["company"], "company") for r in RECORDS]
        seen += [(i["key"], i["name"], "investor") for r in RECORDS for i in r["investors"]]
        org_store.replace_organizations(store, build_organizations(seen, Resolver()))
        sectors.ensure_facets(store)
        for group in (None, *Grouping):
            plans = _plans(store, lambda g=group: deal_stats(store, StatsQuery(Period.MONTH, g)))
            on_rounds = [p for p in plans if "rounds" in p and "ix_rounds_unclassified" not in p]
            # Both reads stay inside one covering index, in its order: no table, no sort.
            assert on_rounds and all("COVERING INDEX ix_rounds_stats_" in p for p in on_rounds), plans
            assert not [p for p in plans if "TEMP B-TREE" in p], plans
        for run in (lambda: company_view(store, "Delta"), lambda: investor_view(store, "Vela")):
            plans = [p for p in _plans(store, run) if " rounds" in p or "round_investors" in p]
            assert plans and not [p for p in plans if p.startswith("SCAN")], plans
