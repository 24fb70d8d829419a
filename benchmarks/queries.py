"""Query speed on a large database: `stats` (every grouping), `company` and `investor`.

Builds (once, then reuses) a database of generated round records written the way a rebuild writes
them — `sectors.round_facets` classifies every company, `Store.replace_rounds` stores the rounds
with their sector, layer and region — without reading any article, then times each query several
times: median and 95th percentile of wall and CPU milliseconds. The target is 200 ms per query
on 100,000 rounds. `--db` takes a file or a SQLAlchemy URL (PostgreSQL: give an empty schema).

    python benchmarks/queries.py [--rounds 100000] [--db /tmp/dealscope-bench.db] [--repeat 15]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from dealscope.analyse import sectors
from dealscope.analyse.sectors import Taxonomy
from dealscope.analyse.stats import Grouping, Period, StatsQuery, deal_stats
from dealscope.lang.gazetteer import Gazetteer, name_key
from dealscope.store import schema
from dealscope.store.db import Store, resolve_url

_ZH_PARTS = [
    "云",
    "星",
    "川",
    "澜",
    "曜",
    "岳",
    "擎",
    "衡",
    "极",
    "光",
    "深",
    "蓝",
    "青",
    "枫",
    "鲸",
    "跃",
    "驭",
    "风",
    "千",
    "机",
    "智",
    "数",
    "源",
    "启",
    "明",
    "远",
    "航",
    "灵",
    "动",
    "芯",
    "元",
    "象",
    "知",
    "行",
    "合",
    "一",
]
_ZH_TAILS = ("科技", "智能", "机器人", "生物", "半导体", "数据", "能源", "医疗", "航天")
_EN_PARTS = [
    "Ar",
    "Bel",
    "Cor",
    "Dal",
    "Ely",
    "Fen",
    "Gal",
    "Hal",
    "Ion",
    "Jun",
    "Kes",
    "Lum",
    "Mor",
    "Nov",
    "Orr",
    "Pal",
    "Qui",
    "Ros",
    "Sol",
    "Tes",
    "Ula",
    "Ver",
    "Wyn",
    "Xan",
    "Yar",
    "Zel",
]
_EN_TAILS = ("Labs", "AI", "Robotics", "Bio", "Systems", "Energy", "Health", "Data", "Dynamics")
_STAGES = ("seed", "angel", "series_a", "series_b", "series_c", "series_d", "strategic", "unknown")
_STATUSES = ("completed", "announced", "in_talks", "planned", "rumored", "cancelled")
_STATUS_WEIGHTS = (70, 8, 8, 5, 7, 2)
_FIRST = date(2015, 1, 1)
_DAYS = 11 * 365


def _money(usd: float | None) -> dict[str, Any] | None:
    if usd is None:
        return None
    return {
        "raw": f"${usd / 1e6:.1f} million",
        "value": usd,
        "currency": "USD",
        "low": None,
        "high": None,
        "qualifier": "exact",
        "usd": usd,
        "low_usd": None,
        "high_usd": None,
        "fx_rate": 1.0,
        "fx_date": None,
    }


def _iso(day: date, rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.06:
        return None
    if roll < 0.14:
        return f"{day.year:04d}"
    if roll < 0.30:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def make_records(n: int, seed: int = 11) -> list[dict[str, Any]]:
    """`n` round records in the stored format, the same ones for the same seed."""
    rng = random.Random(seed)
    tax = Taxonomy.default()
    phrases = [(s, kw) for s in tax.sectors() for kw in (*s.keywords_zh[:2], *s.keywords_en[:2])]
    gaz = Gazetteer.default()
    known = [e for e in gaz.entries() if e.kind.value == "startup"]
    investors_known = [e for e in gaz.entries() if e.kind.value == "vc"]
    companies: list[tuple[str, str, str]] = []  # (name, key, descriptor)
    for i in range(max(n // 4, 10)):
        if i % 20 == 0 and known:
            e = known[i // 20 % len(known)]
            companies.append((e.name, "g:" + e.id, ""))
            continue
        if rng.random() < 0.6:
            name = "".join(rng.sample(_ZH_PARTS, 2)) + rng.choice(_ZH_TAILS) + str(i)
        else:
            name = "".join(rng.sample(_EN_PARTS, 2)) + f"{i} " + rng.choice(_EN_TAILS)
        companies.append((name, "n:" + name_key(name), rng.choice(phrases)[1]))
    investors = [(e.name, "g:" + e.id) for e in investors_known]
    for i in range(3000):
        name = f"{rng.choice(_EN_PARTS)}{i} Capital"
        investors.append((name, "n:" + name_key(name)))
    records: list[dict[str, Any]] = []
    for i in range(n):
        # Skewed towards the first companies, so some raise many rounds and most raise one or two.
        name, key, descriptor = companies[int(len(companies) * rng.random() ** 2)]
        day = _FIRST + timedelta(days=rng.randrange(_DAYS))
        on = _iso(day, rng)
        amount = None if rng.random() < 0.15 else round(10 ** rng.uniform(5, 9.7), 2)
        valuation = amount * rng.uniform(4, 15) if amount and rng.random() < 0.3 else None
        picks = rng.sample(investors[:300] if rng.random() < 0.5 else investors, rng.randint(1, 4))
        invs = [
            {"name": iname, "lead": j == 0, "amount": None, "key": ikey}
            for j, (iname, ikey) in enumerate(picks)
        ]
        doc = hashlib.sha1(f"{seed}-{i}".encode()).hexdigest()[:32]
        quote = f"{descriptor}公司{name}宣布完成{amount or '未披露金额的'}融资，由{picks[0][0]}领投。"
        source = {
            "path": f"bench/{i}.md",
            "document_id": doc,
            "title": f"{name}完成新一轮融资",
            "published_on": on,
            "quote": quote,
            "start": 0,
            "end": len(quote),
        }
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        records.append(
            {
                "id": "r" + hashlib.sha256(f"{key}|{i}".encode()).hexdigest()[:11],
                "company": name,
                "round": rng.choice(_STAGES),
                "round_raw": None,
                "status": status,
                "announced_on": on,
                "amount": _money(amount),
                "valuation": _money(valuation),
                "valuation_basis": "unspecified",
                "lead_investors": [picks[0][0]],
                "investors": invs,
                "sources": [source],
                "company_key": key,
                "aliases": [],
                "background": False,
                "history": [{"status": status, "date": on, "document_id": doc, "cue": "完成"}],
                "conflicts": [],
                "mention_ids": [],
                "confidence": 1.0,
            }
        )
    return records


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def build(db: str, n: int, seed: int = 11) -> Store:
    """The benchmark database at `db`, generated when it is missing or holds another count."""
    store = Store(resolve_url(db))
    if store.counts()["rounds"] != n:
        started = time.perf_counter()
        records = make_records(n, seed)
        classified = time.perf_counter()
        facets = sectors.round_facets(store, records)
        wrote = time.perf_counter()
        store.replace_rounds(records, facets)
        sectors.mark_facets(store)
        _organizations(store, records)
        done = time.perf_counter()
        print(
            f"generated {n} rounds into {db} in {done - started:.1f}s: classifying {len(facets)} companies "
            f"{wrote - classified:.1f}s (a rebuild's share), writing {done - wrote:.1f}s",
            file=sys.stderr,
        )
    return store


def _organizations(store: Store, records: list[dict[str, Any]]) -> None:
    """The organisations table a rebuild would write, when the knowledge layer is installed."""
    resolve, org_store = _optional("dealscope.resolve"), _optional("dealscope.store.orgs")
    if not hasattr(resolve, "build_organizations") or not hasattr(org_store, "replace_organizations"):
        return
    seen = [(r["company_key"], r["company"], "company") for r in records]
    seen += [(i["key"], i["name"], "investor") for r in records for i in r["investors"]]
    org_store.replace_organizations(store, resolve.build_organizations(seen, resolve.Resolver()))


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """Median and 95th percentile of wall and CPU milliseconds of `fn`, after one warm-up call.

    CPU time is reported too because a shared machine stretches wall time: on 2 busy cores a query
    may wait for a core longer than it runs.
    """
    fn()
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "median_ms": round(statistics.median(wall), 1),
        "p95_ms": round(_p95(wall), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(_p95(cpu), 1),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _lookup_cases(store: Store) -> list[tuple[str, Callable[[], object]]]:
    """`company` and `investor` lookups (busiest and typical), when the knowledge modules are there."""
    company_mod = _optional("dealscope.analyse.company")
    investor_mod = _optional("dealscope.analyse.investor")
    cases: list[tuple[str, Callable[[], object]]] = []
    with store.engine.connect() as conn:
        companies = conn.exec_driver_sql(
            "SELECT min(company), count(*) AS n FROM rounds GROUP BY company_key ORDER BY n DESC, 1"
        ).all()
        investors = conn.exec_driver_sql(
            "SELECT min(investor), count(*) AS n FROM round_investors GROUP BY investor_key ORDER BY n DESC, 1"
        ).all()
    picks = {
        "company": [companies[0], companies[len(companies) // 2]],
        "investor": [investors[0], investors[len(investors) // 2]],
    }
    for label, mod, fn_name in (
        ("company", company_mod, "company_view"),
        ("investor", investor_mod, "investor_view"),
    ):
        fn = getattr(mod, fn_name, None) if mod is not None else None
        if fn is None:
            print(f"{label}: dealscope.analyse.{label}.{fn_name} is not there, skipped", file=sys.stderr)
            continue
        for name, n in picks[label]:
            cases.append((f"{label} {name!r} ({n} rounds)", lambda fn=fn, name=name: fn(store, name)))
    return cases


def _cold_sector_stats(store: Store) -> float:
    """Wall ms of the first `stats --group sector` on rounds without facets (a database migrated from 0003)."""
    r = schema.rounds
    with store.writing() as conn:
        conn.execute(sa.update(r).values(sector=None, layer=None, region=None))
    started = time.perf_counter()
    deal_stats(store, StatsQuery(Period.YEAR, Grouping.SECTOR))
    return (time.perf_counter() - started) * 1000


STATS_CASES: list[tuple[str, StatsQuery]] = [
    ("stats (by month, completed)", StatsQuery()),
    ("stats --by quarter --group stage", StatsQuery(Period.QUARTER, Grouping.STAGE)),
    ("stats --by year --group sector", StatsQuery(Period.YEAR, Grouping.SECTOR)),
    ("stats --by month --group sector", StatsQuery(Period.MONTH, Grouping.SECTOR)),
    ("stats --by half --group layer", StatsQuery(Period.HALF, Grouping.LAYER)),
    ("stats --by year --group region", StatsQuery(Period.YEAR, Grouping.REGION)),
    ("stats --by year --group status (all)", StatsQuery(Period.YEAR, Grouping.STATUS, statuses=None)),
    ("stats --by quarter --group sector (all)", StatsQuery(Period.QUARTER, Grouping.SECTOR, statuses=None)),
    ("stats --since 2023 --until 2023-12", StatsQuery(since=date(2023, 1, 1), until=date(2023, 12, 31))),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/dealscope-bench.db", help="a file or a SQLAlchemy URL")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    store = build(args.db, args.rounds)
    cases: list[tuple[str, Callable[[], object]]] = [
        (label, functools.partial(deal_stats, store, q)) for label, q in STATS_CASES
    ]
    cases += _lookup_cases(store)
    started = time.process_time()
    sum(range(10**7))
    calibration = (time.process_time() - started) * 1000
    print(
        f"{args.rounds} rounds, {args.repeat} runs each; this machine's sum(range(10**7)): {calibration:.0f} ms CPU"
    )
    print(f"{'query':<52} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>8} {'cpu p95':>8}")
    results: dict[str, dict[str, float]] = {}
    for label, fn in cases:
        got = results[label] = timed(fn, args.repeat)
        print(
            f"{label:<52} {got['median_ms']:>10.1f} {got['p95_ms']:>8.1f} "
            f"{got['cpu_median_ms']:>8.1f} {got['cpu_p95_ms']:>8.1f}"
        )
    cold = _cold_sector_stats(store)
    results["stats --group sector, rounds without facets (once)"] = {"once_ms": round(cold, 1)}
    results["calibration sum(range(10**7)) cpu ms"] = {"cpu_ms": round(calibration, 1)}
    print(f"{'stats --by year --group sector, no facets yet (once)':<52} {cold:>10.1f}")
    store.close()
    print(json.dumps(results), file=sys.stderr)


if __name__ == "__main__":
    main()
