"""The README's examples are true: every `dealscope …` line of "Using it" runs and succeeds.

Placeholders a reader replaces with their own files (`~/saved-articles/`, `article.md`, a round id)
are replaced here with the bundled examples; everything else runs as written, in this process,
against a real SQLite file.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
Cli = Any  # the `cli` fixture of tests/conftest.py: cli(*args) -> CliResult(code, out, err)

PLACEHOLDERS = {
    "~/saved-articles/": str(ROOT / "examples" / "articles"),
    "article.md": str(ROOT / "examples" / "articles" / "wechat_lanyu_bio.md"),
    "docs.jsonl": str(ROOT / "examples" / "articles" / "newsflashes_2024-07.jsonl"),
}


def readme_commands() -> list[list[str]]:
    """Each `dealscope` line of the README's "Using it" section, without its comment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using it", 1)[1].split("\n## ", 1)[0]
    out = []
    for line in section.splitlines():
        if line.startswith("dealscope "):
            words = shlex.split(line.split("  #", 1)[0].split(" # ", 1)[0])
            out.append(words[1:])
    return out


def test_the_readme_lists_the_commands_it_promises() -> None:
    verbs = [c[0] for c in readme_commands()]
    for verb in ("ingest", "rounds", "show", "export", "extract", "eval", "company", "investor", "stats"):
        assert verb in verbs


@pytest.mark.parametrize("args", readme_commands(), ids=lambda a: " ".join(a)[:60])
def test_each_readme_example_runs(args: list[str], cli: Cli, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(ROOT)  # the README's relative paths (corpus/zh, …) are from the repository root
    db = tmp_path / "readme.db"
    if args[0] not in ("extract", "eval"):
        assert cli("ingest", ROOT / "examples" / "articles", "--db", db).code == 0
    if args[0] == "show":
        rounds = json.loads(cli("rounds", "--db", db, "--format", "json").out)
        args = ["show", rounds[0]["id"]]
    args = [PLACEHOLDERS.get(a, a) for a in args]
    args = [
        str(tmp_path / a) if a.endswith((".jsonl", ".svg", ".html")) and "/" not in a else a for a in args
    ]
    if args[0] not in ("extract", "eval"):
        args += ["--db", str(db)]
    result = cli(*args)
    assert result.code == 0, (args, result.err)
    written = [a for a in args if a.startswith(str(tmp_path)) and a.endswith((".jsonl", ".svg", ".html"))]
    for path in written:
        assert Path(path).stat().st_size > 0
    if not written:
        assert result.out.strip(), args
