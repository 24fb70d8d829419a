"""Cleaning: Markdown decoration, hard wraps, trailing boilerplate, and exact offsets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dealscope.domain import Document
from dealscope.errors import InputError
from dealscope.ingest import read_file, read_text

OffsetCheck = Callable[[Document, str], None]


def _body(doc: Document) -> str:
    return doc.text[doc.body_start :]


def test_markdown_decoration_is_removed(offsets_exact: OffsetCheck) -> None:
    raw = (
        "# **Fernway** raises money\n\n"
        "## Background\n\n"
        "![logo](https://cdn.example.com/logo.png)\n\n"
        "> **Fernway**, a [logistics](https://example.com/l) startup, "
        "raised *$20 million* in __Series A__.\n\n"
        "***\n\n"
        'Its CEO said<br>growth was `strong` and ~~slow~~ steady &amp; <span class="x">fast</span>.\n\n'
        "* Item one: 5 * 3 is literal\n"
        "1. Item two keeps snake_case and https://example.com/a_b_c?__x=1\n\n"
        "Escaped \\*stars\\* stay.\n"
    )
    doc = read_text(raw)
    assert doc.title == "Fernway raises money"
    body = _body(doc)
    assert body.split("\n") == [
        "Background",
        "Fernway, a logistics startup, raised $20 million in Series A.",
        "Its CEO said",
        "growth was strong and slow steady & fast.",
        "Item one: 5 * 3 is literal",
        "Item two keeps snake_case and https://example.com/a_b_c?__x=1",
        "Escaped *stars* stay.",
    ]
    for gone in ("#", "](", "![", "**", "__Series", "<span", "<br>", "`", "~~", "&amp;", "> "):
        assert gone not in doc.text
    offsets_exact(doc, raw)


def test_nested_image_inside_link_keeps_only_the_link_text() -> None:
    doc = read_text("# T\n\nSee [![](https://x.example/i.png)the filing](https://x.example/f) today.\n")
    assert _body(doc) == "See the filing today."


def test_hard_wrapped_chinese_and_number_unit_split(offsets_exact: OffsetCheck) -> None:
    raw = (
        "# 标题\n\n本轮融资金额为 2.75\n亿美金，由某基金领投，\n其余老股东\n继续跟投。\n\n第二段：新段落。\n"
    )
    doc = read_text(raw)
    assert _body(doc) == "本轮融资金额为 2.75亿美金，由某基金领投，其余老股东继续跟投。\n第二段：新段落。"
    offsets_exact(doc, raw)


def test_hard_wrapped_english_joins_with_one_space(offsets_exact: OffsetCheck) -> None:
    raw = (
        "# Title\n\nOakline Ventures led the round, which also drew money from two\n"
        "angel investors and a family office based in\nZurich.\nA new sentence starts here.\n"
    )
    doc = read_text(raw)
    assert _body(doc) == (
        "Oakline Ventures led the round, which also drew money from two angel investors and a family "
        "office based in Zurich.\nA new sentence starts here."
    )
    offsets_exact(doc, raw)


def test_line_breaks_that_are_not_wraps_are_kept() -> None:
    raw = (
        "# T\n\n一、融资情况\n公司完成了新一轮融资。\n"  # a heading without "#"
        "投资方如下：\n- 甲资本\n- 乙基金\n"  # after a colon, before list items
        "## 小结\n全文完。\n"
    )
    assert _body(read_text(raw)).split("\n") == [
        "一、融资情况",
        "公司完成了新一轮融资。",
        "投资方如下：",
        "甲资本",
        "乙基金",
        "小结",
        "全文完。",
    ]


def test_crlf_line_endings_keep_offsets_exact(tmp_path: Path, offsets_exact: OffsetCheck) -> None:
    raw = "# 标题行\r\n\r\n第一段文字，继续\r\n写完。\r\n\r\n第二段。\r\n"
    path = tmp_path / "crlf.md"
    path.write_bytes(raw.encode("utf-8"))
    [doc] = read_file(path)
    assert doc.text == "标题行\n\n第一段文字，继续写完。\n第二段。"
    offsets_exact(doc, raw)


PARAGRAPHS = (
    "海岳科技宣布完成 3 亿元 B 轮融资，由远山资本领投，多家机构跟投。\n\n"
    "公司表示，本轮资金将用于新产线建设和海外市场开拓，预计明年产能翻倍。\n\n"
    "海岳科技成立于 2018 年，目前员工超过 400 人，客户遍布二十多个国家和地区。\n\n"
)


def test_end_marker_cuts_the_related_articles(offsets_exact: OffsetCheck) -> None:
    for marker in ("·END·", "— END —", "-END-", "END", "往期推荐", "推荐阅读：", "相关阅读", "Read more"):
        raw = f"# 标题\n\n{PARAGRAPHS}**{marker}**\n\n[另一家公司估值超 888 亿美元](https://e.example/1)\n"
        doc = read_text(raw)
        assert doc.text.endswith("客户遍布二十多个国家和地区。"), marker
        assert "888" not in doc.text, marker
        offsets_exact(doc, raw)


def test_trailing_link_lines_without_marker_are_dropped() -> None:
    raw = (
        f"# 标题\n\n{PARAGRAPHS}"
        "[某公司完成 777 亿元融资](https://e.example/2)\n"
        "- [另一家公司 666 万美元种子轮](https://e.example/3)\n"
    )
    doc = read_text(raw)
    assert doc.text.endswith("客户遍布二十多个国家和地区。")
    assert "777" not in doc.text and "666" not in doc.text


def test_trailing_credits_and_paywall_are_dropped() -> None:
    raw = (
        f"# 标题\n\n{PARAGRAPHS}本文为会员专享内容，开通会员后可阅读全文。\n\n"
        "编辑：小林\n责编：老王\n图片来源：网络\n题图 | 示例\n"
    )
    doc = read_text(raw)
    assert doc.text.endswith("客户遍布二十多个国家和地区。")
    for credit in ("会员", "编辑", "责编", "图片来源", "题图"):
        assert credit not in doc.text


def test_english_paywall_and_credits() -> None:
    raw = (
        "# Title\n\nLarkspur raised $14 million in a Series A round led by Tallgrass Capital, the "
        "company said on Monday, and plans to hire engineers in Austin and Toronto.\n\n"
        "Subscribe to continue reading this story.\n\nEditor: Sam Lee\n"
    )
    doc = read_text(raw)
    assert doc.text.endswith("in Austin and Toronto.")


def test_trimming_never_cuts_more_than_the_end_of_the_article() -> None:
    # A marker early in the article is body text, not a footer.
    raw = "# 标题\n\n推荐阅读\n\n" + PARAGRAPHS + "END\n"
    doc = read_text(raw)
    assert doc.text.startswith("标题\n\n推荐阅读\n海岳科技宣布完成 3 亿元 B 轮融资")
    assert doc.text.endswith("客户遍布二十多个国家和地区。")
    # A credit-looking line in the middle stays.
    middle = read_text("# 标题\n\n来源：公司公告\n\n" + PARAGRAPHS)
    assert "来源：公司公告" in middle.text


def test_full_width_characters_and_punctuation_are_kept() -> None:
    doc = read_text("# 标题\n\n公司完成Ａ轮融资（约１０亿元）！\n")
    assert _body(doc) == "公司完成Ａ轮融资（约１０亿元）！"


def test_divider_then_editor_and_reprint_notice_are_dropped() -> None:
    raw = f"# 标题\n\n{PARAGRAPHS}——————————\n本期编辑：小川\n如需转载请联系后台\n"
    doc = read_text(raw)
    assert doc.text.endswith("客户遍布二十多个国家和地区。")
    assert "——" not in doc.text and "转载" not in doc.text


def test_press_release_trailer_is_dropped() -> None:
    raw = (
        "# Title\n\nBluefin Analytics raised $12 million in a Series A round led by Estuary Partners, "
        "the company said, and will use the money to hire engineers and open an office in Denver.\n\n"
        "Media Contact\npress@bluefin.example\n\nSOURCE Bluefin Analytics\n"
    )
    doc = read_text(raw)
    assert doc.text.endswith("open an office in Denver.")


_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "> ",
        "- ",
        "1. ",
        "**",
        "*",
        "_",
        "__",
        "`",
        "~~",
        "![a](http://i.example/x.png)",
        "[link](http://l.example/a_b)",
        "<br>",
        "<b>",
        "&amp;",
        "&nbsp;",
        "\\*",
        "---",
        "——————",
        "END",
        "推荐阅读",
        "编辑：某人",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\u3000",
        "融资",
        "2.75",
        "亿美元",
        "。",
        "，",
        "Series",
        "raised",
        ".",
        ":",
        "http://u.example/x__y",
        "发布于 2025-01-02",
        "赞同 3添加评论",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_offsets_are_exact_for_any_markdown(parts: list[str]) -> None:
    raw = "".join(parts)
    try:
        doc = read_text(raw)
    except InputError:
        return  # nothing readable: no offsets to check
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            assert raw[doc.offsets.to_raw(i)] == ch
    assert doc.text == doc.text.strip()
