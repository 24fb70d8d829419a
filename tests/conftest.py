"""Fixtures shared by the storage, API and CLI tests: databases, the CLI, and generated articles.

Imports of dealscope stay inside the fixtures, so a module broken mid-edit fails only its tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_ARTICLES = EXAMPLES / "articles"
# A throwaway database on a local server; override to point the PostgreSQL tests elsewhere.
PG_URL = os.environ.get("DEALSCOPE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

# --------------------------------------------------------------------------- articles written for the tests

# Each one is a plain funding announcement in the house style of a newsflash; the companies and
# investors are invented except for the gazetteer investors (红杉中国, Lightspeed, 高瓴创投).
ARTICLES: dict[str, str] = {
    "chenghu.md": (
        "---\ntitle: 澄湖机器人完成1.2亿元B轮融资，红杉中国领投\ndate_published: 2025-02-18\n---\n\n"
        "2月18日，服务机器人公司澄湖机器人宣布完成1.2亿元B轮融资，由红杉中国领投，北辰创投跟投。"
        "本轮资金将主要用于量产线建设和海外市场拓展。\n"
    ),
    "ridgefold.md": (
        "---\ntitle: Ridgefold Analytics raises $30 million Series A led by Lightspeed\n"
        "date_published: 2024-06-05\n---\n\n"
        "Ridgefold Analytics, a startup that forecasts grid demand, has raised $30 million in a Series A "
        "round led by Lightspeed Venture Partners, with participation from Tallow Capital. "
        "The company will use the money to hire engineers.\n"
    ),
    "lanqiao.md": (
        "---\ntitle: 岚桥储能正洽谈新一轮融资\ndate_published: 2025-05-10\n---\n\n"
        "据知情人士透露，储能电池公司岚桥储能正在洽谈约5亿元C轮融资，投资方尚未确定。"
        "岚桥储能成立于2020年，主要产品为工商业储能系统。\n"
    ),
    "quillmark.txt": (
        "Quillmark lands $4 million seed round\n\n"
        "Quillmark, a maker of note-taking software for lawyers, said on March 2, 2023 that it has "
        "raised a $4 million seed round led by Northpass Ventures.\n"
    ),
    "xingqiong.md": (
        "---\ntitle: 星穹医疗获3000万元A轮融资\ndate_published: 2024-11-20\n---\n\n"
        "11月20日，医疗影像公司星穹医疗宣布完成3000万元A轮融资，由高瓴创投领投。"
        "本轮融资将用于新产品的临床试验。\n"
    ),
}

_FIRST = "云星海山川林岳峰石湖"
_SECOND = "帆河舟桥岩泉谷原川溪"
_STAGES = ("天使", "Pre-A", "A", "A+", "B", "C")


def generated_article(i: int) -> str:
    """The i-th article of a generated corpus: each has its own company, investors, amount and date."""
    company = f"{_FIRST[i % 10]}{_SECOND[(i // 10) % 10]}{('智能', '数据', '生物', '材料')[(i // 100) % 4]}"
    lead = f"{_SECOND[i % 10]}{_FIRST[(i // 10) % 10]}资本"
    follow = f"{_FIRST[(i + 3) % 10]}{_FIRST[(i // 10 + 5) % 10]}创投"
    amount = 1000 + 37 * i
    stage = _STAGES[i % len(_STAGES)]
    return (
        f"---\ntitle: {company}完成{amount}万元{stage}轮融资\n"
        f"date_published: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n---\n\n"
        f"{company}今日宣布完成{amount}万元{stage}轮融资，由{lead}领投，{follow}跟投。"
        f"本轮资金将用于产品研发和市场拓展。{company}成立于2019年，团队约{20 + i % 50}人。\n"
    )


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A folder holding ARTICLES."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def make_corpus() -> Callable[[Path, int], Path]:
    """Write n generated articles into a folder and return it."""

    def make(folder: Path, n: int) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            (folder / f"a{i:04d}.md").write_text(generated_article(i), encoding="utf-8")
        return folder

    return make


# --------------------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the example corpus (read-only for the tests that share it)."""
    from dealscope import api
    from dealscope.store.db import Store

    path = tmp_path_factory.mktemp("examples") / "examples.db"
    with Store.open(path) as store:
        report = api.ingest([EXAMPLE_ARTICLES], store)
    assert report.added > 0 and not report.failures
    return path


@pytest.fixture(scope="session")
def articles_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding ARTICLES (read-only for the tests that share it)."""
    from dealscope import api
    from dealscope.store.db import Store

    folder = tmp_path_factory.mktemp("own") / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder.parent / "own.db"
    with Store.open(path) as store:
        report = api.ingest([folder], store)
    assert report.added == len(ARTICLES) and not report.failures
    return path


def _pg_reachable() -> str | None:
    """None when PG_URL answers, else why not."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'dealscope[postgres]')"
    engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 2})
    try:
        with engine.connect():
            return None
    except sa.exc.SQLAlchemyError as exc:
        return f"PostgreSQL is not reachable at {PG_URL}: {str(getattr(exc, 'orig', exc)).splitlines()[0]}"
    finally:
        engine.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections work in a fresh schema of the test server, dropped afterwards."""
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    schema = f"dealscope_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.engine.make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


# --------------------------------------------------------------------------- the command line


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


Cli = Callable[..., CliResult]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `dealscope ARGS` in this process through the console entry point; returns code and output."""
    from dealscope.cli.main import run

    def invoke(*args: str | Path) -> CliResult:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            run([str(a) for a in args])
        captured = capsys.readouterr()
        code = exit_info.value.code
        return CliResult(
            code if isinstance(code, int) else (0 if code is None else 1), captured.out, captured.err
        )

    return invoke
