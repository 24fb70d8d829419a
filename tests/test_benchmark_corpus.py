"""The benchmark corpus generator and the benchmark scripts (figures are printed, never asserted on)."""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dealscope.domain import Language, ReadFailure
from dealscope.ingest import iter_documents

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is a folder of scripts beside src/, not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import memory, throughput  # noqa: E402
from benchmarks.corpus import NON_FUNDING, SHAPES, generate, shape_of, write_corpus  # noqa: E402
from benchmarks.corpus_cache import cached_corpus  # noqa: E402

MIX_N = 400
SCRIPT_N = 20
_NUMBER = r"([0-9][0-9,]*\.?[0-9]*)"


@pytest.fixture(scope="module")
def mix() -> list[tuple[str, str]]:
    return list(generate(MIX_N, seed=7))


def test_same_seed_same_files_and_another_seed_other_files(tmp_path: Path) -> None:
    assert list(generate(40, seed=11)) == list(generate(40, seed=11))
    assert list(generate(40, seed=11)) != list(generate(40, seed=12))
    a, b = write_corpus(tmp_path / "a", 25, seed=5), write_corpus(tmp_path / "b", 25, seed=5)
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))


def test_shape_mix_matches_the_docstring(mix: list[tuple[str, str]]) -> None:
    shapes = collections.Counter(shape_of(name) for name, _ in mix)
    assert set(shapes) == set(SHAPES)
    share = {lang: sum(c for s, c in shapes.items() if s.startswith(lang)) / MIX_N for lang in ("zh", "en")}
    assert 0.52 <= share["zh"] <= 0.68 and 0.32 <= share["en"] <= 0.48
    not_rounds = sum(shapes[s] for s in NON_FUNDING) / MIX_N
    assert 0.14 <= not_rounds <= 0.26
    for shape, (percent, _, _) in SHAPES.items():  # every shape near its advertised share
        assert abs(shapes[shape] / MIX_N * 100 - percent) <= max(3.0, percent * 0.35), shape


def test_digests_long_reads_and_line_ends(mix: list[tuple[str, str]]) -> None:
    by_shape: dict[str, list[str]] = collections.defaultdict(list)
    for name, content in mix:
        by_shape[shape_of(name)].append(content)
    zh_heads = re.compile(r"^(?:\d+\. |\*\*\d+、|【)", re.M)
    assert all(6 <= len(zh_heads.findall(c)) <= 10 for c in by_shape["zh-digest"])
    # Each English digest entry names its company once in bold.
    assert all(6 <= len(re.findall(r"\*\*[^*\n]+\*\*", c)) <= 10 for c in by_shape["en-digest"])
    assert all(8000 <= len(c) <= 12000 and "\n## " in c for c in by_shape["zh-longread"])
    assert all(c.startswith("---\n") for c in by_shape["zh-frontmatter"] + by_shape["en-frontmatter"])
    assert all("发布时间: " in c and "原文链接: " in c for c in by_shape["zh-wechat"])
    assert any("\r\n" in c for name, c in mix if name.endswith(".txt"))
    assert not any("\r\n" in c for name, c in mix if name.endswith(".md"))
    assert not re.search(r"\ba (?:angel|undisclosed|[AEIO]\w+-based)\b", "".join(c for _, c in mix))


def test_every_shape_is_read_without_failure(mix: list[tuple[str, str]], tmp_path: Path) -> None:
    taken: dict[str, int] = collections.Counter()
    picked = []
    for name, content in mix:  # a dozen of each shape, and every Windows-line-end file
        shape = shape_of(name)
        if taken[shape] < 12 or "\r\n" in content:
            taken[shape] += 1
            picked.append((name, content))
    for name, content in picked:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))
    items = list(iter_documents([tmp_path]))
    assert [i for i in items if isinstance(i, ReadFailure)] == []
    assert len(items) == len(picked)
    for doc in items:
        assert not isinstance(doc, ReadFailure)
        shape = shape_of(doc.path)
        assert doc.language is (Language.ZH if shape.startswith("zh") else Language.EN), doc.path
        assert doc.published is not None, doc.path
        assert doc.title and doc.text.startswith(doc.title), doc.path


def test_cached_corpus_is_written_once_and_reads_as_n_articles(tmp_path: Path) -> None:
    folder, written = cached_corpus(12, seed=3, cache_dir=tmp_path)
    again, written_again = cached_corpus(12, seed=3, cache_dir=tmp_path)
    assert (written, written_again) == (True, False) and again == folder
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # no partial folder left behind
    docs = list(iter_documents([folder]))  # the hidden completion marker is not an article
    assert len(docs) == 12 and not any(isinstance(d, ReadFailure) for d in docs)


# --------------------------------------------------------------------------- the scripts, end to end


class Scripts:
    """The benchmark scripts started side by side on a tiny corpus; each one's stdout once it is done."""

    def __init__(self, cache: Path) -> None:
        common = ["--cache-dir", str(cache)]
        commands = {
            "throughput": ["throughput.py", "--n", str(SCRIPT_N), *common],
            "memory": ["memory.py", "--sizes", str(SCRIPT_N), "--no-tracemalloc", *common],
            "profile": ["profile_extract.py", "--n", str(SCRIPT_N), "--top", "5", *common],
        }
        self.procs = {
            key: subprocess.Popen(
                [sys.executable, str(ROOT / "benchmarks" / cmd[0]), *cmd[1:]],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for key, cmd in commands.items()
        }
        self.outputs: dict[str, str] = {}

    def output(self, key: str) -> str:
        if key not in self.outputs:
            out, err = self.procs[key].communicate(timeout=120)
            assert self.procs[key].returncode == 0, f"{key} failed:\n{err}"
            self.outputs[key] = out
        return self.outputs[key]

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()


@pytest.fixture(scope="module", autouse=True)
def scripts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scripts]:
    """Started when the module starts, so the subprocesses run while the in-process tests do."""
    cache = tmp_path_factory.mktemp("bench-cache")
    cached_corpus(SCRIPT_N, 7, cache)
    running = Scripts(cache)
    yield running
    running.stop()


def _rate(pattern: str, text: str) -> float:
    found = re.search(pattern, text, re.M)
    assert found, f"no match for {pattern!r} in:\n{text}"
    return float(found.group(1).replace(",", ""))


def test_throughput_prints_read_extract_and_ingest_rates(scripts: Scripts) -> None:
    out = scripts.output("throughput")
    assert "Python CPython 3." in out
    for label in (r"\(a\) read", r"\(b\) extract", r"\(c\) ingest -> SQLite"):
        # label, docs, seconds, docs/s: the docs column says every article went through
        assert _rate(rf"^{label}[^\d]*{SCRIPT_N}\s+{_NUMBER}\s+", out) > 0
        assert _rate(rf"^{label}[^\d]*{SCRIPT_N}\s+[\d.]+\s+{_NUMBER}", out) > 0


def test_memory_prints_peak_rss(scripts: Scripts) -> None:
    out = scripts.output("memory")
    row = re.search(
        rf"^\s+{SCRIPT_N}\s+{_NUMBER}\s+{_NUMBER}\s+{_NUMBER}\s+{_NUMBER}\s+{_NUMBER}\s+-\s+-$", out, re.M
    )
    assert row, out
    docs_per_s, base, peak, growth = (float(row.group(i)) for i in (1, 2, 3, 4))
    assert docs_per_s > 0 and peak >= base > 10  # MiB: an interpreter with dealscope loaded
    assert growth == pytest.approx(peak - base, abs=0.11)


def test_memory_child_traces_the_extract_loop(tmp_path: Path) -> None:
    folder, _ = cached_corpus(6, seed=7, cache_dir=tmp_path)
    result = memory.child(folder, trace=True)  # in process: the subprocess costs a second import
    assert (result["docs"], result["failures"]) == (6, 0)
    assert result["traced_peak"] > 0 and result["peak_rss"] >= result["baseline_peak_rss"] > 0
    assert result["traced_retained"] <= result["traced_peak"]


def test_profile_lists_hot_spots_both_ways(scripts: Scripts) -> None:
    out = scripts.output("profile")
    assert _rate(rf"{_NUMBER} docs/s", out) > 0
    assert "by cumulative time" in out and "by own (total) time" in out
    assert "extract_document" in out  # the profiled call itself tops the cumulative list


def test_throughput_json_for_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert throughput.main(["--n", "8", "--json", "--no-ingest", "--cache-dir", str(tmp_path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["python"].startswith("CPython 3.")
    assert result["read"]["docs"] == result["extract"]["docs"] == 8
    assert result["read"]["docs_per_s"] > 0 and result["extract"]["chars_per_s"] > 0
    assert "ingest_sqlite" not in result
    assert sum(s["docs"] for s in result["extract"]["shapes"].values()) == 8
