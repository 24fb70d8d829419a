"""The evaluator: matching rounds, per-field scoring, gold-file checking and DuEE event scoring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dealscope.errors import UsageError
from dealscope.evaluate import (
    FIELDS,
    EvalReport,
    ExpectedDocument,
    Score,
    evaluate_folder,
    load_duee_gold,
    load_expected,
    money_agrees,
    names_match,
    score_documents,
    score_duee,
)
from dealscope.evaluate.matching import best_matching
from dealscope.evaluate.rounds import document_key

ROOT = Path(__file__).resolve().parents[1]


def money(
    value: float | None, currency: str | None = "CNY", qualifier: str = "exact", **bounds: float
) -> dict[str, Any]:
    return {"value": value, "currency": currency, "qualifier": qualifier, **bounds}


def gold_round(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "company": "擎岳机器人",
        "round": "series_b",
        "round_raw": "B轮",
        "status": "completed",
        "announced_on": "2025-04-15",
        "amount": money(700_000_000),
        "valuation": None,
        "valuation_basis": None,
        "lead_investors": ["青岚资本"],
        "investors": [{"name": "青岚资本", "lead": True}, {"name": "远川创投", "lead": False}],
        "background": False,
    }
    base.update(over)
    return base


def pred_round(**over: Any) -> dict[str, Any]:
    """A predicted record shaped like `merge.consolidate` output (export keys plus extras)."""
    base: dict[str, Any] = {
        "id": "r1",
        "company": "擎岳机器人",
        "round": "series_b",
        "round_raw": "B轮",
        "status": "completed",
        "announced_on": "2025-04-15",
        "amount": {**money(700_000_000), "raw": "7亿元", "low": None, "high": None, "usd": 9.6e7},
        "valuation": None,
        "valuation_basis": "unspecified",
        "lead_investors": ["青岚资本"],
        "investors": [
            {"name": "青岚资本", "lead": True, "amount": None},
            {"name": "远川创投", "lead": False, "amount": None},
        ],
        "sources": [],
        "aliases": [],
        "background": False,
    }
    base.update(over)
    return base


def score(preds: list[dict[str, Any]], golds: list[dict[str, Any]], file: str = "a.md") -> EvalReport:
    return score_documents({file: preds}, [ExpectedDocument(file, None, tuple(golds))])


# --------------------------------------------------------------------------- Score


def test_score_ratios_and_empty_convention() -> None:
    assert (Score().precision, Score().recall, Score().f1) == (1.0, 1.0, 1.0)
    missed = Score(fn=2)
    assert (missed.precision, missed.recall, missed.f1) == (0.0, 0.0, 0.0)
    assert Score(fp=1).recall == 0.0
    s = Score(tp=3, fp=1, fn=2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score(1, 2, 3) + Score(10, 20, 30) == Score(11, 22, 33)


# --------------------------------------------------------------------------- matching rounds


def test_perfect_match_scores_every_stated_field_tp() -> None:
    r = score([pred_round()], [gold_round()])
    assert r.rounds == Score(tp=1)
    assert r.mismatches == ()
    assert r.fields["company"] == r.fields["status"] == r.fields["amount"] == Score(tp=1)
    assert r.fields["investors"] == Score(tp=2)
    assert r.fields["valuation"] == r.fields["valuation_basis"] == Score()  # neither side states one
    assert r.fields["background"] == Score()  # false on both sides is "no value"
    assert set(r.fields) == set(FIELDS)
    assert r.rounds_found == 1.0 and r.not_a_round_rate == 0.0
    assert all(r.field_accuracy(f) == 1.0 for f in FIELDS)


def test_missing_round_counts_fn_for_the_round_and_each_stated_field() -> None:
    r = score([], [gold_round()])
    assert r.rounds == Score(fn=1)
    assert r.fields["amount"] == Score(fn=1)
    assert r.fields["investors"] == Score(fn=2)
    assert r.fields["lead_investors"] == Score(fn=1)
    assert r.fields["valuation"] == Score()
    assert r.rounds_found == 0.0
    (mm,) = r.mismatches
    assert (mm.field, mm.company, mm.predicted) == ("rounds", "擎岳机器人", None)
    assert "series_b" in mm.expected


def test_extra_round_is_a_false_positive_everywhere_it_states_something() -> None:
    extra = pred_round(
        company="华辰药业", round="unknown", investors=[], lead_investors=[], announced_on=None
    )
    r = score([pred_round(), extra], [gold_round()])
    assert r.rounds == Score(tp=1, fp=1)
    assert r.not_a_round_rate == 0.5
    assert r.fields["amount"] == Score(tp=1, fp=1)
    assert r.fields["round"] == Score(tp=1)  # unknown stage states nothing
    assert r.fields["announced_on"] == Score(tp=1)
    assert [(m.field, m.company, m.expected) for m in r.mismatches] == [("rounds", "华辰药业", None)]


def test_gold_alias_matches_and_counts_as_the_right_company() -> None:
    gold = gold_round(company="轨道智算", aliases=["Orbit Compute"])
    r = score([pred_round(company="ORBIT  compute")], [gold])
    assert r.rounds == Score(tp=1)
    assert r.fields["company"] == Score(tp=1)


def test_predicted_aliases_are_used_for_matching_but_not_for_the_company_field() -> None:
    r = score([pred_round(company="Qingyue Robotics", aliases=["擎岳机器人"])], [gold_round()])
    assert r.rounds == Score(tp=1)
    assert r.fields["company"] == Score(fp=1, fn=1)


def test_containment_matches_but_a_descriptor_on_the_name_is_a_company_error() -> None:
    r = score([pred_round(company="具身智能公司擎岳机器人")], [gold_round()])
    assert r.rounds == Score(tp=1)
    assert r.fields["company"] == Score(fp=1, fn=1)
    assert r.fields["amount"] == Score(tp=1)
    (mm,) = r.mismatches
    assert (mm.field, mm.expected, mm.predicted) == ("company", "擎岳机器人", "具身智能公司擎岳机器人")


def test_name_normalisation_and_minimum_containment() -> None:
    assert names_match("“卡方科技”", "卡方科技")
    assert names_match("Ｍｉｓｔｒａｌ　AI", "mistral-ai")
    assert names_match("卡方", "卡方科技有限公司")
    assert not names_match("卡", "卡方科技")  # one character never matches by containment
    assert not names_match("", "")


def test_incompatible_stages_do_not_match_but_unknown_does() -> None:
    r = score([pred_round(round="series_a")], [gold_round()])
    assert r.rounds == Score(fp=1, fn=1)
    assert r.fields["company"] == Score(fp=1, fn=1)
    r = score([pred_round(round="unknown")], [gold_round()])
    assert r.rounds == Score(tp=1)
    assert r.fields["round"] == Score(fn=1)


def test_matching_pairs_rounds_of_one_company_by_agreement() -> None:
    current = gold_round(round="unknown", amount=money(6.6e9, "USD"), announced_on="2024-10-02")
    earlier = gold_round(round="unknown", amount=money(1e10, "USD"), announced_on="2023-01", background=True)
    preds = [
        pred_round(round="unknown", amount=money(1e10, "USD"), announced_on="2023-01", background=True),
        pred_round(round="unknown", amount=money(6.6e9, "USD"), announced_on="2024-10-02"),
    ]
    r = score(preds, [current, earlier])
    assert r.rounds == Score(tp=2)
    assert r.fields["amount"] == Score(tp=2)
    assert r.fields["announced_on"] == Score(tp=2)
    assert r.fields["background"] == Score(tp=1)


def test_best_matching_is_optimal_where_greedy_is_not() -> None:
    weights = {(0, 0): 3, (0, 1): 2, (1, 0): 2}
    assert best_matching(2, 2, lambda i, j: weights.get((i, j))) == [(0, 1), (1, 0)]
    assert best_matching(3, 0, lambda i, j: 1) == []


def test_predictions_for_unannotated_files_are_ignored_and_unpredicted_files_missed() -> None:
    expected = [ExpectedDocument("a.md", None, (gold_round(),)), ExpectedDocument("b.md", None, ())]
    r = score_documents({"b.md": [], "other.md": [pred_round()]}, expected)
    assert r.documents == 2
    assert r.rounds == Score(fn=1)


# --------------------------------------------------------------------------- money


def test_money_qualifier_must_agree() -> None:
    r = score([pred_round(amount=money(700_000_000, qualifier="approximate"))], [gold_round()])
    assert r.fields["amount"] == Score(fp=1, fn=1)
    (mm,) = r.mismatches
    assert (
        mm.field == "amount"
        and mm.expected["qualifier"] == "exact"
        and mm.predicted["qualifier"] == "approximate"
    )


def test_money_values_agree_within_one_percent() -> None:
    assert money_agrees(money(706_000_000), money(700_000_000))
    assert not money_agrees(money(710_000_000), money(700_000_000))
    under = money(1e8, qualifier="under", high=1e8)
    assert money_agrees(money(1e8, qualifier="under", high=1.005e8, low=None), under)
    assert not money_agrees(money(1e8, qualifier="under", high=1.2e8), under)
    vague = money(None, qualifier="range", low=2e7, high=9e7)
    assert money_agrees(money(None, qualifier="range", low=2e7, high=9e7), vague)
    assert not money_agrees(
        money(5.5e7, qualifier="range", low=2e7, high=9e7), vague
    )  # null only matches null


def test_money_currency_rules() -> None:
    assert not money_agrees(money(5e7, "USD"), money(5e7, "CNY"))
    assert money_agrees(money(5e7, "CNY"), money(5e7, None))  # gold names no currency: any is fine
    assert not money_agrees(money(5e7, None), money(5e7, "CNY"))


def test_undisclosed_amount_is_no_value() -> None:
    undisclosed = money(None, None, "undisclosed")
    r = score([pred_round(amount=undisclosed)], [gold_round(amount=None)])
    assert r.fields["amount"] == Score()
    r = score([pred_round(amount=None)], [gold_round(amount=undisclosed)])
    assert r.fields["amount"] == Score()


def test_predicted_amount_where_gold_has_none_is_fp() -> None:
    r = score([pred_round()], [gold_round(amount=None)])
    assert r.fields["amount"] == Score(fp=1)
    r = score([pred_round(amount=None)], [gold_round()])
    assert r.fields["amount"] == Score(fn=1)


# --------------------------------------------------------------------------- other fields


def test_investor_sets_score_per_name_with_containment() -> None:
    gold = gold_round(
        lead_investors=["红杉中国"],
        investors=[
            {"name": "红杉中国", "lead": True},
            {"name": "高瓴", "lead": False},
            {"name": "周明远", "lead": False},
        ],
    )
    pred = pred_round(
        lead_investors=["红杉中国", "高瓴资本"],
        investors=[
            {"name": "红杉中国", "lead": True, "amount": None},
            {"name": "高瓴资本", "lead": True, "amount": None},
            {"name": "华兴资本", "lead": False, "amount": None},
        ],
    )
    r = score([pred], [gold])
    assert r.fields["investors"] == Score(tp=2, fp=1, fn=1)
    assert r.fields["lead_investors"] == Score(tp=1, fp=1)
    by_field = {m.field: m for m in r.mismatches}
    assert (by_field["investors"].expected, by_field["investors"].predicted) == (["周明远"], ["华兴资本"])
    assert (by_field["lead_investors"].expected, by_field["lead_investors"].predicted) == ([], ["高瓴资本"])
    assert r.field_accuracy("investors") == 0.0


def test_investor_amounts() -> None:
    share = money(150_000_000, qualifier="approximate")
    gold = gold_round(
        investors=[{"name": "青岚资本", "lead": True}, {"name": "远川创投", "lead": False, "amount": share}]
    )
    right = pred_round(
        investors=[
            {"name": "青岚资本", "lead": True, "amount": None},
            {"name": "远川创投", "lead": False, "amount": share},
        ]
    )
    assert score([right], [gold]).fields["investor_amounts"] == Score(tp=1)
    wrong = pred_round(
        investors=[
            {"name": "青岚资本", "lead": True, "amount": money(1.5e8)},
            {"name": "远川创投", "lead": False, "amount": money(3e8, qualifier="approximate")},
        ]
    )
    assert score([wrong], [gold]).fields["investor_amounts"] == Score(fp=2, fn=1)
    assert score([pred_round()], [gold]).fields["investor_amounts"] == Score(fn=1)


def test_valuation_basis_null_equals_unspecified() -> None:
    assert (
        score([pred_round(valuation_basis="unspecified")], [gold_round(valuation_basis=None)]).fields[
            "valuation_basis"
        ]
        == Score()
    )
    assert (
        score([pred_round(valuation_basis=None)], [gold_round(valuation_basis="unspecified")]).fields[
            "valuation_basis"
        ]
        == Score()
    )
    assert score([pred_round(valuation_basis="pre")], [gold_round(valuation_basis="post")]).fields[
        "valuation_basis"
    ] == Score(fp=1, fn=1)
    assert score([pred_round(valuation_basis="unspecified")], [gold_round(valuation_basis="post")]).fields[
        "valuation_basis"
    ] == Score(fn=1)


def test_announced_on_compares_with_its_precision() -> None:
    gold = gold_round(announced_on="2024-09")
    r = score([pred_round(announced_on="2024-09-01")], [gold])
    assert r.fields["announced_on"] == Score(fp=1, fn=1)
    assert r.field_accuracy("announced_on") == 0.0
    assert score([pred_round(announced_on="2024-09")], [gold]).fields["announced_on"] == Score(tp=1)
    assert score([pred_round(announced_on=None)], [gold]).fields["announced_on"] == Score(fn=1)
    assert score([pred_round()], [gold_round(announced_on=None)]).fields["announced_on"] == Score(fp=1)


def test_background_scored_only_when_the_prediction_has_the_key() -> None:
    gold = gold_round(background=True)
    assert score([pred_round(background=True)], [gold]).fields["background"] == Score(tp=1)
    assert score([pred_round(background=False)], [gold]).fields["background"] == Score(fn=1)
    exported = pred_round()
    del exported["background"], exported["aliases"]
    r = score([exported], [gold])
    assert r.rounds == Score(tp=1)
    assert r.fields["background"] == Score()
    assert r.agreement["background"] == (0, 0)


def test_status_disagreement_and_field_accuracy() -> None:
    r = score(
        [pred_round(status="in_talks"), pred_round(round="series_a")],
        [gold_round(), gold_round(round="series_a")],
    )
    assert r.fields["status"] == Score(tp=1, fp=1, fn=1)
    assert r.field_accuracy("status") == 0.5
    with pytest.raises(KeyError):
        r.field_accuracy("colour")


# --------------------------------------------------------------------------- expected.json


def write_expected(folder: Path, content: Any) -> Path:
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    (folder / "expected.json").write_text(text, encoding="utf-8")
    return folder


def test_load_expected_reads_documents_and_normalises_keys(tmp_path: Path) -> None:
    data = {
        "format": "dealscope-expected/1",
        "documents": [
            {"file": "./sub\\x.md", "published": None, "rounds": [gold_round()], "not_rounds": ["ARR"]}
        ],
    }
    (doc,) = load_expected(write_expected(tmp_path, data))
    assert doc.file == "sub/x.md"
    assert doc.rounds[0]["company"] == "擎岳机器人"
    assert doc.not_rounds == ("ARR",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "dealscope-expected/1", "documents": [', "not valid JSON"),
        ({"format": "other/2", "documents": []}, "format: must be 'dealscope-expected/1'"),
        ({"format": "dealscope-expected/1", "documents": {}}, "documents: must be a list"),
        (
            {"format": "dealscope-expected/1", "documents": [{"file": "a.md", "rounds": [{"company": "X"}]}]},
            "documents[0].rounds[0]: missing required key(s): round, status",
        ),
        (
            {
                "format": "dealscope-expected/1",
                "documents": [{"file": "a.md", "rounds": [gold_round(round="B")]}],
            },
            "documents[0].rounds[0].round: 'B' is not one of",
        ),
        (
            {
                "format": "dealscope-expected/1",
                "documents": [{"file": "a.md", "rounds": [gold_round(amount=money(1, qualifier="circa"))]}],
            },
            "documents[0].rounds[0].amount.qualifier: 'circa'",
        ),
        (
            {
                "format": "dealscope-expected/1",
                "documents": [{"file": "a.md", "rounds": [gold_round(announced_on="9/2024")]}],
            },
            "announced_on: must be YYYY-MM-DD",
        ),
        (
            {
                "format": "dealscope-expected/1",
                "documents": [{"file": "a.md", "rounds": []}, {"file": "a.md", "rounds": []}],
            },
            "documents[1].file: 'a.md' appears twice",
        ),
    ],
)
def test_malformed_expected_json_names_the_problem(tmp_path: Path, content: Any, message: str) -> None:
    write_expected(tmp_path, content)
    with pytest.raises(UsageError) as info:
        load_expected(tmp_path)
    assert message in str(info.value)
    assert str(tmp_path / "expected.json") in str(info.value)


def test_missing_expected_json(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"needs an expected\.json"):
        load_expected(tmp_path)


def test_examples_expected_json_loads() -> None:
    docs = load_expected(ROOT / "examples")
    assert len(docs) == 20
    assert "newsflashes_2024-07.jsonl#nf-001" in {d.file for d in docs}


def test_evaluate_folder_rejects_gold_for_files_that_do_not_exist(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text("# t\n\nbody", encoding="utf-8")
    data = {
        "format": "dealscope-expected/1",
        "documents": [{"file": "a.md", "rounds": []}, {"file": "b.jsonl#7", "rounds": []}],
    }
    with pytest.raises(UsageError, match=r"names files not found under .*articles: b\.jsonl"):
        evaluate_folder(write_expected(tmp_path, data))


def test_document_keys_are_relative_to_the_articles_dir() -> None:
    assert document_key("/c/articles/x/y.md", "markdown", "/c/articles") == "x/y.md"
    assert document_key("/c/articles/n.jsonl#nf-001", "jsonl", "/c/articles") == "n.jsonl#nf-001"


# --------------------------------------------------------------------------- DuEE


def event(*pairs: tuple[str, str], kind: str = "企业融资") -> dict[str, Any]:
    return {"event_type": kind, "arguments": [{"role": r, "argument": a} for r, a in pairs]}


GOLD_EVENT = event(
    ("被投资方", "花间集"),
    ("融资轮次", "A"),
    ("融资金额", "6000万元"),
    ("领投方", "凡岳资本"),
    ("投资方", "凡岳资本"),
    ("投资方", "木棉创投"),
    ("事件时间", "9月18日"),
)


def test_duee_roles_arguments_and_events() -> None:
    gold = {
        "d1": {"title": "", "text": "", "event_list": [GOLD_EVENT]},
        "d2": {"title": "", "text": "", "event_list": []},
    }
    pred_event = event(
        ("被投资方", "花间集"),
        ("融资轮次", "A"),
        ("融资金额", "6000万元"),
        ("领投方", "凡岳资本"),
        ("投资方", "凡岳资本"),
        ("投资方", "拾光资本"),
        ("事件时间", "9月18日"),
    )
    spurious = event(("被投资方", "星海软件"), ("融资金额", "1亿元"))
    r = score_duee({"d1": [pred_event], "d2": [spurious]}, gold, dialect="duee-fin")
    assert r.documents == 2
    assert r.roles["投资方"] == Score(tp=1, fp=1, fn=1)
    assert r.roles["被投资方"] == Score(tp=1, fp=1)
    assert r.roles["融资金额"] == Score(tp=1, fp=1)
    assert r.roles["披露时间"] == Score()
    assert r.arguments == Score(tp=6, fp=3, fn=1)
    assert r.events == Score(fp=2, fn=1)  # one extra argument is enough to miss the event
    fields = [(m.file, m.field, m.expected, m.predicted) for m in r.mismatches]
    assert ("d1", "投资方", ["木棉创投"], ["拾光资本"]) in fields
    assert ("d2", "event", None, {"被投资方": ["星海软件"], "融资金额": ["1亿元"]}) in fields
    exact = score_duee({"d1": [GOLD_EVENT]}, gold, dialect="duee-fin")
    assert exact.events == Score(tp=1)
    assert exact.arguments == Score(tp=7)


def test_duee_events_match_one_to_one_by_shared_pairs() -> None:
    second = event(("被投资方", "花间集"), ("融资轮次", "天使"), ("投资方", "木棉创投"))
    gold = {"d": {"title": "", "text": "", "event_list": [GOLD_EVENT, second]}}
    r = score_duee({"d": [second, GOLD_EVENT]}, gold, dialect="duee-fin")
    assert r.events == Score(tp=2)
    assert r.mismatches == ()


def write_jsonl(path: Path, items: list[Any]) -> Path:
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    return path


def test_load_duee_gold_maps_duee1_roles_and_drops_other_events(tmp_path: Path) -> None:
    item = {
        "id": 17,
        "text": "澜屿生物获得由晨岭资本领投、远川创投跟投的数千万元A轮融资",
        "event_list": [
            {
                "event_type": "财经/交易-融资",
                "trigger": "融资",
                "trigger_start_index": 27,
                "class": "财经/交易",
                "arguments": [
                    {"argument_start_index": 0, "role": "融资方", "argument": "澜屿生物", "alias": []},
                    {"argument_start_index": 7, "role": "领投方", "argument": "晨岭资本", "alias": []},
                    {"argument_start_index": 14, "role": "跟投方", "argument": "远川创投", "alias": []},
                    {"argument_start_index": 21, "role": "融资金额", "argument": "数千万元", "alias": []},
                    {"argument_start_index": 25, "role": "融资轮次", "argument": "A轮", "alias": []},
                ],
            },
            {"event_type": "组织关系-裁员", "arguments": [{"role": "裁员方", "argument": "澜屿生物"}]},
        ],
    }
    gold = load_duee_gold(write_jsonl(tmp_path / "duee1.jsonl", [item]))
    assert list(gold) == ["17"]
    (ev,) = gold["17"]["event_list"]
    assert ev["event_type"] == "企业融资"
    assert {(a["role"], a["argument"]) for a in ev["arguments"]} == {
        ("被投资方", "澜屿生物"),
        ("领投方", "晨岭资本"),
        ("投资方", "远川创投"),
        ("融资金额", "数千万元"),
        ("融资轮次", "A轮"),
    }
    ours = event(
        ("被投资方", "澜屿生物"),
        ("融资轮次", "A"),
        ("融资金额", "数千万元"),
        ("领投方", "晨岭资本"),
        ("投资方", "晨岭资本"),
        ("投资方", "远川创投"),
        ("披露时间", "11月8日"),
    )
    r = score_duee({"17": [ours]}, gold, dialect="duee1")
    assert r.arguments == Score(tp=5)
    assert r.events == Score(tp=1)
    # The same prediction scored as our own dialect keeps the lead as an investor and 轮 matters.
    plain = score_duee({"17": [ours]}, gold, dialect="duee-fin")
    assert plain.roles["投资方"] == Score(tp=1, fp=1)
    assert plain.roles["融资轮次"] == Score(fp=1, fn=1)


def test_load_duee_gold_reads_the_corpus() -> None:
    gold = load_duee_gold(ROOT / "corpus" / "duee" / "docs.jsonl")
    assert len(gold) == 74
    assert sum(len(d["event_list"]) for d in gold.values()) == 68


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a", "text": "t", "event_list": [}'], ":1: not valid JSON"),
        (['{"id": "a", "text": "t"}'], "'event_list' must be a list"),
        (
            [json.dumps({"id": "a", "text": "t", "event_list": [event(("买方", "x"))]}, ensure_ascii=False)],
            "unknown role '买方'",
        ),
        (
            ['{"id": "a", "text": "t", "event_list": []}', '{"id": "a", "text": "u", "event_list": []}'],
            ":2: id 'a' appears twice",
        ),
        ([""], "holds no documents"),
    ],
)
def test_malformed_duee_gold(tmp_path: Path, lines: list[str], message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_duee_gold(path)
    assert message in str(info.value)


def test_unknown_dialect_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown dialect"):
        score_duee({}, {}, dialect="duee2")  # type: ignore[arg-type]
