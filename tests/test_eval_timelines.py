"""`dealscope eval --timelines`: the knowledge layer across articles scored against timelines.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dealscope.errors import UsageError
from dealscope.evaluate.report import Score
from dealscope.evaluate.timelines import (
    evaluate_timelines,
    load_timelines,
    score_portfolio,
    score_rounds,
    score_valuations,
)

Cli = Any  # the `cli` fixture of tests/conftest.py: cli(*args) -> CliResult(code, out, err)


def _point(date: str | None, usd: float, status: str = "completed") -> dict[str, object]:
    return {"date": date, "usd": usd, "status": status}


def _gold(date: str | None, value: float, status: str = "completed", **kw: object) -> dict[str, object]:
    return {"date": date, "value": value, "currency": "USD", "status": status, **kw}


def test_each_distinct_point_once_in_order_with_its_status() -> None:
    notes: list[str] = []
    tally = score_valuations(
        [_point("2023-12-22", 100e9, "in_talks"), _point("2024-10-02", 157e9)],
        [_gold("2023-12", 100e9, "in_talks"), _gold("2024-10", 157e9)],
        notes,
    )
    assert (tally.score, tally.agree, tally.duplicates, tally.in_order) == (Score(2, 0, 0), 2, 0, True)
    assert notes == []


def test_a_point_listed_twice_is_a_duplicate_and_a_false_positive() -> None:
    notes: list[str] = []
    tally = score_valuations(
        [_point("2024-10-02", 157e9), _point(None, 157e9), _point("2025-03", 300e9, "rumored")],
        [_gold("2024-10", 157e9), _gold("2025-03-31", 300e9)],
        notes,
    )
    assert tally.score == Score(2, 1, 0)
    assert tally.duplicates == 1
    assert tally.agree == 1  # the 2025 point is rumoured, the gold says completed
    assert any("status rumored, gold completed" in n for n in notes)


def test_points_out_of_order_and_values_too_far_apart() -> None:
    tally = score_valuations(
        [_point("2025-03", 300e9), _point("2024-10", 157e9)],
        [_gold("2024-10", 157e9), _gold("2025-03", 300e9)],
        [],
    )
    assert tally.in_order  # matched predictions sorted by the gold order are dated in order
    far = score_valuations([_point("2024-10", 140e9)], [_gold("2024-10", 157e9)], [])
    assert far.score == Score(0, 1, 1)  # 11 % apart: not the same valuation
    late = score_valuations([_point("2025-02", 157e9)], [_gold("2024-10", 157e9)], [])
    assert late.score == Score(0, 1, 1)  # months apart: not the same point


def test_a_gold_conflict_value_is_accepted() -> None:
    tally = score_valuations([_point("2025-07", 3.5e9)], [_gold("2025-07", 4e9, conflict_values=[3.5e9])], [])
    assert tally.score == Score(1, 0, 0)


def test_rounds_match_on_date_stage_and_figures() -> None:
    predicted = [
        {"announced_on": "2024-10-02", "round": "unknown", "status": "completed", "amount": {"usd": 6.6e9}},
        {"announced_on": "2024-10-03", "round": "debt", "status": "completed", "amount": {"usd": 4e9}},
        {"announced_on": "2024-10", "round": "unknown", "status": "completed", "amount": None},
    ]
    gold = [
        {
            "date": "2024-10-02",
            "round": "unknown",
            "status": "completed",
            "amount": {"value": 6.6e9, "currency": "USD"},
        },
        {
            "date": "2024-10",
            "round": "debt",
            "status": "completed",
            "amount": {"value": 4e9, "currency": "USD"},
        },
    ]
    tally = score_rounds(predicted, gold, [])
    # The figureless, stageless third record ties to nothing: an extra round.
    assert tally.score == Score(2, 1, 0)


def test_portfolio_entries_match_by_organisation_and_date() -> None:
    rounds = [
        {"company": "OpenAI", "company_key": "g:openai", "announced_on": "2024-10-02", "role": "participant"},
        {"company": "OpenAI", "company_key": "g:openai", "announced_on": "2025-03-31", "role": "participant"},
    ]
    gold = [
        {"company": "OpenAI", "round_date": "2024-10-02", "role": "participant"},
        {"company": "OpenAI", "round_date": "2025-03-31", "role": "lead"},
        {"company": "xAI", "round_date": "2024-12", "role": "participant"},
    ]
    tally = score_portfolio(rounds, gold, {"OpenAI": "g:openai", "xAI": "g:xai"}, [])
    assert (tally.score, tally.agree) == (Score(2, 0, 1), 1)


def _write(folder: Path, name: str, text: str) -> None:
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "articles" / name).write_text(text, encoding="utf-8")


def test_a_small_corpus_end_to_end(tmp_path: Path, cli: Cli) -> None:
    # Three articles of our own: talks, the close in Chinese, the close in English, one investor in two scripts.
    _write(
        tmp_path,
        "talks.txt",
        "Corvane AI in talks to raise at $12 billion valuation\n2025-05-02\n\n"
        "Corvane AI is in talks to raise $1 billion at a $12 billion valuation, people familiar with the "
        "matter said.\n",
    )
    _write(
        tmp_path,
        "close_zh.txt",
        "Corvane AI完成10亿美元融资\n2025年6月3日 09:00\n\n"
        "Corvane AI今日宣布完成10亿美元融资，投后估值120亿美元，由红杉中国领投。\n",
    )
    _write(
        tmp_path,
        "close_en.txt",
        "Corvane AI raises $1 billion\nJune 3, 2025\n\n"
        "Corvane AI said on Tuesday it has raised $1 billion at a $12 billion post-money valuation in a round "
        "led by HongShan.\n",
    )
    gold = {
        "format": "dealscope-timelines/1",
        "companies": [
            {
                "name": "Corvane AI",
                "rounds": [
                    {
                        "date": "2025-06-03",
                        "round": "unknown",
                        "status": "completed",
                        "amount": {"value": 1e9, "currency": "USD"},
                        "valuation": {"value": 12e9, "currency": "USD", "basis": "post"},
                    }
                ],
                "valuations": [_gold("2025-06-03", 12e9, basis="post")],
            }
        ],
        "investors": [
            {
                "name": "HongShan",
                "names_seen": ["红杉中国", "HongShan"],
                "portfolio": [{"company": "Corvane AI", "round_date": "2025-06-03", "role": "lead"}],
            }
        ],
    }
    (tmp_path / "timelines.json").write_text(json.dumps(gold), encoding="utf-8")
    report = evaluate_timelines(tmp_path)
    assert report.documents == 3
    assert report.valuations.score == Score(1, 0, 0) and report.valuations.agree == 1
    assert report.rounds.score == Score(1, 0, 0)
    assert report.portfolios.score == Score(1, 0, 0) and report.portfolios.agree == 1
    assert report.names_gathered == (1, 1)
    assert report.timelines_exact == (1, 1)
    result = cli("eval", "--timelines", tmp_path)
    assert result.code == 0
    assert "valuation points" in result.out and "timelines exactly right 1/1" in result.out


def test_a_bad_gold_file_names_its_place(tmp_path: Path) -> None:
    (tmp_path / "timelines.json").write_text(
        json.dumps(
            {"format": "dealscope-timelines/1", "companies": [{"name": "X", "valuations": [{"value": 1}]}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(UsageError, match=r"companies\[0\]\.valuations\[0\]: unknown status"):
        load_timelines(tmp_path)
    with pytest.raises(UsageError, match="no such file"):
        load_timelines(tmp_path / "absent")


def test_the_cli_reports_a_missing_gold_file_in_one_line(tmp_path: Path, cli: Cli) -> None:
    result = cli("eval", "--timelines", tmp_path)
    assert result.code == 2
    assert len(result.err_lines) == 1 and "timelines.json: no such file" in result.err
