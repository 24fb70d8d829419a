"""Finding files, decoding them, and refusing bad inputs with one-line reasons."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dealscope.domain import Document, ReadFailure
from dealscope.errors import InputError, UsageError
from dealscope.ingest import SUPPORTED_SUFFIXES, ReadOptions, iter_documents, read_file

ARTICLE_ZH = "海澜智能完成融资\n\n海澜智能今日宣布完成 5000 万元天使轮融资，由星河创投独家投资。\n"
ARTICLE_EN = "# Ridgeway raises seed\n\nRidgeway Robotics has raised an $8 million seed round.\n"


def _failure(path: Path, options: ReadOptions | None = None) -> ReadFailure:
    [item] = list(iter_documents([path], options or ReadOptions()))
    assert isinstance(item, ReadFailure), item
    assert item.path == str(path)
    assert "\n" not in item.reason
    return item


def test_supported_suffixes() -> None:
    assert {".md", ".markdown", ".txt", ".html", ".htm", ".jsonl"} <= SUPPORTED_SUFFIXES
    assert ".json" not in SUPPORTED_SUFFIXES  # folders hold other JSON, such as expected.json


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-8-sig", "bom.md"), ("gb18030", "gb.txt"), ("gbk", "gbk.txt"), ("utf-16", "u16bom.txt")],
)
def test_encodings(tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(ARTICLE_ZH.encode(encoding))
    [doc] = read_file(path)
    assert doc.title == "海澜智能完成融资"
    assert doc.text == "海澜智能完成融资\n\n海澜智能今日宣布完成 5000 万元天使轮融资，由星河创投独家投资。"
    assert "\ufeff" not in doc.text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(ARTICLE_ZH.encode(encoding))
    [doc] = read_file(path)
    assert doc.title == "海澜智能完成融资"


def test_bom_is_not_part_of_the_offsets(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(ARTICLE_EN.encode("utf-8-sig"))
    [doc] = read_file(path)
    raw = ARTICLE_EN  # the decoded text, without the BOM
    i = doc.text.index("$8")
    assert raw[doc.offsets.to_raw(i) : doc.offsets.to_raw(i) + 2] == "$8"


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert _failure(empty).reason == "file is empty"
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n\u3000\n")
    assert _failure(blank).reason == "file holds only whitespace"


def test_metadata_without_body(tmp_path: Path) -> None:
    wechat = tmp_path / "wx.md"
    wechat.write_text("# 只有标题\n\n文章作者: 某号\n发布时间: 2025-01-02 10:00\n", encoding="utf-8")
    assert "no article text" in _failure(wechat).reason
    front = tmp_path / "fm.md"
    front.write_text("---\ntitle: Nothing here\n---\n\n")
    assert "no article text" in _failure(front).reason
    title_only = tmp_path / "t.md"
    title_only.write_text("# Just a heading\n")
    assert "no article text" in _failure(title_only).reason


def test_binary_files(tmp_path: Path) -> None:
    png = tmp_path / "image.md"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    assert _failure(png).reason.startswith("binary file (contains NUL bytes)")
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65, 66]) * 100)
    assert _failure(controls).reason.startswith("binary file (mostly control characters)")


def test_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, and reading it would fail anyway
    assert _failure(path).reason == "file is 52.4 MB, over the 10 MB limit"
    small_limit = ReadOptions(max_bytes=1024)
    article = tmp_path / "a.md"
    article.write_text(ARTICLE_EN * 40)
    assert _failure(article, small_limit).reason.endswith("bytes, over the 1024 bytes limit")


def test_broken_yaml_front_matter_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: fine\nauthor: [unclosed\ndate_published: 2025-01-01\n---\n\nBody text.\n")
    reason = _failure(path).reason
    assert reason.startswith("broken YAML front matter: ")
    assert reason.endswith("at line 4")
    scalar = tmp_path / "scalar.md"
    scalar.write_text("---\njust a sentence\n---\n\nBody text.\n")
    assert _failure(scalar).reason == "broken YAML front matter: not a mapping of keys to values"


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    # High bytes in an order no Chinese, Japanese or Western encoding produces.
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    assert _failure(path).reason.startswith("cannot determine the text encoding")


def test_unreadable_paths(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    assert _failure(missing).reason == "no such file or directory"
    no_dir = tmp_path / "no" / "such" / "folder"
    assert _failure(no_dir).reason == "no such file or directory"
    with pytest.raises(InputError, match="no such file or directory"):
        read_file(missing)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_text(ARTICLE_EN)
    path.chmod(0)
    try:
        assert _failure(path).reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_permission_error_reason() -> None:
    from dealscope.ingest.readers import _os_reason

    assert _os_reason(PermissionError(13, "Permission denied")) == "permission denied"
    assert _os_reason(FileNotFoundError(2, "No such file")) == "no such file or directory"


def test_unsupported_suffix_named_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    reason = _failure(path).reason
    assert reason.startswith("unsupported file type .pdf; supported: ")
    assert ".md" in reason
    with pytest.raises(InputError, match="unsupported file type"):
        read_file(path)


def test_directory_recursion_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "c.txt").write_text("Title C\n\nText of article C, long enough.\n")
    (root / "a.md").write_text("# Title A\n\nText of article A.\n")
    (root / "b_sub" / "deeper" / "d.markdown").write_text("# Title D\n\nText of article D.\n")
    (root / "b_sub" / "b.HTM").write_text(
        "<html><head><title>Title B</title></head><body><article><p>Article B says a startup raised "
        "money from investors this week, and more.</p></article></body></html>"
    )
    (root / ".secret.md").write_text("# Hidden\n\nNot read.\n")
    (root / ".hidden_dir" / "e.md").write_text("# Hidden E\n\nNot read.\n")
    (root / "notes.pdf").write_bytes(b"%PDF")
    (root / "expected.json").write_text("{}")
    items = list(iter_documents([root]))
    assert all(isinstance(i, Document) for i in items)
    names = [Path(i.path).name for i in items if isinstance(i, Document)]
    assert names == ["a.md", "b.HTM", "d.markdown", "c.txt"]


def test_several_paths_and_failures_keep_going(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(ARTICLE_EN)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "x.txt").write_text("Heading X\n\nSome body text for X.\n")
    items = list(iter_documents([good, tmp_path / "gone.md", empty, str(folder), good]))
    kinds = [(type(i).__name__, Path(i.path).name) for i in items]
    assert kinds == [
        ("Document", "good.md"),
        ("ReadFailure", "gone.md"),
        ("ReadFailure", "empty.txt"),
        ("Document", "x.txt"),
    ]  # a path given twice is read once


def test_read_options_validation() -> None:
    with pytest.raises(UsageError):
        ReadOptions(max_bytes=0)
    with pytest.raises(UsageError, match="unknown time zone"):
        ReadOptions(default_timezone="Mars/Olympus")
