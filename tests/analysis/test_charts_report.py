"""Charts (valid SVG/PNG with one mark per data point) and the self-contained HTML report."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from dealscope.analyse.stats import Grouping, Period, StatsQuery, company_timeline, deal_stats, top_investors
from dealscope.present.chart import funding_chart, inline_svg, investors_chart, valuation_chart
from dealscope.present.report import build_report, render_report
from dealscope.store.db import Store

from .conftest import record

SVG = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def marks(svg: bytes, prefix: str) -> dict[str, int]:
    """Group id -> number of drawn marks (marker uses or paths) in groups whose id starts with prefix."""
    root = ET.fromstring(svg)
    out = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id", "")
        if gid.startswith(prefix):
            out[gid] = len(list(g.iter(f"{SVG}use"))) or len(list(g.iter(f"{SVG}path")))
    return out


def test_valuation_chart_has_one_marker_per_valued_round_by_status(tmp_path: Path) -> None:
    rounds = [
        record("v1", "Quill", "2022-03-01", 5e6, stage="seed", valuation=20e6),
        record("v2", "Quill", "2023-06-10", 20e6, valuation=90e6),
        record("v3", "Quill", "2024-09", 50e6, stage="series_b", status="rumored", valuation=400e6),
        record("v4", "Quill", "2024-12-01", 30e6, stage="series_b"),  # no valuation: not on the chart
    ]
    with Store.open(tmp_path / "q.db") as store:
        store.replace_rounds(rounds)
        name, points = company_timeline(store, "Quill")
    svg = valuation_chart(name, points, "svg")
    assert marks(svg, "point-") == {"point-completed": 2, "point-rumored": 1}
    assert "Quill" in svg.decode()
    png = valuation_chart(name, points, "png")
    assert png.startswith(PNG_MAGIC) and len(png) > 5000


def test_funding_and_investor_charts(hand_store: Store) -> None:
    result = deal_stats(hand_store, StatsQuery(Period.YEAR))
    bars = marks(funding_chart(result, "svg"), "bar-")
    assert sorted(bars) == ["bar-0", "bar-1", "bar-2"]  # 2024, 2025, undated
    grouped = deal_stats(hand_store, StatsQuery(Period.YEAR, Grouping.LAYER))
    n_groups = len(grouped.group_totals)
    assert len(marks(funding_chart(grouped, "svg"), "bar-")) == 3 * n_groups  # one bar per period and group
    investors = top_investors(hand_store, StatsQuery(), limit=5)
    assert len(marks(investors_chart(investors, "svg"), "bar-")) == len(investors) == 2
    assert investors_chart(investors, "png").startswith(PNG_MAGIC)


def test_inline_svg_has_no_prologue_or_namespace_urls(hand_store: Store) -> None:
    text = inline_svg(funding_chart(deal_stats(hand_store, StatsQuery(Period.YEAR)), "svg"))
    assert text.startswith("<svg") and "http" not in text


class _Refs(HTMLParser):
    """Every URL-bearing attribute, with its tag, and every id."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("src", "href", "xlink:href", "data", "poster", "srcset", "action") and value:
                self.refs.append((tag, name, value))


def test_report_is_self_contained_and_quotes_the_biggest_rounds(news_store: Store) -> None:
    report = build_report(news_store, top=10, generated="test")
    html = render_report(report)
    parser = _Refs()
    parser.feed(html)
    external = [
        (t, a, v)
        for t, a, v in parser.refs
        if re.match(r"(?i)(https?:)?//", v) and not (t == "a" and a == "href")
    ]
    assert external == []
    assert not re.search(r"(?i)url\(\s*['\"]?(https?:)?//|@import|<script|<link\b|<img\b|<iframe", html)
    # Every in-page link lands on an element of the page.
    anchors = {v[1:] for t, a, v in parser.refs if a == "href" and v.startswith("#")}
    assert anchors and anchors <= parser.ids
    # The biggest rounds, biggest first, each with the sentence it was read from.
    assert [report.rounds[r]["company"] for r in report.biggest] == [
        "码舟科技",
        "曜衡半导体",
        "Corvina Robotics",
        "码舟科技",
    ]
    for rid in report.biggest:
        rec = report.rounds[rid]
        assert f'id="round-{rid}"' in html
        assert rec["sources"][0]["quote"] in html
    # The talks are reported as such, apart from the money raised.
    assert [report.rounds[r]["company"] for r in report.rumors] == ["深言智能"]
    # The coding company's valuation tripled in yuan (in dollars a little more: two dates, two rates).
    assert [c.company for c in report.changes] == ["码舟科技"]
    assert 2.9 < report.changes[0].multiple < 3.2
    assert "<svg" in html and html.count("<svg") == 2


def test_report_with_a_range_and_no_data_still_renders(news_store: Store) -> None:
    from datetime import date

    report = build_report(news_store, since=date(2030, 1, 1))
    html = render_report(report)
    assert report.biggest == [] and "no completed round with a known amount" in html
    assert "<svg" not in html
