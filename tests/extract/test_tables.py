"""Tables of deals: a header that names its columns, then one round per row, each value from its cell."""

from __future__ import annotations

from dealscope.domain import InvestorRole, RoundMention
from dealscope.extract.rules import RuleExtractor
from dealscope.ingest import read_text

EXTRACTOR = RuleExtractor()


def _rounds(text: str, fmt: str = "text") -> list[RoundMention]:
    doc = read_text(
        text, path="t.md" if fmt == "markdown" else "t.txt", fmt=fmt, title="", published="2025-11-03"
    )
    return list(EXTRACTOR.extract(doc).rounds)


def _rows(got: list[RoundMention]) -> list[tuple[str, str | None, str | None, list[str], list[str]]]:
    return [
        (
            r.company.text,
            r.stage.raw if r.stage else None,
            r.amount.money.raw if r.amount else None,
            [i.name for i in r.investors if i.role is InvestorRole.LEAD],
            [i.name for i in r.investors if i.role is not InvestorRole.LEAD],
        )
        for r in got
    ]


FULLWIDTH = """以下为10月重点融资事件：
公司｜轮次｜金额｜投资方
沐溪智算｜C轮｜12亿元人民币｜国投创合（领投）、深创投、中金资本
墨岭软件｜B轮｜1500万美元｜云岫创投（领投）、GGV纪源资本
北渚储能｜战略投资｜未披露｜美团
铸岳机器人｜Pre-IPO轮｜8亿元人民币｜未披露

三、并购与基金
"""


def test_a_fullwidth_bar_table_gives_one_round_per_row() -> None:
    assert _rows(_rounds(FULLWIDTH)) == [
        ("沐溪智算", "C轮", "12亿元人民币", ["国投创合"], ["深创投", "中金资本"]),
        ("墨岭软件", "B轮", "1500万美元", ["云岫创投"], ["GGV纪源资本"]),
        ("北渚储能", "战略投资", "未披露", [], ["美团"]),  # an undisclosed amount, said so
        ("铸岳机器人", "Pre-IPO轮", "8亿元人民币", [], []),
    ]


def test_each_value_is_grounded_in_its_own_cell() -> None:
    doc = read_text(FULLWIDTH, path="t.txt", fmt="text", title="", published="2025-11-03")
    first = EXTRACTOR.extract(doc).rounds[0]
    row_start = doc.text.index("沐溪智算｜")
    row_end = doc.text.index("\n", row_start)
    for ev in (first.company.evidence, first.stage.evidence, first.amount.evidence):  # type: ignore[union-attr]
        assert row_start <= ev.span.start < ev.span.end <= row_end
    assert doc.text[first.amount.evidence.span.start : first.amount.evidence.span.end] == "12亿元人民币"  # type: ignore[union-attr]


def test_a_markdown_table_in_english_with_bare_stage_words() -> None:
    text = (
        "# Deals this week\n\n"
        "| Company | Round | Amount | Investors |\n"
        "|---|---|---|---|\n"
        "| Acmeline | Series A | $10M | Sequoia (lead), Accel |\n"
        "| Betawing | Seed | $2M | Y Combinator |\n\n"
        "That is all for this week.\n"
    )
    assert _rows(_rounds(text, fmt="markdown")) == [
        ("Acmeline", "Series A", "$10M", ["Sequoia"], ["Accel"]),
        ("Betawing", "Seed", "$2M", [], ["Y Combinator"]),
    ]


def test_rows_without_a_header_are_not_read_as_a_table_and_lines_stay_apart() -> None:
    doc = read_text("甲｜乙｜丙\n丁｜戊｜己\n", path="t.txt", fmt="text", title="", published="2025-11-03")
    assert "丙\n丁" in doc.text  # table rows written as lines are not joined as a hard wrap
    assert EXTRACTOR.extract(doc).rounds == ()


def test_rows_take_the_month_of_the_heading_above_the_table() -> None:
    text = "二、2025年10月重点融资事件\n公司｜轮次｜金额\n沐溪智算｜C轮｜12亿元人民币\n"
    got = _rounds(text)
    assert [(r.company.text, r.event_date.raw if r.event_date else None) for r in got] == [
        ("沐溪智算", "2025年10月")
    ]


def test_list_lines_without_a_header_are_read_by_what_their_cells_hold() -> None:
    got = _rounds(
        "融资速览｜本周6家公司获投\n"
        "1. **砾溪智能**｜工业视觉质检平台，客户覆盖锂电产线｜A+轮｜数千万元｜蓝驰创投领投，老股东奇绩创坛跟投\n"
        "2. **稷禾农科**｜农业无人机调度SaaS｜Pre-A轮｜1200万美元｜顺为资本\n"
        "3. **渊序数据**｜时序数据库｜战略投资｜未披露｜阿里云\n"
    )
    assert _rows(got) == [
        ("砾溪智能", "A+轮", "数千万元", ["蓝驰创投"], ["奇绩创坛"]),
        ("稷禾农科", "Pre-A轮", "1200万美元", [], ["顺为资本"]),
        ("渊序数据", "战略投资", "未披露", [], ["阿里云"]),
    ]


def test_a_table_under_a_header_we_do_not_know_is_not_a_deal_list() -> None:
    got = _rounds(
        "Summary\n"
        "| Company | Last priced valuation | Revenue run-rate | Multiple |\n"
        "|---|---|---|---|\n"
        "| Quorra | $30B (March 2025) | ~$1B | ~30x |\n"
        "| Ellison Labs | $18B (September 2025) | >$500M | ~37x |\n",
        fmt="markdown",
    )
    assert got == []
