"""Multi-article corpora through the real reader, extractor, store and merge: rounds across articles."""

from __future__ import annotations

from dealscope import api
from dealscope.analyse.company import company_view
from dealscope.analyse.conflicts import conflicts
from dealscope.analyse.investor import investor_view
from dealscope.store.db import Store

from .conftest import by_company


def test_same_round_in_three_articles(corpus_store: Store) -> None:
    (rnd,) = by_company(api.list_rounds(corpus_store), "KiloWave")
    assert rnd["round"] == "series_b" and rnd["status"] == "completed"
    assert sorted(s["title"] for s in rnd["sources"]) == sorted(
        [
            "KiloWave完成1.5亿美元B轮融资，启明创投领投",
            "KiloWave raises $150 million Series B led by Qiming",
            "储能赛道再获大额融资",
        ]
    )
    assert rnd["amount"]["usd"] == 150e6 and rnd["amount"]["qualifier"] == "exact"
    assert rnd["announced_on"] == "2025-03-10"
    # Chinese and English names of each investor are one investor each.
    assert [(i["key"], i["lead"]) for i in rnd["investors"]] == [
        ("g:qiming", True),
        ("g:hillhouse", False),
        ("g:lenovo_capital", False),
    ]
    assert rnd["conflicts"] == []  # "约10亿元人民币" is about $138M: within its hedge of $150M


def test_rumor_then_completed_is_one_round_with_its_history(corpus_store: Store) -> None:
    (rnd,) = by_company(api.list_rounds(corpus_store), "Nexa Robotics")
    assert rnd["status"] == "completed"
    assert rnd["round"] == "series_c"
    assert [(h["status"], h["date"]) for h in rnd["history"]] == [
        ("rumored", "2024-09-05"),
        ("in_talks", "2024-09-20"),
        ("completed", "2024-10-15"),
    ]
    assert rnd["announced_on"] == "2024-10-15"
    assert (rnd["amount"]["usd"], rnd["valuation"]["usd"]) == (320e6, 2.1e9)
    assert rnd["lead_investors"] == ["Lightspeed Venture Partners"]


def test_talks_in_2023_and_the_close_in_2024_are_two_rounds(corpus_store: Store) -> None:
    talks, close = by_company(api.list_rounds(corpus_store), "OpenAI")
    assert (talks["status"], talks["announced_on"], talks["valuation"]["qualifier"]) == (
        "in_talks",
        "2023-12-22",
        "at_least",
    )
    assert (close["status"], close["announced_on"]) == ("completed", "2024-10-02")
    assert close["amount"]["usd"] == 6.6e9  # the exact figure, not "约65亿美元"
    assert close["valuation"]["usd"] == 157e9 and close["valuation_basis"] == "post"
    assert len(close["sources"]) == 3


def test_strategic_investment_and_series_e_in_one_month_are_two_rounds(corpus_store: Store) -> None:
    strategic, series_e = by_company(api.list_rounds(corpus_store), "Corvane AI")
    assert (strategic["round"], strategic["amount"]["usd"], len(strategic["sources"])) == (
        "strategic",
        2e9,
        1,
    )
    assert (series_e["round"], series_e["amount"]["usd"], len(series_e["sources"])) == ("series_e", 20e9, 2)


def test_a_and_a_plus_months_apart_are_two_rounds(corpus_store: Store) -> None:
    a, a_plus = by_company(api.list_rounds(corpus_store), "派乐机器人")
    assert (a["round_raw"], a_plus["round_raw"]) == ("A轮", "A+轮")


def test_conflicting_amounts_are_kept_and_listed(corpus_store: Store) -> None:
    (rnd,) = by_company(api.list_rounds(corpus_store), "Harbor Atlas")
    assert rnd["amount"]["usd"] == 150e6
    rows = conflicts(corpus_store)
    assert [(c["company"], c["field"], c["chosen"]["usd"], c["value"]["usd"], c["title"]) for c in rows] == [
        ("Harbor Atlas", "amount", 150e6, 120e6, "Harbor Atlas raises $120 million Series B")
    ]
    assert conflicts(corpus_store, "Harbor Atlas") == rows
    assert conflicts(corpus_store, "KiloWave") == []


def test_valuation_timeline_lists_each_point_once_in_order(corpus_store: Store) -> None:
    view = company_view(corpus_store, "openai")
    points = [(p["date"], p["usd"], p["status"], len(p["sources"])) for p in view.valuations]
    assert points == [("2023-12-22", 100e9, "in_talks", 1), ("2024-10-02", 157e9, "completed", 2)]
    assert [r["announced_on"] for r in view.to_json()["rounds"]] == ["2023-12-22", "2024-10-02"]
    assert view.total_raised_usd == 6.6e9  # completed rounds only


def test_investor_portfolio_gathers_chinese_and_english_names(corpus_store: Store) -> None:
    # 高瓴资本 in the Chinese newsflash, Hillhouse Capital in the English one: one investor, one round.
    for name in ("高瓴资本", "Hillhouse", "hillhouse capital"):
        view = investor_view(corpus_store, name)
        assert view.key == "g:hillhouse"
        assert [(r["company"], r["role"]) for r in view.rounds] == [("KiloWave", "participant")]
    # 红杉中国 leads 派乐机器人's A+ (Chinese) and, as HongShan, Lanchuan Compute's A (English).
    hongshan = investor_view(corpus_store, "Sequoia China")
    assert sorted((r["company"], r["role"]) for r in hongshan.rounds) == [
        ("Lanchuan Compute", "lead"),
        ("岚川智算", "lead"),
        ("派乐机器人", "lead"),
    ]
    assert hongshan.leads == 3 and hongshan.follow_ons == 0
    ranked = [(c["name"], c["rounds"]) for c in hongshan.co_investors]
    assert ranked[0] == ("Northern Light Venture Capital", 2)  # with HongShan in both Lanchuan articles
    assert ("5Y Capital", 1) in ranked
