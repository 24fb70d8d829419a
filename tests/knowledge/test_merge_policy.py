"""The merge policy of docs/merge-policy.md, rule by rule, on claims built by hand."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from typing import Any

from dealscope.domain import (
    Evidence,
    FuzzyDate,
    InvestorMention,
    InvestorRole,
    Money,
    MoneyMention,
    NameMention,
    Precision,
    Qualifier,
    RoundMention,
    Span,
    Stage,
    StageMention,
    Status,
    StatusMention,
    ValuationBasis,
)
from dealscope.merge import (
    Claim,
    consistent,
    consolidate,
    group_claims,
    interval,
    records_from,
    stage_variant,
)

EV = Evidence(Span(0, 1), Span(0, 1))


def usd(value: float | None, q: Qualifier = Qualifier.EXACT, **kw: Any) -> MoneyMention:
    return MoneyMention(Money(f"${value}", value, "USD", q, usd=value, **kw), EV)


def claim(
    mid: str,
    on: str | None,
    *,
    status: Status = Status.COMPLETED,
    stage: tuple[Stage, str] | None = None,
    amount: MoneyMention | None = None,
    valuation: MoneyMention | None = None,
    basis: ValuationBasis = ValuationBasis.UNSPECIFIED,
    investors: tuple[tuple[str, str], ...] = (),
    company: str = "Acme",
    precision: Precision = Precision.DAY,
) -> Claim:
    m = RoundMention(
        company=NameMention(company, EV),
        status=StatusMention(status, status.value, EV),
        evidence=EV,
        stage=StageMention(stage[0], stage[1], EV) if stage else None,
        amount=amount,
        valuation=valuation,
        valuation_basis=basis,
        investors=tuple(
            InvestorMention(n, InvestorRole.LEAD if r == "lead" else InvestorRole.FOLLOW, EV)
            for n, r in investors
        ),
    )
    when = FuzzyDate(date.fromisoformat(on), precision) if on else None
    return Claim(mid, "doc-" + mid, m, "n:" + company.lower(), company, when, {"title": mid})


B = (Stage.SERIES_B, "B轮")


def test_same_stage_and_agreeing_amounts_group() -> None:
    groups = group_claims(
        [
            claim("a", "2025-03-10", stage=B, amount=usd(150e6)),
            claim("b", "2025-03-11", stage=(Stage.SERIES_B, "Series B"), amount=usd(150e6)),
            claim("c", "2025-03-12", amount=usd(140e6, Qualifier.APPROXIMATE)),
        ]
    )
    assert [sorted(c.mention_id for c in g) for g in groups] == [["a", "b", "c"]]


def test_different_stages_never_group() -> None:
    groups = group_claims(
        [
            claim("s", "2025-01-08", stage=(Stage.STRATEGIC, "战略投资"), amount=usd(2e9)),
            claim("e", "2025-01-20", stage=(Stage.SERIES_E, "Series E"), amount=usd(20e9)),
        ]
    )
    assert len(groups) == 2


def test_stage_variants_are_separate_rounds() -> None:
    assert stage_variant("Pre-A轮") == (True, False, "")
    assert stage_variant("A+轮") == (False, True, "")
    assert stage_variant("Series A-1") == (False, False, "1")
    assert stage_variant("A轮") == stage_variant("Series A") == (False, False, "")
    groups = group_claims(
        [
            claim("a", "2024-03-05", stage=(Stage.SERIES_A, "A轮"), amount=usd(14e6)),
            claim("p", "2024-05-20", stage=(Stage.SERIES_A, "A+轮"), amount=usd(14e6)),
        ]
    )
    assert len(groups) == 2


def test_amounts_beyond_tolerance_are_different_rounds_without_a_stage() -> None:
    groups = group_claims(
        [claim("x", "2025-01-08", amount=usd(2e9)), claim("y", "2025-01-20", amount=usd(20e9))]
    )
    assert len(groups) == 2


def test_same_stage_keeps_a_disputed_amount_as_one_round_with_a_conflict() -> None:
    claims = [
        claim("a", "2024-06-03", stage=B, amount=usd(120e6)),
        claim("b", "2024-06-04", stage=B, amount=usd(150e6)),
    ]
    (group,) = group_claims(claims)
    record = consolidate(group)
    assert record["amount"]["usd"] == 150e6  # equal rank: the later report
    assert [(c["field"], c["value"]["usd"], c["document_id"]) for c in record["conflicts"]] == [
        ("amount", 120e6, "doc-a")
    ]


def test_date_window_and_span() -> None:
    far = [
        claim("a", "2023-12-22", status=Status.IN_TALKS, valuation=usd(100e9, Qualifier.AT_LEAST, low=100e9))
    ]
    far.append(claim("b", "2024-10-02", amount=usd(6.6e9), valuation=usd(157e9)))
    assert len(group_claims(far)) == 2
    # A chain of monthly reports of talks cannot stretch one round past the span limit.
    chain = [
        claim(str(i), f"2024-{m:02d}-01", status=Status.IN_TALKS, amount=usd(1e8))
        for i, m in enumerate(range(1, 12, 2))
    ]
    assert len(group_claims(chain)) == 2


def test_two_closes_months_apart_are_two_rounds() -> None:
    # "Amazon invested another $4 billion in November" and a $3.5 billion Series E closed in March agree
    # within the amount tolerance, but a round closes once.
    groups = group_claims(
        [
            claim("n", "2024-11-01", amount=usd(4e9), precision=Precision.MONTH),
            claim("e", "2025-03-03", stage=(Stage.SERIES_E, "Series E"), amount=usd(3.5e9)),
        ]
    )
    assert len(groups) == 2
    # Talks in November and the close in March stay one round.
    groups = group_claims(
        [
            claim("t", "2024-11-20", status=Status.IN_TALKS, amount=usd(3.5e9)),
            claim("e", "2025-03-03", stage=(Stage.SERIES_E, "Series E"), amount=usd(3.5e9)),
        ]
    )
    assert len(groups) == 1


def test_imprecise_dates_are_periods() -> None:
    assert interval(FuzzyDate(date(2024, 10, 1), Precision.MONTH)) == (date(2024, 10, 1), date(2024, 10, 31))
    assert interval(FuzzyDate(date(2024, 1, 1), Precision.YEAR)) == (date(2024, 1, 1), date(2024, 12, 31))
    assert interval(FuzzyDate(date(2024, 8, 1), Precision.QUARTER)) == (date(2024, 7, 1), date(2024, 9, 30))
    # "2024" (year) and 2024-11-20 are compatible: the year contains the day.
    groups = group_claims(
        [
            claim("y", "2024-01-01", stage=B, precision=Precision.YEAR),
            claim("d", "2024-11-20", stage=B, amount=usd(5e7)),
        ]
    )
    assert len(groups) == 1


def test_bare_undated_claim_joins_only_an_unambiguous_round() -> None:
    one = group_claims([claim("a", "2024-01-05", stage=B, amount=usd(5e7)), claim("z", None)])
    assert len(one) == 1
    two = group_claims(
        [
            claim("a", "2024-01-05", stage=B, amount=usd(5e7)),
            claim("c", "2024-09-05", stage=(Stage.SERIES_C, "C轮"), amount=usd(2e8)),
            claim("z", None),
        ]
    )
    assert sorted(len(g) for g in two) == [1, 1, 1]


def test_claim_goes_to_the_group_naming_its_stage() -> None:
    claims = [
        claim("u", "2024-03-01", amount=usd(3e7)),
        claim("b", "2024-03-03", stage=B, amount=usd(3e8)),
        claim("x", "2024-03-04", stage=B),  # fits both; names the stage of the second
    ]
    groups = {frozenset(c.mention_id for c in g) for g in group_claims(claims)}
    assert groups == {frozenset({"u"}), frozenset({"b", "x"})}


def test_pre_money_plus_amount_matches_post_money() -> None:
    groups = group_claims(
        [
            claim("pre", "2024-05-01", amount=usd(20e6), valuation=usd(100e6), basis=ValuationBasis.PRE),
            claim("post", "2024-05-02", amount=usd(20e6), valuation=usd(120e6), basis=ValuationBasis.POST),
        ]
    )
    assert len(groups) == 1


def test_status_order_and_history() -> None:
    claims = [
        claim("r", "2024-09-05", status=Status.RUMORED, amount=usd(3e8, Qualifier.APPROXIMATE)),
        claim("t", "2024-09-20", status=Status.IN_TALKS, amount=usd(3e8, Qualifier.APPROXIMATE)),
        claim(
            "c", "2024-10-15", status=Status.COMPLETED, amount=usd(3.2e8), stage=(Stage.SERIES_C, "Series C")
        ),
    ]
    (group,) = group_claims(claims)
    record = consolidate(group)
    assert record["status"] == "completed"
    assert record["announced_on"] == "2024-10-15"
    assert [(h["status"], h["date"]) for h in record["history"]] == [
        ("rumored", "2024-09-05"),
        ("in_talks", "2024-09-20"),
        ("completed", "2024-10-15"),
    ]
    assert record["conflicts"] == []  # "about $300M" is consistent with $320M


def test_in_talks_beats_rumored_and_latest_cancel_ends() -> None:
    talks = consolidate(
        [claim("r", "2024-01-01", status=Status.RUMORED), claim("t", "2024-01-05", status=Status.IN_TALKS)]
    )
    assert talks["status"] == "in_talks"
    cancelled = consolidate(
        [claim("a", "2024-01-01", status=Status.ANNOUNCED), claim("x", "2024-02-01", status=Status.CANCELLED)]
    )
    assert cancelled["status"] == "cancelled"
    revived = consolidate([claim("x", "2024-01-01", status=Status.CANCELLED), claim("c", "2024-02-01")])
    assert revived["status"] == "completed"


def test_exact_figure_beats_hedged_and_closing_beats_talks() -> None:
    record = consolidate(
        [
            claim(
                "h",
                "2024-10-01",
                amount=MoneyMention(Money("约65亿美元", 6.5e9, "USD", Qualifier.APPROXIMATE, usd=6.5e9), EV),
            ),
            claim("e", "2024-10-02", amount=usd(6.6e9)),
        ]
    )
    assert record["amount"]["usd"] == 6.6e9 and record["conflicts"] == []
    record = consolidate(
        [
            claim("t", "2024-09-01", status=Status.IN_TALKS, amount=usd(5e9)),
            claim("c", "2024-10-02", amount=usd(6.6e9, Qualifier.APPROXIMATE)),
        ]
    )
    assert record["amount"]["usd"] == 6.6e9
    assert [(c["status"], c["value"]["usd"]) for c in record["conflicts"]] == [("in_talks", 5e9)]


def test_undisclosed_never_beats_a_figure() -> None:
    undisclosed = MoneyMention(Money("undisclosed", None, None, Qualifier.UNDISCLOSED), EV)
    record = consolidate(
        [
            claim("u", "2024-10-02", amount=undisclosed),
            claim("r", "2024-10-01", status=Status.RUMORED, amount=usd(1e8)),
        ]
    )
    assert record["amount"]["usd"] == 1e8


def test_consistency_honours_the_hedge() -> None:
    chosen = Money("$12B", 12e9, "USD", usd=12e9)
    assert consistent(Money(">10B", 10e9, "USD", Qualifier.OVER, low=10e9, usd=10e9, low_usd=10e9), chosen)
    assert not consistent(
        Money(">13B", 13e9, "USD", Qualifier.OVER, low=13e9, usd=13e9, low_usd=13e9), chosen
    )
    assert consistent(Money("<13B", 13e9, "USD", Qualifier.UNDER, high=13e9, usd=13e9, high_usd=13e9), chosen)
    assert not consistent(
        Money("<10B", 10e9, "USD", Qualifier.UNDER, high=10e9, usd=10e9, high_usd=10e9), chosen
    )
    assert consistent(Money("~11.5B", 11.5e9, "USD", Qualifier.APPROXIMATE, usd=11.5e9), chosen)
    assert not consistent(Money("11.5B", 11.5e9, "USD", usd=11.5e9), chosen)
    rng = Money(
        "10-15B", 12.5e9, "USD", Qualifier.RANGE, low=10e9, high=15e9, usd=12.5e9, low_usd=10e9, high_usd=15e9
    )
    assert consistent(rng, chosen)
    assert consistent(Money("undisclosed", None, None, Qualifier.UNDISCLOSED), chosen)


def test_investors_union_by_key_and_lead_anywhere() -> None:
    a = claim("a", "2025-03-10", stage=B, investors=(("启明创投", "lead"), ("高瓴资本", "follow")))
    b = claim(
        "b",
        "2025-03-10",
        stage=B,
        investors=(("Qiming Venture Partners", "follow"), ("Hillhouse Capital", "lead")),
    )
    a = dataclasses.replace(a, investor_keys=("g:qiming", "g:hillhouse"))
    b = dataclasses.replace(b, investor_keys=("g:qiming", "g:hillhouse"))
    record = consolidate([a, b])
    assert [(i["name"], i["lead"], i["key"]) for i in record["investors"]] == [
        ("启明创投", True, "g:qiming"),
        ("高瓴资本", True, "g:hillhouse"),
    ]


def test_investors_only_talked_of_are_prospective_once_the_close_names_investors() -> None:
    talks = claim(
        "t",
        "2024-09-12",
        status=Status.IN_TALKS,
        amount=usd(6.5e9),
        investors=(("Thrive Capital", "lead"), ("Microsoft", "follow"), ("Apple", "follow")),
    )
    close = claim(
        "c", "2024-10-02", amount=usd(6.6e9), investors=(("Thrive Capital", "lead"), ("Microsoft", "follow"))
    )
    record = consolidate([talks, close])
    assert [i["name"] for i in record["investors"]] == ["Thrive Capital", "Microsoft"]
    assert [i["name"] for i in record["prospective_investors"]] == ["Apple"]
    # A close that names nobody confirms nothing: the talked-of investors stay the round's investors.
    bare = claim("c", "2024-10-02", amount=usd(6.6e9))
    record = consolidate([talks, bare])
    assert [i["name"] for i in record["investors"]] == ["Thrive Capital", "Microsoft", "Apple"]
    assert record["prospective_investors"] == []


def test_grouping_is_deterministic_whatever_the_input_order() -> None:
    claims = [
        claim("a", "2025-01-08", stage=(Stage.STRATEGIC, "战略投资"), amount=usd(2e9)),
        claim("b", "2025-01-20", stage=(Stage.SERIES_E, "Series E"), amount=usd(20e9)),
        claim("c", "2025-01-21", stage=(Stage.SERIES_E, "E轮"), amount=usd(20e9)),
        claim("d", "2025-01-22", amount=usd(19.5e9, Qualifier.APPROXIMATE)),
        claim("e", None, investors=(("Thrive Capital", "lead"),)),
        claim("f", "2024-03-01", stage=B, amount=usd(1e8), company="Other"),
    ]
    expected = records_from(claims)
    rng = random.Random(3)
    for _ in range(5):
        shuffled = claims[:]
        rng.shuffle(shuffled)
        assert records_from(shuffled) == expected
    assert len(expected) == 4


def test_talks_that_closed_bigger_are_one_round_when_the_valuations_agree() -> None:
    talks = claim(
        "t",
        "2025-07-29",
        status=Status.IN_TALKS,
        amount=usd(5e9, Qualifier.AT_MOST, high=5e9),
        valuation=usd(170e9),
    )
    close = claim("c", "2025-09-02", stage=(Stage.SERIES_F, "F轮"), amount=usd(13e9), valuation=usd(183e9))
    (group,) = group_claims([talks, close])
    record = consolidate(group)
    assert (record["amount"]["usd"], record["valuation"]["usd"]) == (13e9, 183e9)
    # Without a valuation to tie them, a $5 billion talk and a $13 billion close stay apart.
    bare_talks = claim("t", "2025-07-29", status=Status.IN_TALKS, amount=usd(5e9))
    assert len(group_claims([bare_talks, close])) == 2


def test_the_post_money_valuation_is_the_rounds_and_the_pre_money_is_no_conflict() -> None:
    pre = claim("a", "2024-05-27", stage=B, amount=usd(6e9), valuation=usd(18e9), basis=ValuationBasis.PRE)
    post = claim("b", "2024-05-27", stage=B, amount=usd(6e9), valuation=usd(24e9), basis=ValuationBasis.POST)
    record = consolidate([pre, post])
    assert (record["valuation"]["usd"], record["valuation_basis"]) == (24e9, "post")
    assert record["conflicts"] == []


def test_a_close_is_compared_with_the_latest_talk_not_a_stale_rumour() -> None:
    rumour = claim("r", "2025-05-20", status=Status.RUMORED, valuation=usd(3e9, Qualifier.APPROXIMATE))
    talks = claim(
        "t",
        "2025-06-18",
        status=Status.IN_TALKS,
        amount=usd(3e8),
        valuation=usd(3.5e9, Qualifier.APPROXIMATE),
    )
    close = claim("c", "2025-07-08", stage=(Stage.SERIES_C, "Series C"), amount=usd(3e8), valuation=usd(4e9))
    assert len(group_claims([rumour, talks, close])) == 1


def test_about_750_billion_in_talks_is_not_a_500_billion_sale_two_months_before() -> None:
    sale = claim("s", "2025-10-02", amount=usd(6.6e9, Qualifier.APPROXIMATE), valuation=usd(500e9))
    talks = claim(
        "t",
        "2025-12-18",
        status=Status.IN_TALKS,
        amount=usd(100e9, Qualifier.AT_MOST, high=100e9),
        valuation=usd(750e9, Qualifier.APPROXIMATE),
    )
    assert len(group_claims([sale, talks])) == 2


def test_a_valuation_never_joins_a_loan() -> None:
    credit = claim("d", "2024-10-03", stage=(Stage.DEBT, "循环信贷额度"), amount=usd(4e9))
    plan = claim("p", "2025-01-31", status=Status.PLANNED, valuation=usd(260e9), basis=ValuationBasis.PRE)
    assert len(group_claims([credit, plan])) == 2
