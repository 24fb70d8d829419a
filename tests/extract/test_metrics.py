"""Business metrics are read from every sentence and grounded, apart from rounds."""

from __future__ import annotations

from dealscope.domain import MetricKind, MetricPeriod
from dealscope.extract.rules import RuleExtractor
from dealscope.ingest import read_text

TEXT = (
    "据报道，Anthropic 的 ARR 已经接近 1 亿美金，月活用户突破3000万。公司预计明年营收将达到5亿美元。"
    "OpenAI said ChatGPT now has 800 million weekly active users and annualized revenue of $13 billion. "
    "The startup has 3 customers in Ohio."
)


def _metrics() -> list[tuple[str | None, MetricKind, MetricPeriod, str, float | None]]:
    doc = read_text(TEXT, path="m.txt", fmt="text", title="", published="2025-06-10")
    out = []
    for m in RuleExtractor().extract(doc).metrics:
        words = doc.text[m.evidence.span.start : m.evidence.span.end]
        out.append((m.company.text if m.company else None, m.kind, m.period, words, m.count))
    return out


def test_money_and_count_metrics_with_their_words() -> None:
    got = _metrics()
    assert ("Anthropic", MetricKind.ARR, MetricPeriod.ACTUAL, "接近 1 亿美金", None) in got
    assert ("Anthropic", MetricKind.MAU, MetricPeriod.ACTUAL, "3000万", 3e7) in got
    assert ("Anthropic", MetricKind.REVENUE, MetricPeriod.FORECAST, "5亿美元", None) in got
    assert ("OpenAI", MetricKind.WAU, MetricPeriod.ACTUAL, "800 million", 8e8) in got
    assert ("OpenAI", MetricKind.ARR, MetricPeriod.ACTUAL, "$13 billion", None) in got


def test_small_counts_are_not_metrics_and_metrics_are_not_rounds() -> None:
    doc = read_text(TEXT, path="m.txt", fmt="text", title="", published="2025-06-10")
    extraction = RuleExtractor().extract(doc)
    assert all(m.count is None or m.count >= 1000 for m in extraction.metrics)
    assert extraction.rounds == ()
