"""The CLI starts without the libraries its command does not use (a structural check, not a timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dealscope.analyse.stats import Grouping, Period
from dealscope.cli.reports import GroupChoice, PeriodChoice, _query

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "articles" / "wechat_qingyue_robotics.md"

# Each of these costs tens to hundreds of milliseconds to import; only some commands need them.
HEAVY = ("sqlalchemy", "alembic", "matplotlib", "jinja2", "trafilatura")

_REPORT_MODULES = """
import json, sys
heavy = set(sys.argv[1].split(","))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m.startswith("dealscope."))),
      file=sys.stderr)
"""


def _loaded_after(code: str) -> tuple[list[str], str]:
    """Run `code` in a fresh interpreter; the modules it left loaded (ours and HEAVY ones), and stdout."""
    done = subprocess.run(
        [sys.executable, "-c", code + _REPORT_MODULES, ",".join(HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


def test_importing_the_cli_loads_no_database_chart_template_or_html_library() -> None:
    loaded, _ = _loaded_after("import dealscope.cli.main")
    assert [m for m in loaded if m.split(".")[0] in HEAVY] == []
    # Nor the pipeline or the store of our own: `--help` needs neither.
    assert "dealscope.cli.main" in loaded
    assert [
        m for m in loaded if m.startswith(("dealscope.api", "dealscope.store", "dealscope.analyse"))
    ] == []


def test_extract_reads_an_article_without_loading_storage_or_presentation() -> None:
    code = (
        "from dealscope.cli.main import run\n"
        "try:\n"
        f"    run(['extract', {str(EXAMPLE)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
    )
    loaded, stdout = _loaded_after(code)
    records = [json.loads(line) for line in stdout.splitlines()]
    assert any(r["company"] for r in records)  # the command did its work
    assert "dealscope.extract.rules" in loaded
    assert [m for m in loaded if m.split(".")[0] in HEAVY] == []
    assert [m for m in loaded if m.startswith(("dealscope.store", "dealscope.analyse"))] == []


def test_the_cli_choices_mirror_the_statistics_enums() -> None:
    # The CLI copies these so that it can start without dealscope.analyse.stats (which loads SQLAlchemy).
    assert [(c.name, c.value) for c in PeriodChoice] == [(p.name, p.value) for p in Period]
    assert [(c.name, c.value) for c in GroupChoice] == [(g.name, g.value) for g in Grouping]


def test_a_query_from_the_cli_carries_the_statistics_enums_themselves() -> None:
    q = _query(PeriodChoice.QUARTER, GroupChoice.SECTOR, "2024", None, ["all"])
    assert q.by is Period.QUARTER
    assert q.group is Grouping.SECTOR
    assert q.statuses is None
    assert _query(PeriodChoice.YEAR, None, None, None, None).group is None
