"""Multi-article corpora for the knowledge layer, written for these tests, and helpers to ingest them.

Every article is a short newsflash in the usual house style. The companies (KiloWave, Nexa Robotics,
Corvane AI, Harbor Atlas, 派乐机器人, 岚川智算 / Lanchuan Compute) are invented; OpenAI's two rounds
are told as they were publicly reported; the investors are gazetteer entries (启明创投 / Qiming,
高瓴资本 / Hillhouse Capital, 红杉中国 / HongShan, …) plus one invented Chinese name for Thrive
Capital (兴盛资本) that only a user alias can link.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from dealscope import api
from dealscope.store.db import Store

Article = tuple[str, str, str, str]  # id, title, text, published (ISO 8601 with offset)

# The same Series B told three times: a Chinese newsflash, an English one, a hedged CNY figure.
SAME_ROUND: list[Article] = [
    (
        "kw-1",
        "KiloWave完成1.5亿美元B轮融资，启明创投领投",
        "储能系统公司KiloWave今日宣布完成1.5亿美元B轮融资，由启明创投领投，高瓴资本、联想创投跟投。"
        "本轮资金将用于扩建电芯产线。",
        "2025-03-10T09:00:00+08:00",
    ),
    (
        "kw-2",
        "KiloWave raises $150 million Series B led by Qiming",
        "KiloWave, a battery storage startup, said on Monday it has raised $150 million in a Series B "
        "round led by Qiming Venture Partners, with participation from Hillhouse Capital and Lenovo Capital.",
        "2025-03-10T11:00:00-04:00",
    ),
    (
        "kw-3",
        "储能赛道再获大额融资",
        "据悉，KiloWave已完成约10亿元人民币B轮融资，启明创投领投。",
        "2025-03-12T10:00:00+08:00",
    ),
]

# A rumour (消息称 … 正考虑), then talks, then the closed Series C.
RUMOR_TO_CLOSE: list[Article] = [
    (
        "nx-1",
        "Nexa Robotics考虑新一轮融资",
        "另有消息称，投资机构正考虑对机器人公司Nexa Robotics进行约3亿美元投资，对应估值约20亿美元。",
        "2024-09-05T10:00:00+08:00",
    ),
    (
        "nx-2",
        "Nexa Robotics in talks to raise $300 million",
        "Nexa Robotics is in talks to raise about $300 million at a valuation of about $2 billion, "
        "according to people familiar with the matter.",
        "2024-09-20T08:00:00-04:00",
    ),
    (
        "nx-3",
        "Nexa Robotics closes $320 million Series C",
        "Nexa Robotics said on Tuesday it has raised $320 million in a Series C round led by Lightspeed "
        "Venture Partners at a $2.1 billion post-money valuation.",
        "2024-10-15T09:00:00-04:00",
    ),
]

# Different rounds of one company close in time.
OPENAI: list[Article] = [
    (
        "oa-1",
        "OpenAI in talks to raise funding at $100 billion valuation",
        "OpenAI is in talks to raise new funding at a valuation of $100 billion or more, according to "
        "people familiar with the matter.",
        "2023-12-22T10:00:00-05:00",
    ),
    (
        "oa-2",
        "OpenAI raises $6.6 billion at $157 billion valuation",
        "OpenAI said on Wednesday it has raised $6.6 billion at a $157 billion post-money valuation. The "
        "round was led by Thrive Capital, with participation from Microsoft, Nvidia and SoftBank.",
        "2024-10-02T18:00:00-04:00",
    ),
    (
        "oa-3",
        "OpenAI完成66亿美元融资",
        "10月2日，OpenAI宣布完成66亿美元新一轮融资，投后估值1570亿美元，兴盛资本领投，微软、英伟达参投。",
        "2024-10-03T09:00:00+08:00",
    ),
    (
        "oa-4",
        "OpenAI获约65亿美元融资",
        "据报道，OpenAI已完成约65亿美元融资。",
        "2024-10-04T10:00:00+08:00",
    ),
]
CORVANE: list[Article] = [
    (
        "cv-1",
        "Corvane AI获英伟达20亿美元战略投资",
        "1月8日，大模型公司Corvane AI宣布获得英伟达20亿美元战略投资。",
        "2025-01-08T09:00:00+08:00",
    ),
    (
        "cv-2",
        "Corvane AI raises $20 billion Series E",
        "Corvane AI said on Monday it has raised $20 billion in a Series E round led by Thrive Capital at a "
        "$300 billion valuation.",
        "2025-01-20T09:00:00-05:00",
    ),
    (
        "cv-3",
        "Corvane AI完成200亿美元E轮融资",
        "Corvane AI今日宣布完成200亿美元E轮融资，由Thrive Capital领投，投后估值3000亿美元。",
        "2025-01-21T09:00:00+08:00",
    ),
]
PAILE: list[Article] = [
    (
        "pl-1",
        "派乐机器人完成A轮融资",
        "派乐机器人今日宣布完成1亿元A轮融资，由五源资本领投。",
        "2024-03-05T09:00:00+08:00",
    ),
    (
        "pl-2",
        "派乐机器人完成A+轮融资",
        "派乐机器人今日宣布完成1亿元A+轮融资，由红杉中国领投，五源资本跟投。",
        "2024-05-20T09:00:00+08:00",
    ),
]

# Two articles that disagree on the size of one Series B.
CONFLICT: list[Article] = [
    (
        "hx-1",
        "Harbor Atlas raises $120 million Series B",
        "Harbor Atlas said on Monday it has raised $120 million in a Series B round led by Index Ventures.",
        "2024-06-03T09:00:00-04:00",
    ),
    (
        "hx-2",
        "Harbor Atlas lands $150 million Series B",
        "Harbor Atlas has raised $150 million in a Series B round led by Index Ventures, the company said "
        "on Tuesday.",
        "2024-06-04T09:00:00-04:00",
    ),
]

# One company under its Chinese and its English name: only a user merge joins them.
LANCHUAN: list[Article] = [
    (
        "ln-1",
        "岚川智算完成5亿元A轮融资",
        "AI算力调度平台岚川智算今日宣布完成5亿元A轮融资，由红杉中国领投，北极光创投跟投。",
        "2025-05-06T09:00:00+08:00",
    ),
    (
        "ln-2",
        "Lanchuan Compute raises $70 million Series A",
        "Lanchuan Compute, a Chinese AI compute scheduling platform, said on Tuesday it has raised $70 "
        "million in a Series A round led by HongShan, with participation from Northern Light Venture Capital.",
        "2025-05-06T10:00:00-04:00",
    ),
]
LANCHUAN_LATER: list[Article] = [
    (
        "ln-3",
        "岚川智算完成3亿美元B轮融资",
        "岚川智算今日宣布完成3亿美元B轮融资，由高瓴资本领投。",
        "2025-11-18T09:00:00+08:00",
    ),
]


def write_articles(folder: Path, name: str, articles: Sequence[Article]) -> Path:
    """The articles as one JSON Lines file (one document per line) under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    lines = [
        json.dumps({"id": i, "title": t, "text": x, "published": p}, ensure_ascii=False)
        for i, t, x, p in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


Ingest = Callable[..., api.IngestReport]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "knowledge.db")
    yield s
    s.close()


@pytest.fixture
def ingest(tmp_path: Path, store: Store) -> Ingest:
    """Write named corpora as files and ingest them through the real extractor."""

    def run(**corpora: Sequence[Article]) -> api.IngestReport:
        paths = [write_articles(tmp_path / "articles", name, arts) for name, arts in corpora.items()]
        report = api.ingest(paths, store)
        assert not report.failures
        return report

    return run


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Every corpus above in one database, ingested once per test module (read-only tests)."""
    folder = tmp_path_factory.mktemp("corpus")
    paths = [
        write_articles(folder, name, arts)
        for name, arts in {
            "same": SAME_ROUND,
            "rumor": RUMOR_TO_CLOSE,
            "openai": OPENAI,
            "corvane": CORVANE,
            "paile": PAILE,
            "conflict": CONFLICT,
            "lanchuan": LANCHUAN,
        }.items()
    ]
    s = Store.open(folder / "corpus.db")
    report = api.ingest(paths, s)
    assert not report.failures
    yield s
    s.close()


def by_company(records: Sequence[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The records of one company, oldest first."""
    return sorted((r for r in records if r["company"] == name), key=lambda r: r["announced_on"] or "")
