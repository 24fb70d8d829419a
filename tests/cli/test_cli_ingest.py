"""`dealscope ingest`: the summary, one line per bad input, choosing the database."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from dealscope.errors import StorageError
from dealscope.store.db import Store

Cli = Any  # the `cli` fixture of tests/conftest.py: cli(*args) -> CliResult(code, out, err)
GOOD = (
    "---\ntitle: 星穹医疗获3000万元A轮融资\ndate_published: 2024-11-20\n---\n\n"
    "11月20日，医疗影像公司星穹医疗宣布完成3000万元A轮融资，由高瓴创投领投。\n"
)
SUMMARY = re.compile(
    r"read (\d+) document\(s\): (\d+) new, (\d+) already stored, (\d+) failed; "
    r"(\d+) round mention\(s\) found; (\d+) round\(s\) in the database \(\d+\.\ds\)\n"
)


def _documents(db: Path) -> int:
    with Store.open(db) as store:
        return store.counts()["documents"]


def test_summary_counts_and_a_second_run(cli: Cli, articles_dir: Path, tmp_path: Path) -> None:
    (articles_dir / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    first = cli("ingest", articles_dir, "--db", db)
    assert first.code == 1  # one input failed
    m = SUMMARY.fullmatch(first.out)
    assert m, first.out
    read, new, stored, failed, mentions, rounds = map(int, m.groups())
    assert (read, new, stored, failed) == (5, 5, 0, 1)
    assert mentions >= 5 and rounds >= 5
    (articles_dir / "empty.txt").unlink()
    second = cli("ingest", articles_dir, "--db", db)
    assert second.code == 0 and second.err == ""
    m2 = SUMMARY.fullmatch(second.out)
    assert m2, second.out
    assert tuple(map(int, m2.groups())) == (5, 0, 5, 0, 0, rounds)
    listed = cli("rounds", "--db", db, "--format", "json")
    assert listed.out.count('"id": "r') == rounds


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write one bad input of each kind; returns file name -> the words its error line must hold."""
    (folder / "empty.md").write_bytes(b"")
    (folder / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant to make, refused before it is read
    (folder / "broken.md").write_text(
        "---\ntitle: Broken\nauthor: [unclosed\ndate_published: 2025-01-01\n---\n\nText.\n", encoding="utf-8"
    )
    (folder / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    return {
        "empty.md": "file is empty",
        "image.md": "binary file",
        "huge.txt": "over the 10 MB limit",
        "broken.md": "broken YAML front matter",
        "noise.txt": "cannot determine the text encoding",
    }


def _deep_folder(tmp_path: Path) -> Path:
    # Long paths make long error lines: they must stay one line however narrow the output is.
    folder = tmp_path / ("a-rather-long-folder-name-for-saved-articles" * 2) / "inbox"
    folder.mkdir(parents=True)
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "kind", ["empty.md", "image.md", "huge.txt", "broken.md", "noise.txt", "missing.md", "all"]
)
def test_each_bad_input_is_one_line_and_the_rest_is_ingested(cli: Cli, tmp_path: Path, kind: str) -> None:
    folder = _deep_folder(tmp_path)
    expected = _bad_inputs(folder)
    for name in list(expected):
        if kind not in (name, "all"):
            (folder / name).unlink()
            del expected[name]
    args: list[str | Path] = [folder]
    if kind in ("missing.md", "all"):
        args.append(folder / "missing.md")
        expected["missing.md"] = "no such file or directory"
    db = tmp_path / "bad.db"
    result = cli("ingest", *args, "--db", db)
    assert result.code == 1
    assert len(result.err_lines) == len(expected), result.err
    for line in result.err_lines:
        name = next(n for n in expected if f"{folder / n}: " in line)
        assert line == f"error: {folder / name}: {line.split(f'{folder / name}: ', 1)[1]}"
        assert expected.pop(name) in line
    assert expected == {}
    assert "1 new" in result.out and _documents(db) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    folder = _deep_folder(tmp_path)
    locked = folder / "locked.md"
    locked.write_text(GOOD.replace("星穹", "星海"), encoding="utf-8")
    locked.chmod(0)
    try:
        result = cli("ingest", folder, "--db", tmp_path / "u.db")
    finally:
        locked.chmod(0o644)
    assert result.code == 1
    assert result.err_lines == [f"error: {locked}: permission denied"]
    assert _documents(tmp_path / "u.db") == 1


def test_all_good_inputs_exit_zero(cli: Cli, articles_dir: Path, tmp_path: Path) -> None:
    result = cli("ingest", articles_dir, "--db", tmp_path / "g.db")
    assert (result.code, result.err) == (0, "")
    assert "5 new" in result.out


def test_a_file_name_with_brackets_is_printed_as_is(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "[bold red]draft[link=x] notes.md"
    path.write_bytes(b"")
    result = cli("ingest", path, "--db", tmp_path / "b.db")
    assert result.code == 1
    assert result.err_lines == [f"error: {path}: file is empty"]


def test_db_option_env_var_and_default(
    cli: Cli, articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("DEALSCOPE_DB", raising=False)
    one = articles_dir / "chenghu.md"
    assert cli("ingest", one).code == 0
    assert (work / "dealscope.db").is_file() and _documents(work / "dealscope.db") == 1

    env_db = tmp_path / "from-env.db"
    monkeypatch.setenv("DEALSCOPE_DB", str(env_db))
    assert cli("ingest", articles_dir / "ridgefold.md").code == 0
    assert _documents(env_db) == 1 and _documents(work / "dealscope.db") == 1

    opt_db = tmp_path / "from-option.db"
    assert cli("ingest", articles_dir / "lanqiao.md", "--db", opt_db).code == 0  # the option beats the env
    assert _documents(opt_db) == 1 and _documents(env_db) == 1

    shown = cli("rounds", "--format", "json")
    assert "Ridgefold" in shown.out and "澄湖" not in shown.out and "岚桥" not in shown.out
    shown = cli("rounds", "--db", opt_db, "--format", "json")
    assert "岚桥" in shown.out and "Ridgefold" not in shown.out


def test_database_that_cannot_be_opened_is_one_line(cli: Cli, articles_dir: Path, tmp_path: Path) -> None:
    result = cli("ingest", articles_dir, "--db", tmp_path)  # a folder, not a database file
    assert result.code == StorageError.exit_code
    assert len(result.err_lines) == 1 and result.err.startswith("error: cannot open database sqlite:///")
    assert result.out == ""
