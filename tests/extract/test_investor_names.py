"""Investor names as news writes them: legal forms, descriptions beside the name, prose that is no name.

Each case is a short article of our own; the whole rule extractor reads it.
"""

from __future__ import annotations

from dealscope.domain import InvestorRole, RoundMention, Stage, Status
from dealscope.extract.rules import RuleExtractor
from dealscope.ingest import read_text

EXTRACTOR = RuleExtractor()


def _rounds(text: str) -> list[RoundMention]:
    doc = read_text(text, path="test.txt", fmt="text", title="", published="2026-02-03")
    return list(EXTRACTOR.extract(doc).rounds)


def _investors(r: RoundMention) -> list[tuple[str, bool]]:
    return [(i.name, i.role is InvestorRole.LEAD) for i in r.investors]


def test_legal_forms_after_a_comma_stay_with_their_name_and_are_dropped_from_it() -> None:
    (debt, equity) = sorted(
        _rounds(
            "Harukaze Drones raises 2.1 billion yen\n\n"
            "Harukaze Drones Inc. said it has raised 2.1 billion yen in its Series B round, with "
            "Minato Ventures Co., Ltd. as lead investor. Sakura Growth Partners Co., Ltd. and Kaido Capital "
            "also participated.\n\nIn addition, Harukaze has secured debt financing of 500 million yen from "
            "Tsubame Bank, Ltd. and Hoshino Shinkin Bank, Ltd.\n"
        ),
        key=lambda r: r.stage.stage.value if r.stage else "",
    )
    assert equity.company.text == "Harukaze Drones"  # not "Harukaze Drones Inc"
    assert debt.company.text == "Harukaze Drones"  # "Harukaze" is the article's short form of it
    assert equity.stage is not None and equity.stage.stage is Stage.SERIES_B
    assert _investors(equity) == [
        ("Minato Ventures", True),
        ("Sakura Growth Partners", False),
        ("Kaido Capital", False),
    ]
    # The credit line's words come before its amount: still a debt round of its own.
    assert debt.stage is not None and debt.stage.stage is Stage.DEBT
    assert debt.amount is not None and debt.amount.money.value == 5e8
    assert _investors(debt) == [("Tsubame Bank", False), ("Hoshino Shinkin Bank", False)]


def test_a_possessive_description_beside_a_name_is_not_an_investor() -> None:
    (r,) = _rounds(
        "Orrery Orbital, a maker of small satellite buses, said on Tuesday it raised $90 million in a Series C "
        "round led by Tidewater Partners. Qubit Ventures, Nimbus Corp's venture capital arm, put in about $30 "
        "million, the company said.\n"
    )
    names = [n for n, _ in _investors(r)]
    assert names == ["Tidewater Partners", "Qubit Ventures"]
    share = r.investors[1].amount
    assert share is not None and share.money.value == 3e7  # the share goes to the name, not the description


def test_an_outlet_that_learned_of_the_round_is_not_an_investor() -> None:
    (r,) = _rounds(
        "Ferrule, which audits freight invoices, has raised a $28 million Series A led by Hollowbrook "
        "Capital, Trade Wire has exclusively learned.\n"
    )
    assert _investors(r) == [("Hollowbrook Capital", True)]


def test_a_time_phrase_before_an_investing_verb_is_not_an_investor() -> None:
    rounds = _rounds(
        "Kestrelbyte raises $12 million from Larkspur Ventures\n\n"
        "Kestrelbyte raised $12 million from Larkspur Ventures.\n\n"
        "About Larkspur Ventures: Since 2011, it has invested in more than 300 software companies.\n"
    )
    names = {i.name for r in rounds for i in r.investors}
    assert names == {"Larkspur Ventures"}


def test_chinese_prose_caught_by_a_role_word_is_not_an_investor() -> None:
    rounds = _rounds(
        "2021年，澄溪科技完成由岭南资本领投的数千万元天使轮融资，这也是公司的第一笔机构投资。\n"
        "一位合伙人说，地方国资正从“被动出资”走向“主动领投”。\n"
    )
    names = {i.name for r in rounds for i in r.investors}
    assert names == {"岭南资本"}


def test_an_investor_giving_to_a_company_names_the_company_after_xiang() -> None:
    rounds = _rounds(
        "云杉集团周一宣布向澜舟智能投资20亿美元。2022年，云杉集团曾向澜舟智能投资2亿美元。"
        "北辰控股此前宣布将向星穹科技投资至多5亿美元。\n"
    )
    got = sorted(
        (r.company.text, r.amount.money.value if r.amount else None, [i.name for i in r.investors])
        for r in rounds
    )
    assert got == [
        ("星穹科技", 5e8, ["北辰控股"]),
        ("澜舟智能", 2e8, ["云杉集团"]),
        ("澜舟智能", 2e9, ["云杉集团"]),
    ]


def test_a_total_given_over_the_years_is_not_a_round() -> None:
    rounds = _rounds(
        "澜舟智能宣布完成3亿美元C轮融资，由岭南资本领投。云杉集团是其最重要的战略股东之一，此前已累计向澜舟智能投资8亿美元。\n"
    )
    assert [(r.company.text, r.amount.money.value if r.amount else None) for r in rounds] == [
        ("澜舟智能", 3e8)
    ]


def test_a_funding_history_told_year_by_year_gives_each_round_its_own_record() -> None:
    rounds = _rounds(
        "2019年，云杉集团向澜舟智能投资1亿美元。2023年1月，云杉集团再投资10亿美元，彼时澜舟智能估值约29亿美元。"
        "2024年2月，澜舟智能完成一笔由岭南资本牵头的老股转让，估值达到86亿美元。"
        "2024年10月，澜舟智能完成6.6亿美元融资，估值157亿美元。\n"
    )
    got = sorted(
        (
            r.event_date.date.iso() if r.event_date and r.event_date.date else "",
            r.amount.money.value if r.amount else None,
            r.valuation.money.value if r.valuation else None,
            [i.name for i in r.investors],
        )
        for r in rounds
        if r.company.text == "澜舟智能"
    )
    assert got == [
        ("2019", 1e8, None, ["云杉集团"]),
        ("2023-01", 1e9, 2.9e9, ["云杉集团"]),
        ("2024-02", None, 8.6e9, ["岭南资本"]),
        ("2024-10", 6.6e8, 1.57e10, []),
    ]


def test_we_in_a_funds_letter_is_not_a_name() -> None:
    rounds = _rounds("In March we co-led the $4 million seed round of Quillbeck with Precursor Ventures.\n")
    assert all(i.name != "In March we" for r in rounds for i in r.investors)


def test_a_history_in_a_bulleted_list_gives_each_round_with_its_giver() -> None:
    rounds = _rounds(
        "澜舟智能完成130亿美元F轮融资\n"
        "美国时间1月28日，澜舟智能宣布完成130亿美元F轮融资，投后估值1830亿美元。\n"
        "两年融资一览\n"
        "- 2023年5月，岭南资本领投4.5亿美元C轮；\n"
        "- 云杉集团在2023年10月承诺投资最多20亿美元；\n"
        "- 2025年3月，北辰创投领投35亿美元E轮，投后估值615亿美元；\n"
    )
    got = sorted(
        (
            r.stage.raw if r.stage else "",
            r.amount.money.raw if r.amount else None,
            [i.name for i in r.investors],
        )
        for r in rounds
    )
    assert got == [
        ("", "最多20亿美元", ["云杉集团"]),
        ("C轮", "4.5亿美元", ["岭南资本"]),
        ("E轮", "35亿美元", ["北辰创投"]),
        ("F轮", "130亿美元", []),
    ]


def test_a_heading_that_is_a_company_name_owns_the_rounds_of_its_section() -> None:
    rounds = _rounds(
        "澜舟智能、星穹科技这两家公司现在估值多少？\n"
        "**澜舟智能**\n"
        "2024年2月，岭南资本领投超10亿美元，投后估值约25亿美元。\n"
        "**星穹科技**（星穹AI）\n"
        "2024年3月北辰创投领投6亿美元，估值25亿美元；2025年11月又完成近3亿美元融资，投后估值超过40亿美元。\n"
        "**钱还是不够花**\n"
        "两家公司都在找新的钱。\n"
    )
    got = sorted(
        (
            r.company.text,
            r.event_date.date.iso() if r.event_date and r.event_date.date else "",
            r.amount.money.raw if r.amount else None,
        )
        for r in rounds
    )
    assert got == [
        ("星穹科技", "2024-03", "6亿美元"),
        ("星穹科技", "2025-11", "近3亿美元"),
        ("澜舟智能", "2024-02", "超10亿美元"),
    ]


def test_a_comparison_with_an_earlier_round_leaves_the_news_its_own_valuation() -> None:
    rounds = _rounds(
        "当地时间11月18日，云杉集团宣布将向澜舟智能投资最多50亿美元。"
        "据报道，这笔投资对应的澜舟智能估值约为3500亿美元，较9月F轮融资时的1830亿美元几乎翻倍。\n"
    )
    news = [r for r in rounds if r.valuation and r.valuation.money.value == 3.5e11]
    assert len(news) == 1 and (news[0].stage is None or news[0].stage.raw != "F轮")
    assert all(r.amount is None or r.amount.money.value != 1.83e11 for r in rounds)


def test_a_total_commitment_told_beside_an_investment_is_not_its_amount() -> None:
    (r,) = _rounds(
        "Larkspur Cloud invested another $4 billion in Ferrule AI in November, bringing its total commitment "
        "to $8 billion.\n"
    )
    assert r.amount is not None and r.amount.money.value == 4e9


def test_a_comparison_inside_a_clause_is_the_earlier_rounds_valuation() -> None:
    rounds = _rounds(
        "据报道，澜舟智能已与部分投资者进行初步洽谈，拟融资最多1000亿美元，估值约7500亿美元。"
        "若按这一价格成交，澜舟智能的估值将比今年10月老股转让时的5000亿美元高出约50%。\n"
    )
    assert all(r.company.text == "澜舟智能" for r in rounds)
    talks = [r for r in rounds if r.valuation and r.valuation.money.value == 7.5e11]
    assert len(talks) == 1 and talks[0].amount is not None and talks[0].amount.money.value == 1e11


def test_an_investor_promising_money_is_not_the_company_raising() -> None:
    rounds = _rounds(
        "澜舟智能正在洽谈一轮约20亿美元的新融资，估值约600亿美元，由北辰创投领投。云杉集团此前承诺投资最多20亿美元。\n"
    )
    assert {r.company.text for r in rounds} == {"澜舟智能"}


def test_a_headline_with_the_amount_before_the_verb_names_the_company_after_it() -> None:
    rounds = _rounds("云杉集团5亿元战略投资澜舟智能\n")
    assert [r.company.text for r in rounds] == ["澜舟智能"]


def test_a_keyword_line_is_no_round() -> None:
    assert _rounds("本期关键词：**债务融资、财务Agent、港股IPO**\n") == []


def test_the_price_of_a_sale_is_not_a_valuation() -> None:
    rounds = _rounds(
        "Larkspur Group to acquire Ferrule Bio for $250m\n\n"
        "Ferrule Bio has agreed to be acquired in a cash deal valued at $250m, the companies said on Wednesday.\n"
    )
    assert rounds == []


def test_an_adverb_before_the_verb_leaves_the_subject_its_name() -> None:
    rounds = _rounds(
        "Ferrule Bio last raised private capital in 2023, a $65 million Series B led by Hollowbrook Capital.\n"
    )
    assert [(r.company.text, r.amount.money.value if r.amount else None) for r in rounds] == [
        ("Ferrule Bio", 6.5e7)
    ]


def test_a_round_called_off_after_an_investor_withdrew() -> None:
    rounds = _rounds(
        "北辰股份终止参与澜舟智能B轮增资，澜舟智能本轮融资整体终止\n"
        "澜舟智能方面随后确认，原计划融资5亿元的B轮融资已整体终止。"
        "澜舟智能主营AR光波导模组，2025年曾完成1.8亿元A轮融资，由北辰股份领投。\n"
    )
    assert {r.company.text for r in rounds} == {"澜舟智能"}
    b = [r for r in rounds if r.stage and r.stage.raw == "B轮"]
    assert b and all(r.status.status is Status.CANCELLED for r in b)
    (a,) = [r for r in rounds if r.stage and r.stage.raw == "A轮"]
    assert [i.name for i in a.investors] == ["北辰股份"]


def test_a_date_a_partnership_began_does_not_date_the_round() -> None:
    rounds = _rounds(
        "Ferrule AI secures about $10 billion from Larkspur\n"
        "Larkspur has been a partner of Ferrule AI since 2019, and Ferrule AI secured a further investment "
        "from Larkspur in January 2023 that was widely reported at about $10 billion.\n"
    )
    assert [r.event_date.date.iso() for r in rounds if r.event_date and r.event_date.date] == ["2023-01"]


def test_talks_at_a_valuation_keep_their_amount_apart() -> None:
    zh, en = sorted(
        _rounds(
            "据外媒报道，Larkfield Robotics 正在寻求以不低于 40 亿美元的估值融资至多 5 亿美元，谈判仍处早期。\n"
            "Sources say Quillmoor, a Lyon-based chip designer, is in talks to raise roughly $200 million at a "
            "valuation north of $2 billion.\n"
        ),
        key=lambda r: r.company.text,
    )
    assert (zh.amount and zh.amount.money.raw, zh.valuation and zh.valuation.money.raw) == (
        "至多 5 亿美元",
        "不低于 40 亿美元",
    )
    assert (en.amount and en.amount.money.raw, en.valuation and en.valuation.money.raw) == (
        "roughly $200 million",
        "north of $2 billion",
    )


def test_a_sentence_may_open_with_a_lower_case_name() -> None:
    rounds = _rounds(
        "Ferrule raises $300M Series C\n"
        "Ferrule's valuation has climbed sixfold since May 2024, when Hollowbrook led an $80 million Series B "
        "at $600 million. a16z led its $22 million Series A in 2023.\n"
    )
    got = sorted(
        (r.stage.raw if r.stage else "", [(i.name, i.role is InvestorRole.LEAD) for i in r.investors])
        for r in rounds
    )
    assert got == [("Series A", [("a16z", True)]), ("Series B", [("Hollowbrook", True)]), ("Series C", [])]


def test_the_final_stages_of_talks_name_their_company() -> None:
    (r,) = _rounds(
        "Ferrule AI is in the final stages of talks to raise $40 billion in a funding round led by Larkspur "
        "Group, according to people familiar with the matter.\n"
    )
    assert r.company.text == "Ferrule AI" and r.status.status is Status.IN_TALKS


def test_strategic_investors_joining_are_investors() -> None:
    (r,) = _rounds(
        "Ferrule AI raised $2 billion in a Series E round. Larkspur Equity and Hollowbrook invested, and "
        "Tidewater Chips joined as strategic investors.\n"
    )
    assert [i.name for i in r.investors] == ["Larkspur Equity", "Hollowbrook", "Tidewater Chips"]


def test_a_share_sale_beside_a_new_round_is_a_secondary_round_of_its_own() -> None:
    rounds = _rounds(
        "澜舟智能完成数亿元B轮融资，同步完成近亿元老股转让\n"
        "与本轮新股融资同步，澜舟智能还完成了一笔近亿元的老股转让，受让方为岭南资本和北辰投资。"
        "2022年7月，部分早期股东将所持老股转让给云杉资本，转让对价约1.1亿元。"
        "根据招股书，澜舟智能自成立以来共完成5轮融资及1次老股转让。\\n"
    )
    got = sorted(
        (
            r.stage.stage.value if r.stage else "",
            r.amount.money.raw if r.amount else None,
            [i.name for i in r.investors],
        )
        for r in rounds
    )
    assert got == [
        ("secondary", "约1.1亿元", ["云杉资本"]),
        ("secondary", "近亿元", ["岭南资本", "北辰投资"]),
        ("series_b", "数亿元", []),
    ]
    assert {r.company.text for r in rounds} == {"澜舟智能"}


def test_a_figure_restating_a_valuation_is_no_second_round() -> None:
    rounds = _rounds(
        "10月2日，澜舟智能完成了一笔约66亿美元的老股转让，对应估值5000亿美元。\n"
        "5. 2025年10月，就是开头说的老股转让，5000亿美元。\n"
    )
    assert [
        (r.amount.money.raw if r.amount else None, r.valuation.money.raw if r.valuation else None)
        for r in rounds
    ] == [("约66亿美元", "5000亿美元")]


def test_a_total_told_with_its_debt_and_equity_parts_is_two_rounds() -> None:
    rounds = _rounds(
        "7月1日，Larkspur AI已经完成100亿美元的融资，其中50亿美元来自有担保票据和定期贷款，另外50亿美元来自战略股权投资。\n"
        "Hollowfield Energy closed $50 million: a $32 million Series C led by Energize Ventures plus $18 million "
        "of venture debt.\n"
    )
    got = sorted(
        (r.company.text, r.stage.stage.value if r.stage else "", r.amount.money.raw if r.amount else None)
        for r in rounds
    )
    assert got == [
        ("Hollowfield Energy", "debt", "$18 million"),
        ("Hollowfield Energy", "series_c", "$32 million"),
        ("Larkspur AI", "debt", "50亿美元"),
        ("Larkspur AI", "strategic", "50亿美元"),
    ]
    series_c = next(r for r in rounds if r.stage and r.stage.stage is Stage.SERIES_C)
    assert [i.name for i in series_c.investors] == ["Energize Ventures"]


def test_parties_to_an_investment_agreement_and_late_joiners_are_investors() -> None:
    (zh,) = _rounds("3月5日，澜舟智能宣布，已与岭南资本、北辰投资签署增资协议，将获得共计6亿元B轮融资。\n")
    assert [i.name for i in zh.investors] == ["岭南资本", "北辰投资"]
    (en,) = _rounds(
        "Ferrule AI raised $90 million in a Series C led by Tidewater Partners. Existing investors Larkspur "
        "Capital and Hollowbrook Ventures joined as well.\n"
    )
    assert [i.name for i in en.investors] == [
        "Tidewater Partners",
        "Larkspur Capital",
        "Hollowbrook Ventures",
    ]
