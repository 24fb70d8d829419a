"""Each input format becomes a Document with the right text and metadata."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dealscope.domain import Document, FuzzyDate, Language, Precision, ReadFailure
from dealscope.ingest import ReadOptions, iter_documents, read_file, read_text

OffsetCheck = Callable[[Document, str], None]


def _one(path: Path, options: ReadOptions | None = None) -> Document:
    docs = read_file(path, options or ReadOptions())
    assert len(docs) == 1
    return docs[0]


def test_wechat_export_metadata_and_body(fixtures: Path, offsets_exact: OffsetCheck) -> None:
    path = fixtures / "wechat_yunfan.md"
    doc = _one(path)
    assert doc.format == "wechat"
    assert doc.title == "云帆动力获 2 亿美元 B 轮融资，启明创投领投"
    assert doc.text.startswith(doc.title + "\n\n")
    assert doc.body_start == len(doc.title) + 2
    assert doc.text[doc.body_start :].startswith("今日，储能电池企业云帆动力宣布完成 2 亿美元 B 轮融资")
    assert doc.author == "硬科技周报"  # full-width colon in the header line
    assert doc.source_url == "https://mp.weixin.qq.com/s/V6buTXA6DUgmCCbn5LpWUZ"
    assert doc.published == FuzzyDate(date(2025, 4, 8), Precision.DAY)
    assert doc.published_at == datetime(2025, 4, 8, 20, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert doc.timezone == "Asia/Shanghai"
    assert doc.language is Language.ZH
    # Header lines are metadata, not body.
    for header in ("文章作者", "发布时间", "发布地", "原文链接", "封面图", "img.example.org"):
        assert header not in doc.text
    offsets_exact(doc, path.read_text(encoding="utf-8"))


def test_wechat_footer_and_related_article_are_dropped(fixtures: Path) -> None:
    doc = _one(fixtures / "wechat_yunfan.md")
    assert doc.text.endswith("第二条产品线预计年底投产")
    assert "END" not in doc.text
    assert "500" not in doc.text  # the number in the related article's title must not survive
    assert "订单" not in doc.text


def test_omnivore_zhihu_export(fixtures: Path, offsets_exact: OffsetCheck) -> None:
    path = fixtures / "omnivore_zhihu.md"
    doc = _one(path)
    assert doc.format == "omnivore"
    assert doc.title == "青禾生物完成新一轮融资，前景怎么样？ - 知乎"
    assert doc.source_url == "https://zhihu.com/question/123/answer/456"
    assert doc.author is None  # "unknown" is no author
    assert doc.published == FuzzyDate(date(2025, 6, 1), Precision.DAY)
    assert doc.published_at == datetime(2025, 6, 1, 8, 30)
    assert doc.timezone is None
    body = doc.text[doc.body_start :]
    assert body.startswith("听业内朋友说，青禾生物这轮拿了大约 8000 万美元")
    assert "第二个回答：合成生物赛道今年很热" in body
    # Preamble (tags, links, saved dates) and the answers' tails are not body.
    for noise in (
        "Omnivore",
        "Read Original",
        "date_saved",
        "Full Content",
        "发布于",
        "编辑于",
        "IP 属地",
        "赞同",
    ):
        assert noise not in doc.text
    assert doc.text.count(doc.title) == 1
    offsets_exact(doc, path.read_text(encoding="utf-8"))


def test_zhihu_published_line_dates_an_undated_answer(tmp_path: Path) -> None:
    path = tmp_path / "answer.md"
    path.write_text(
        "# 如何看待这家公司的新一轮融资？\n\n融资金额不算大，但投资方阵容很强。\n\n"
        "发布于 2024-11-03 22:05・IP 属地广东\n\n赞同 8添加评论收藏喜欢\n",
        encoding="utf-8",
    )
    doc = _one(path)
    assert doc.published == FuzzyDate(date(2024, 11, 3), Precision.DAY)
    assert doc.published_at == datetime(2024, 11, 3, 22, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert doc.text.endswith("融资金额不算大，但投资方阵容很强。")


def test_front_matter_with_folded_title(fixtures: Path, offsets_exact: OffsetCheck) -> None:
    path = fixtures / "frontmatter_en.md"
    doc = _one(path)
    assert doc.format == "frontmatter"
    assert doc.title == "Pinecrest Labs lands $45 million to scale battery recycling"
    assert doc.author == "Dana Whitfield"
    assert doc.source_url == "https://news.example.com/pinecrest-series-b"
    assert doc.published_at == datetime(2025, 5, 20, 10, 2, 11, tzinfo=UTC)
    assert doc.timezone == "UTC"
    assert doc.language is Language.EN
    assert "title:" not in doc.text and "---" not in doc.text
    # The hard-wrapped paragraph is one line again, joined with spaces.
    assert (
        "based in Reno, has raised $45 million in a Series B round led by Northgate Partners, with"
        in doc.text
    )
    assert "doubled since last year." in doc.text
    # The related-articles block is gone, numbers included.
    assert "Related" not in doc.text and "$300 million" not in doc.text and "2026" not in doc.text
    assert doc.text.endswith("Pinecrest previously raised a $12 million Series A in 2023.")
    offsets_exact(doc, path.read_text(encoding="utf-8"))


def test_front_matter_title_as_block_scalar_and_offset_date(tmp_path: Path) -> None:
    path = tmp_path / "saved.md"
    path.write_text(
        "---\ntitle: |\n  Brightfold 获得战略投资\nurl: https://example.cn/brightfold\n"
        "date_published: 2025-05-20T10:02:11+08:00\n---\n\nBrightfold 今天宣布获得一家汽车集团的战略投资。\n",
        encoding="utf-8",
    )
    doc = _one(path)
    assert doc.title == "Brightfold 获得战略投资"
    assert doc.published_at == datetime(2025, 5, 20, 10, 2, 11, tzinfo=timezone(timedelta(hours=8)))
    assert doc.timezone is None  # a fixed offset is not an IANA zone
    assert doc.text == "Brightfold 获得战略投资\n\nBrightfold 今天宣布获得一家汽车集团的战略投资。"


def test_plain_text_newsflash_without_metadata(fixtures: Path, offsets_exact: OffsetCheck) -> None:
    path = fixtures / "plain_flash.txt"
    doc = _one(path)
    assert doc.format == "text"
    assert doc.title == "晨星机器人完成数亿元A轮融资"
    assert doc.published is None and doc.published_at is None  # never today
    assert doc.author is None and doc.source_url is None
    assert "排版" not in doc.text and "校对" not in doc.text  # trailing credits
    assert doc.text.endswith("公司创始人表示，今年已在 30 多个城市落地。")
    offsets_exact(doc, path.read_text(encoding="utf-8"))


def test_english_digest_with_date_line(fixtures: Path, offsets_exact: OffsetCheck) -> None:
    path = fixtures / "digest_en.txt"
    doc = _one(path)
    assert doc.title == "Weekly Venture Roundup"
    assert doc.published == FuzzyDate(date(2025, 4, 14), Precision.DAY)
    assert doc.published_at is None  # no time of day was given
    assert "April 14" not in doc.text
    # Section headings stay their own lines; the wrapped paragraphs are joined.
    assert "\nBig Rounds\nLumenwave, a Seattle-based" in doc.text
    assert "has raised $120 million in Series C funding led by Crestline Growth." in doc.text
    assert "\nNew Funds\nIronbridge Capital" in doc.text
    offsets_exact(doc, path.read_text(encoding="utf-8"))


def test_markdown_with_only_a_heading_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Tidewater raises seed funding\n\nTidewater, a marine sensor maker, raised $3 million.\n"
    )
    doc = _one(path)
    assert doc.format == "markdown"
    assert doc.title == "Tidewater raises seed funding"
    assert doc.published is None
    assert doc.text == "Tidewater raises seed funding\n\nTidewater, a marine sensor maker, raised $3 million."


def test_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    first = "Kestrel Bio, a startup making enzymes for food makers, said it had closed a $25 million round."
    path = tmp_path / "long.txt"
    path.write_text(f"{first}\n\nThe money will fund a pilot plant.\n")
    doc = _one(path)
    assert doc.title == ""
    assert doc.body_start == 0
    assert doc.text == f"{first}\nThe money will fund a pilot plant."


def test_html_page_with_trafilatura(fixtures: Path) -> None:
    path = fixtures / "page_en.html"
    doc = _one(path)
    source = path.read_text(encoding="utf-8")
    assert doc.format == "html"
    assert doc.title == "Harvestly raises $30 million Series B"
    assert doc.author == "Priya Raman"
    assert doc.source_url == "https://technews.example.com/2025/02/harvestly-series-b"
    assert doc.published == FuzzyDate(date(2025, 2, 11), Precision.DAY)
    body = doc.text[doc.body_start :]
    assert body.startswith("Harvestly, a Denver-based startup")
    assert doc.text.count("Harvestly raises $30 million Series B") == 1
    for noise in ("Home", "About", "Copyright", "<p>"):
        assert noise not in doc.text
    # Offsets point into trafilatura's text, whose lines are the page's paragraphs.
    for line in body.split("\n"):
        start = doc.text.index(line)
        assert line in source
        assert doc.offsets.to_raw(start + len(line)) - doc.offsets.to_raw(start) == len(line)


def test_html_without_article_text_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    [failure] = list(iter_documents([path]))
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "no article text found in the HTML page"


def test_jsonl_documents_and_bad_lines(fixtures: Path, offsets_exact: OffsetCheck) -> None:
    path = fixtures / "articles.jsonl"
    items = list(iter_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [d.path for d in docs] == [f"{path}#a1", f"{path}#a2"]
    assert all(d.format == "jsonl" for d in docs)
    first, second = docs
    assert first.title == "海澜智能完成 5000 万元天使轮融资"
    assert first.text.count(first.title) == 1  # the title line of `text` is not repeated
    assert first.published == FuzzyDate(date(2025, 3, 2), Precision.DAY)
    assert first.source_url == "https://example.cn/a1"
    assert second.published_at == datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    assert second.text.startswith("Ridgeway Robotics raises $8M seed\n\nRidgeway Robotics, which builds")
    assert [f.path for f in failures] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "not an object" in failures[0].reason
    assert failures[1].reason == "no text field"
    assert failures[2].reason.startswith("not valid JSON")
    for doc, line in zip(docs, path.read_text(encoding="utf-8").splitlines(), strict=False):
        offsets_exact(doc, json.loads(line)["text"])


def test_jsonl_read_file_raises_on_a_bad_line(fixtures: Path) -> None:
    from dealscope.errors import InputError

    with pytest.raises(InputError, match=r"articles\.jsonl:3: "):
        read_file(fixtures / "articles.jsonl")


def test_language_detection() -> None:
    zh = read_text("# 标题\n\n这是一篇完全用中文写成的融资新闻，提到了 AI 芯片。")
    en = read_text("# Title\n\nThis is a funding story written in English about 光帧.")
    mixed = read_text(
        "# 双语\n\n这是中文部分，讲融资。This part is English and about the same funding round here."
    )
    assert (zh.language, en.language, mixed.language) == (Language.ZH, Language.EN, Language.MIXED)


def test_same_article_twice_has_the_same_id(fixtures: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.md"
    shutil.copy(fixtures / "wechat_yunfan.md", copy)
    a = _one(fixtures / "wechat_yunfan.md")
    b = _one(copy)
    assert a.id == b.id and a.path != b.path
    assert len(a.id) == 16 and int(a.id, 16) >= 0
    assert _one(fixtures / "wechat_yunfan.md").id == a.id
    other = _one(fixtures / "omnivore_zhihu.md")
    assert other.id != a.id


def test_id_ignores_whitespace_and_width_but_not_words() -> None:
    a = read_text("# 融资\n\n公司完成 A 轮融资。")
    b = read_text("# 融资\n\n公司完成Ａ轮融资。")  # full-width letter, no spaces: same under NFKC
    c = read_text("# 融资\n\n公司完成 B 轮融资。")
    assert a.id == b.id
    assert a.id != c.id


def test_read_text_overrides() -> None:
    doc = read_text(
        "Quarrystone raised $9 million.\n", title="Quarrystone funding", published="2025-03-12 09:41"
    )
    assert doc.title == "Quarrystone funding"
    assert doc.text == "Quarrystone funding\n\nQuarrystone raised $9 million."
    assert doc.published_at == datetime(2025, 3, 12, 9, 41)
    assert doc.path == "<text>"


def test_read_text_rejects_empty_and_unknown_format() -> None:
    from dealscope.errors import InputError, UsageError

    with pytest.raises(InputError, match="text is empty"):
        read_text("   \n")
    with pytest.raises(UsageError):
        read_text("x", fmt="pdf")


def test_default_timezone_applies_to_naive_times(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\ndate_published: 2025-01-05 08:00\n---\n\nBody text.\n")
    doc = _one(path, ReadOptions(default_timezone="Europe/London"))
    assert doc.published_at == datetime(2025, 1, 5, 8, 0, tzinfo=ZoneInfo("Europe/London"))
    assert doc.timezone == "Europe/London"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-02-27 08:55 | 来源：某某科技网", date(2024, 2, 27)),
        ("2026年1月15日 09:40  来源：农业观察", date(2026, 1, 15)),
        ("2023-08-15 10:02 · 来源：创投日报", date(2023, 8, 15)),
        ("Published: March 14, 2024 | By the Markets Desk", date(2024, 3, 14)),
        ("Date: 2025-11-18", date(2025, 11, 18)),
        ("*Example Wire · October 2, 2024*", date(2024, 10, 2)),
        ("12 September 2023", date(2023, 9, 12)),
    ],
)
def test_date_line_under_the_title(tmp_path: Path, line: str, expected: date) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(
        f"Saltmarsh Energy closes its Series A\n{line}\n\nSaltmarsh Energy said it raised money.\n"
    )
    doc = _one(path)
    assert doc.title == "Saltmarsh Energy closes its Series A"
    assert doc.published is not None and doc.published.value == expected
    assert doc.text == "Saltmarsh Energy closes its Series A\n\nSaltmarsh Energy said it raised money."


def test_date_line_after_a_subtitle_and_not_a_bare_year(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(
        "THE WEEKLY TICKET\nA newsletter about startup money\nFriday, June 6, 2025\n\nGood morning.\n"
    )
    doc = _one(path)
    assert doc.title == "THE WEEKLY TICKET"
    assert doc.published == FuzzyDate(date(2025, 6, 6), Precision.DAY)
    assert doc.text == "THE WEEKLY TICKET\n\nA newsletter about startup money\nGood morning."
    ranking = tmp_path / "ranking.txt"
    ranking.write_text("Funding ranking\nTop 10 · 2025\n\nThe biggest rounds of the year so far.\n")
    doc = _one(ranking)
    assert doc.published is None
    assert "Top 10 · 2025" in doc.text


def test_long_english_headline_and_press_release_dateline(tmp_path: Path) -> None:
    headline = "Harbor Kinetics Secures $41 Million Series B to Expand Its Fleet of Autonomous Port Tugboats"
    assert 80 < len(headline) < 160
    path = tmp_path / "release.txt"
    path.write_text(
        f"{headline}\n\nOSLO, Norway, April 3, 2025 /Newswire/ -- Harbor Kinetics today announced a round.\n"
    )
    doc = _one(path)
    assert doc.title == headline
    assert doc.published == FuzzyDate(date(2025, 4, 3), Precision.DAY)
    assert doc.text.endswith(
        "OSLO, Norway, April 3, 2025 /Newswire/ -- Harbor Kinetics today announced a round."
    )


def test_front_matter_title_repeated_as_heading_appears_once(tmp_path: Path) -> None:
    path = tmp_path / "fm.md"
    path.write_text(
        "---\ntitle: Copperline raises $7M\n---\n\n# Copperline raises $7M\n\nCopperline raised $7M.\n"
    )
    doc = _one(path)
    assert doc.text == "Copperline raises $7M\n\nCopperline raised $7M."


def test_published_in_a_sentence_is_not_a_zhihu_stamp(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("# 行业报告\n\n该报告发布于 2024-01-02 并引起关注。\n", encoding="utf-8")
    assert _one(path).published is None
