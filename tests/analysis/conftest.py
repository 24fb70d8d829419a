"""Databases for the statistics, sector, chart and report tests: hand-made round records and real ingests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from dealscope import api
from dealscope.store.db import Store

# Short newsflashes in the usual house style; every company and the smaller investors are invented.
NEWSFLASHES: dict[str, str] = {
    "mazhou_a.md": (
        "---\ntitle: 码舟科技完成2亿元A轮融资\ndate_published: 2025-03-05\n---\n\n"
        "3月5日，AI编程公司码舟科技宣布完成2亿元A轮融资，投后估值10亿元，由红杉中国领投，青崖资本跟投。"
        "本轮资金将用于代码生成模型的研发。\n"
    ),
    "mazhou_b.md": (
        "---\ntitle: 码舟科技获5亿元B轮融资\ndate_published: 2025-09-01\n---\n\n"
        "9月1日，码舟科技宣布完成5亿元B轮融资，投后估值30亿元，由高瓴创投领投，红杉中国跟投。\n"
    ),
    "corvina.md": (
        "---\ntitle: Corvina Robotics raises $45 million Series B\ndate_published: 2025-04-10\n---\n\n"
        "Corvina Robotics, a robotics startup based in Boston, has raised $45 million in a Series B round "
        "led by Lightspeed Venture Partners. The company builds warehouse robots.\n"
    ),
    "shenyan.md": (
        "---\ntitle: 深言智能洽谈新一轮融资\ndate_published: 2025-06-18\n---\n\n"
        "据知情人士透露，大模型公司深言智能正在洽谈新一轮融资，融资金额约10亿元，估值约80亿元。\n"
    ),
    "yaoheng.md": (
        "---\ntitle: 曜衡半导体完成5亿元B轮融资\ndate_published: 2024-11-20\n---\n\n"
        "11月20日，芯片公司曜衡半导体宣布完成5亿元B轮融资，由高瓴创投领投。\n"
    ),
}


@pytest.fixture(scope="session")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding NEWSFLASHES, read by the real pipeline (tests only read it)."""
    folder = tmp_path_factory.mktemp("news") / "articles"
    folder.mkdir()
    for name, text in NEWSFLASHES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder.parent / "news.db"
    with Store.open(path) as store:
        report = api.ingest([folder], store)
    assert report.added == len(NEWSFLASHES) and not report.failures
    return path


@pytest.fixture
def news_store(news_db: Path) -> Iterator[Store]:
    with Store.open(news_db) as store:
        yield store


def money(usd: float | None) -> dict[str, Any] | None:
    if usd is None:
        return None
    return {
        "raw": f"${usd / 1e6:g} million",
        "value": usd,
        "currency": "USD",
        "low": None,
        "high": None,
        "qualifier": "exact",
        "usd": usd,
        "low_usd": None,
        "high_usd": None,
        "fx_rate": None,
        "fx_date": None,
    }


def record(
    rid: str,
    company: str,
    on: str | None,
    amount: float | None,
    *,
    key: str | None = None,
    status: str = "completed",
    stage: str = "series_a",
    valuation: float | None = None,
    investors: Sequence[tuple[str, bool]] = (),
    quote: str = "",
    title: str | None = None,
) -> dict[str, Any]:
    """A round record in the stored format (what the merge writes), with one source."""
    invs = [{"name": n, "lead": lead, "amount": None, "key": "n:" + n.lower()} for n, lead in investors]
    return {
        "id": rid,
        "company": company,
        "round": stage,
        "round_raw": None,
        "status": status,
        "announced_on": on,
        "amount": money(amount),
        "valuation": money(valuation),
        "valuation_basis": "post" if valuation else "unspecified",
        "lead_investors": [n for n, lead in investors if lead],
        "investors": invs,
        "sources": [
            {
                "path": f"hand/{rid}.md",
                "document_id": "d" + rid,
                "title": title or f"{company} raises money",
                "published_on": on,
                "quote": quote or f"{company} closed a round.",
                "start": 0,
                "end": 10,
            }
        ],
        "company_key": key or "n:" + company.lower(),
        "aliases": [],
        "background": False,
        "history": [],
        "conflicts": [],
        "mention_ids": [],
        "confidence": 1.0,
    }


M = 1e6
# Completed unless said otherwise. Expected figures in the tests are worked out from this table.
RECORDS = [
    record(
        "ra",
        "Alpha",
        "2024-01-15",
        10 * M,
        quote="北京AI编程公司Alpha完成1000万美元A轮融资。",
        investors=[("Vela", True), ("Oxbow", False)],
    ),
    record(
        "rb",
        "Beta",
        "2024-02-03",
        30 * M,
        stage="series_b",
        quote="Beta, a robotics startup, raised $30M.",
        investors=[("Vela", True)],
    ),
    record(
        "rc",
        "Gamma",
        "2024-02-20",
        None,
        stage="seed",
        quote="Gamma closed a seed round.",
        investors=[("Oxbow", True)],
    ),
    record("rd", "Delta", "2024-05", 20 * M, quote="芯片公司Delta完成A轮融资。", valuation=100 * M),
    record(
        "re",
        "Epsilon",
        "2024",
        40 * M,
        stage="series_c",
        quote="大模型公司Epsilon完成C轮融资。",
        investors=[("Vela", False)],
    ),
    record("rf", "Zeta", None, 5 * M, stage="seed"),
    record("rg", "Eta", "2024-03-01", 100 * M, status="rumored", quote="Eta is reportedly raising $100M."),
    record("rh", "Poolside", "2025-07-10", 60 * M, key="g:poolside", stage="series_b", valuation=3000 * M),
    record("ri", "Iota", "2024-08-10", 50 * M, status="in_talks"),
    record(
        "rj",
        "Delta",
        "2025-02",
        35 * M,
        stage="series_b",
        valuation=400 * M,
        quote="芯片公司Delta完成B轮融资。",
    ),
]


@pytest.fixture
def hand_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh database holding RECORDS, written straight through the store."""
    with Store.open(tmp_path / "hand.db") as store:
        store.replace_rounds(RECORDS)
        yield store
