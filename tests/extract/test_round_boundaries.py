"""Where one round ends and the next begins: two rounds in one clause, stage variants, headings.

Each case is a short article of our own; the whole rule extractor reads it.
"""

from __future__ import annotations

import pytest

from dealscope.domain import Document, InvestorRole, RoundMention, Stage
from dealscope.extract import cues
from dealscope.extract.rules import RuleExtractor
from dealscope.ingest import read_text

EXTRACTOR = RuleExtractor()


def _rounds(text: str, *, fmt: str = "text") -> list[RoundMention]:
    doc: Document = read_text(
        text, path="test.md" if fmt == "markdown" else "test.txt", fmt=fmt, title="", published="2025-06-10"
    )
    return list(EXTRACTOR.extract(doc).rounds)


def _summary(r: RoundMention) -> tuple[str, str, str | None, list[str], list[str]]:
    leads = [i.name for i in r.investors if i.role is InvestorRole.LEAD]
    others = [i.name for i in r.investors if i.role is not InvestorRole.LEAD]
    return (
        r.company.text,
        r.stage.raw if r.stage else "",
        r.amount.money.raw if r.amount else None,
        leads,
        others,
    )


@pytest.mark.parametrize(
    ("words", "first", "second"),
    [
        ("连续完成Pre-A轮和A轮两轮融资", Stage.SERIES_A, Stage.SERIES_A),
        ("完成天使轮及Pre-A轮融资", Stage.ANGEL, Stage.SERIES_A),
        ("完成B1轮与B2轮融资", Stage.SERIES_B, Stage.SERIES_B),
        ("closed its seed and Series A rounds", Stage.SEED, Stage.SERIES_A),
        ("raised Series A and B rounds", Stage.SERIES_A, Stage.SERIES_B),
        ("its pre-seed and seed rounds", Stage.PRE_SEED, Stage.SEED),
    ],
)
def test_coordinated_stage_pairs_are_read_as_two_stages(words: str, first: Stage, second: Stage) -> None:
    m = cues.COORDINATED_ZH.search(words) or cues.COORDINATED_EN.search(words)
    assert m is not None
    assert (cues.coordinated_stage(m["s1"]), cues.coordinated_stage(m["s2"])) == (first, second)


@pytest.mark.parametrize("words", ["GPT-4和A轮", "A股和港股", "Series A investors and partners"])
def test_words_that_only_look_like_a_pair_are_not_one(words: str) -> None:
    assert cues.COORDINATED_ZH.search(words) is None
    assert cues.COORDINATED_EN.search(words) is None


def test_two_rounds_in_one_clause_become_two_rounds_with_their_own_investors() -> None:
    got = _rounds(
        "近日，3D生成公司岚图互动宣布连续完成Pre-A轮和A轮两轮融资，累计金额近2亿元。"
        "其中，Pre-A轮由溪石创投独家投资；A轮由北辰资本领投，松果资本及老股东溪石创投跟投。"
    )
    assert [_summary(r) for r in got] == [
        ("岚图互动", "Pre-A轮", None, ["溪石创投"], []),
        ("岚图互动", "A轮", None, ["北辰资本"], ["松果资本", "溪石创投"]),
    ]


def test_an_amount_written_once_for_two_rounds_belongs_to_neither() -> None:
    got = _rounds("光澈智能完成数千万元天使轮和Pre-A轮融资，投资方为明泉资本。")
    assert [(r.stage.raw if r.stage else "", r.amount) for r in got] == [("天使轮", None), ("Pre-A轮", None)]
    # Both rounds name the investor: the sentence does not say which round it joined.
    assert all([i.name for i in r.investors] == ["明泉资本"] for r in got)


def test_english_pair_of_rounds_shares_the_lead() -> None:
    got = _rounds(
        "Lumora has closed its seed and Series A rounds, totaling $52 million, led by Index Ventures."
    )
    assert [_summary(r) for r in got] == [
        ("Lumora", "seed", None, ["Index Ventures"], []),
        ("Lumora", "Series A", None, ["Index Ventures"], []),
    ]


def test_pre_a_and_a_of_one_company_in_one_article_stay_apart() -> None:
    got = _rounds(
        "溯光医疗今日宣布完成1亿元A轮融资，由青岩资本领投。"
        "溯光医疗此前于今年4月完成3000万元Pre-A轮融资，由晨星基金投资。"
    )
    stages = sorted((r.stage.raw if r.stage else "", r.amount.money.raw if r.amount else None) for r in got)
    assert stages == [("A轮", "1亿元"), ("Pre-A轮", "3000万元")]


def test_a_section_heading_with_figures_opens_no_round() -> None:
    text = (
        "# 星衡机器人的三轮融资\n\n"
        "星衡机器人宣布完成5亿元C轮融资，由远山资本领投。\n\n"
        "## 02 A轮与B轮：估值从10亿到40亿\n\n"
        "2023年，星衡机器人完成1.5亿元A轮融资，澜岸资本领投。\n"
    )
    got = _rounds(text, fmt="markdown")
    assert sorted(r.stage.raw if r.stage else "" for r in got) == ["A轮", "C轮"]
    a_round = next(r for r in got if r.stage and r.stage.raw == "A轮")
    assert a_round.valuation is None  # the heading's "10亿" is not read into the A round


# --------------------------------------------------------------------------- who, and what is money


def _investors(text: str) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for r in _rounds(text):
        leads = [i.name for i in r.investors if i.role is InvestorRole.LEAD]
        others = [i.name for i in r.investors if i.role is not InvestorRole.LEAD]
        out.append((r.company.text, leads, others))
    return out


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Tarnwick raised $30 million in Series B funding led by Accel. Brightmoor Ventures and the "
            "venture arm of a Danish shipping group, Havblik Ventures, also invested.",
            [("Tarnwick", ["Accel"], ["Brightmoor Ventures", "Havblik Ventures"])],
        ),
        (
            "Tarnwick raised $30 million in Series B funding led by Accel. Havblik Ventures, the venture "
            "arm of a Danish shipping group, also invested.",
            [("Tarnwick", ["Accel"], ["Havblik Ventures"])],
        ),
        (
            "Tarnwick has raised $500 million. Other participants include Altimeter, the Qatar Investment "
            "Authority and TPG.",
            [("Tarnwick", [], ["Altimeter", "Qatar Investment Authority", "TPG"])],
        ),
        (
            "Tarnwick is in talks to raise $400 million, people familiar said. Ardent Reach Capital is "
            "poised to lead the round.",
            [("Tarnwick", ["Ardent Reach Capital"], [])],
        ),
        (
            "Tarnwick raised a $4.5 million seed round led by Copperline Ventures. A group of angels "
            "including Mira Castell and Tobin Reyes also participated.",
            [("Tarnwick", ["Copperline Ventures"], ["Mira Castell", "Tobin Reyes"])],
        ),
        (
            "Tarnwick lands $30M from Lux Capital to build warehouse robots.",
            [("Tarnwick", [], ["Lux Capital"])],
        ),
        (
            "Tarnwick raised $1.2 billion led by Microsoft. Nvidia also joined, as did Ridgeback Ventures, "
            "the venture arm of Saudi Aramco.",
            [("Tarnwick", ["Microsoft"], ["Ridgeback Ventures", "Nvidia"])],
        ),
        (
            "Tarnwick raised $200 million led by TPG. Existing investor Energy Impact Partners and the "
            "Canada Pension Plan Investment Board are also participating.",
            [("Tarnwick", ["TPG"], ["Energy Impact Partners", "Canada Pension Plan Investment Board"])],
        ),
        (
            "Tarnwick raised €20 million in a Series A led by Lakestar, with HV Capital participating.",
            [("Tarnwick", ["Lakestar"], ["HV Capital"])],
        ),
        (
            "Tarnwick raised a $3.5 million seed round led by Precursor. Angels in the round include Dara "
            "Quell and Oren Vail.",
            [("Tarnwick", ["Precursor"], ["Dara Quell", "Oren Vail"])],
        ),
    ],
)
def test_english_investors_in_the_shapes_news_writes_them(
    text: str, want: list[tuple[str, list[str], list[str]]]
) -> None:
    assert _investors(text) == want


def test_a_named_investors_commitment_is_its_share_not_a_second_round() -> None:
    got = _rounds(
        "Halden Fusion raised $1.2 billion in a Series E round on Thursday. Existing investors Evergrove "
        "Ventures also participated, and the Norwegian utility Fjellkraft made its first investment in the "
        "company, committing roughly $150 million."
    )
    assert len(got) == 1
    share = next(i for i in got[0].investors if i.name == "Fjellkraft")
    assert share.amount is not None and share.amount.money.raw == "roughly $150 million"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "昨天澄川智能宣布完成50亿元人民币A轮融资，投资方包括阿里、腾讯、小米等。",
            [("澄川智能", [], ["阿里", "腾讯", "小米"])],
        ),
        ("2022年3月，衡岳动力拿到了奇石创投3000万元的天使轮投资。", [("衡岳动力", [], ["奇石创投"])]),
        (
            "暖屿科技宣布完成天使轮融资，金额为2000万元。投资方包括远川创投，以及多位个人投资人："
            "前某手机品牌总裁韩子衡、知名游戏制作人乔舟。",
            [("暖屿科技", [], ["远川创投", "韩子衡", "乔舟"])],
        ),
        (
            "星澜机器人完成5亿元C轮融资。参与本轮投资的还有蔚川资本、小禾战投以及知名天使投资人徐青。",
            [("星澜机器人", [], ["蔚川资本", "小禾战投", "徐青"])],
        ),
        ("光耀语言完成了一轮3亿美元的融资，老股东全部跟投。", [("光耀语言", [], [])]),
        (
            "云栈科技完成A轮融资，领投的是红杉中国，老股东高瓴和启岸创投都跟了。",
            [("云栈科技", ["红杉中国"], ["高瓴", "启岸创投"])],
        ),
        ("云栈科技完成A轮融资，投资方里有高瓴。", [("云栈科技", [], ["高瓴"])]),
        ("2022年，启岸创投投了云栈科技的Pre-A轮。", [("云栈科技", [], ["启岸创投"])]),
        (
            "蓝汀生物宣布完成Pre-A轮融资，投资方为个人投资人韩屿及远帆资本。",
            [("蓝汀生物", [], ["韩屿", "远帆资本"])],
        ),
        (
            "本月初，知川医疗获得了苏州某区属国资平台苏汇投资提供的1.5亿元可转债融资。",
            [("知川医疗", [], ["苏汇投资"])],
        ),
    ],
)
def test_chinese_investors_in_the_shapes_news_writes_them(
    text: str, want: list[tuple[str, list[str], list[str]]]
) -> None:
    assert _investors(text) == want


def test_a_competitor_named_after_its_rival_is_not_part_of_its_name() -> None:
    got = _rounds("横向对比，穹川的主要竞争对手衍林科技今年3月完成了6亿美元新一轮融资，估值42亿美元。")
    assert [r.company.text for r in got] == ["衍林科技"]


@pytest.mark.parametrize(
    "text",
    [
        "Emmanuel Laurent announced €109 billion of private investment in AI infrastructure in France.",
        "The UAE pledged $30 billion for AI projects in France.",
        "该项目总投资50亿元，由合肥市政府牵头建设。",
        "The new round brings Tarnwick's total funding to $95 million.",
    ],
)
def test_pledges_project_budgets_and_totals_are_not_rounds(text: str) -> None:
    assert _rounds(text) == []


def test_previous_rounds_valuation_is_a_background_round_of_its_own() -> None:
    got = _rounds("本月初，知川医疗获得了苏汇投资提供的1.5亿元可转债融资。上一轮融资中，公司估值约为25亿元。")
    assert [(r.background, r.valuation.money.raw if r.valuation else None) for r in got] == [
        (False, None),
        (True, "约为25亿元"),
    ]


# --------------------------------------------------------------------------- shares, stages, talks


def _shares(text: str) -> dict[str, str]:
    return {i.name: i.amount.money.raw for r in _rounds(text) for i in r.investors if i.amount is not None}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "星耀智驾完成2亿美元A+轮融资，由红杉中国领投。其中，高瓴创投出资约6000万美元。",
            {"高瓴创投": "约6000万美元"},
        ),
        (
            "Northmere raised $120 million in a Series D led by Sequoia. M12 put in about $40 million.",
            {"M12": "about $40 million"},
        ),
        (
            "Solwick raised $1 billion in a Series D co-led by Temasek. Google, Chevron Technology Ventures and "
            "the trading house Mitsui & Co. also took part, and Google contributed roughly $150 million.",
            {"Google": "roughly $150 million"},
        ),
    ],
)
def test_an_investors_own_share_is_read_where_the_article_gives_it(text: str, want: dict[str, str]) -> None:
    assert _shares(text) == want
    assert len(_rounds(text)) == 1  # a share never becomes a second round


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Tillwater raised a $3.5 million seed led by Precursor.", Stage.SEED),
        ("Gridwell secured a $75 million debt facility from Hercules Capital.", Stage.DEBT),
    ],
)
def test_bare_seed_and_debt_facility_are_stages(text: str, stage: Stage) -> None:
    got = _rounds(text)
    assert [r.stage.stage if r.stage else None for r in got] == [stage]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("光翎科技正在洽谈新一轮融资，拟融资5亿元，目前尚未签署投资协议。", "in_talks"),
        (
            "Tandem Silicon has held early discussions with investors about a round that could value it at more than $3 billion.",
            "in_talks",
        ),
        (
            "Parable is also in early talks to raise new capital at a valuation of as much as $50 billion.",
            "in_talks",
        ),
        ("跃川科技据说正在洽谈新一轮融资，估值要到200亿。", "in_talks"),
    ],
)
def test_talks_in_the_words_reporters_use(text: str, status: str) -> None:
    got = _rounds(text)
    assert len(got) == 1 and got[0].status.status.value == status
    assert got[0].company.text in text and got[0].company.text[:2] in ("光翎", "Ta", "Pa", "跃川")


def test_values_the_company_at_reads_past_a_long_description() -> None:
    got = _rounds(
        "Cirrane raised $1.2 billion. The financing values the London-based developer of reasoning models "
        "at more than $10 billion."
    )
    assert [r.valuation.money.raw if r.valuation else None for r in got] == ["more than $10 billion"]


@pytest.mark.parametrize(
    "text",
    [
        "Since 2012, Ardwell Credit has committed more than $3 billion to over 150 companies.",
        "Ahead of the IPO, the bankers said demand was strong.",
    ],
)
def test_portfolio_totals_and_the_word_ipo_are_not_rounds(text: str) -> None:
    assert _rounds(text) == []


# --------------------------------------------------------------------------- which round a sentence means


def test_that_round_is_the_round_just_told_not_the_one_in_focus() -> None:
    got = _rounds(
        "Vireton is in talks to raise $500 million at a $9 billion valuation. The company raised a Series C "
        "at a $4 billion valuation in 2023. That round was led by Coatue."
    )
    by_stage = {(r.stage.raw if r.stage else None): [i.name for i in r.leads] for r in got}
    assert by_stage == {None: [], "Series C": ["Coatue"]}


def test_a_clause_opening_with_one_of_two_stages_speaks_of_that_round_only() -> None:
    got = _rounds("精衡医疗先后完成B1轮和B2轮融资，累计金额超5亿元，其中B2轮由道远投资领投，老股东跟投。")
    assert [(r.stage.raw if r.stage else None, [i.name for i in r.leads]) for r in got] == [
        ("B1轮", []),
        ("B2轮", ["道远投资"]),
    ]


def test_earlier_this_month_is_news_and_it_previously_raised_is_history() -> None:
    got = _rounds(
        "Juniper Grid raised an $8 million seed round earlier this month. Lowercarbon Capital led. "
        "The company previously raised $2 million from angels."
    )
    assert [(r.amount.money.raw if r.amount else None, r.background) for r in got] == [
        ("$8 million", False),
        ("$2 million", True),
    ]
    assert [i.name for i in got[0].leads] == ["Lowercarbon Capital"]


def test_a_listing_plans_year_does_not_date_the_round() -> None:
    got = _rounds("海岑光电今日宣布完成15亿元Pre-IPO轮融资，公司计划于2026年申报科创板IPO。")
    assert [r.event_date.raw if r.event_date else None for r in got] == ["今日"]


def test_ahead_of_the_ipo_is_an_adverbial_and_a_ceos_career_is_not_a_lead() -> None:
    got = _rounds(
        "In January, ahead of the IPO, Lattimer raised a $250 million pre-IPO round led by T. Rowe Price. "
        "CEO Mira Castell, who previously led a physical-design team at a GPU maker, told us about it."
    )
    assert [(r.company.text, [i.name for i in r.investors]) for r in got] == [("Lattimer", ["T. Rowe Price"])]


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        (
            "Vireton is in talks to raise about $500 million at a valuation of roughly $9 billion, including "
            "the new capital, people familiar said.",
            "post",
        ),
        (
            "Dovemark has agreed to raise up to $600 million. The deal values Dovemark at more than $1 billion "
            "before the new money.",
            "pre",
        ),
    ],
)
def test_valuation_basis_in_plain_words(text: str, basis: str) -> None:
    got = _rounds(text)
    assert [r.valuation_basis.value for r in got] == [basis]


def test_insiders_putting_money_in_are_investors_not_the_company() -> None:
    got = _rounds(
        "Tesselwood Bio has called off talks to raise about $300 million from new investors. Instead, existing "
        "investors Marlow Bio Fund and Pinewood Ventures have agreed to put $75 million into the company as an "
        "extension of its Series B."
    )
    assert [(r.company.text, r.status.status.value, [i.name for i in r.investors]) for r in got] == [
        ("Tesselwood Bio", "cancelled", []),
        ("Tesselwood Bio", "announced", ["Marlow Bio Fund", "Pinewood Ventures"]),
    ]


def test_a_signed_term_sheet_names_its_company() -> None:
    got = _rounds(
        "Meriden Silicon, a designer of inference chips, has signed a term sheet for a new funding round that "
        "would value the company at $12 billion including the new money, people familiar said."
    )
    assert [(r.company.text, r.valuation.money.raw if r.valuation else None) for r in got] == [
        ("Meriden Silicon", "$12 billion")
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "【深石科技完成数亿元A+轮融资】财联社12月3日电，深石科技宣布完成数亿元A+轮融资，由君联资本领投。",
            [("深石科技", ["君联资本"], [])],
        ),
        (
            "Agentic startup Relaywise raised $12M in seed funding from a16z and Sequoia.",
            [("Relaywise", [], ["a16z", "Sequoia"])],
        ),
        (
            "OpenAI在新一轮融资中筹集了400亿美元，投后估值达到3000亿美元，软银领投。",
            [("OpenAI", ["软银"], [])],
        ),
        (
            "上个月，曜川科技完成20亿元C轮融资，领投方是一家国资背景的产业基金，具体名字没有披露，跟投的有恒岳资本和几家老股东。",
            [("曜川科技", [], ["恒岳资本"])],
        ),
    ],
)
def test_newsflash_shapes(text: str, want: list[tuple[str, list[str], list[str]]]) -> None:
    assert _investors(text) == want


def test_a_buyback_is_not_a_round_and_an_anonymous_strategic_investor_is_no_company() -> None:
    assert _rounds("据彭博社报道，字节跳动正以约3000亿美元的估值回购股票。") == []
    got = _rounds("零一万象在今年年初完成了数亿美元融资，投资方为某国际战略投资方和某东南亚财团。")
    assert [(r.company.text, r.stage, [i.name for i in r.investors]) for r in got] == [("零一万象", None, [])]


@pytest.mark.parametrize(
    "text",
    [
        "European robotics startups raised €1.2bn in the first half of the year, according to data from "
        "Dealroom, up from €800m in the same period a year earlier.",
        "The deals come as startup funding in Indonesia fell 40% year-on-year to US$1.1 billion.",
        "据不完全统计，10月共发生投融资事件412起，披露总金额约386亿元。",
    ],
)
def test_market_totals_are_not_rounds(text: str) -> None:
    assert _rounds(text) == []


def test_over_in_a_city_is_not_the_company_and_region_words_are_no_names() -> None:
    got = _rounds(
        "Over in London, Linnora AI, which builds agents for building regulations, has raised a £3.2m pre-seed "
        "round led by Concept Ventures."
    )
    assert [r.company.text for r in got] == ["Linnora AI"]
    assert _rounds("港台日本周融资：港科大系公司获1.5亿港元A轮") == []


def test_a_prospectus_list_of_rounds_under_a_named_company() -> None:
    got = _rounds(
        "根据招股书，砺川机器人自成立以来共完成3轮融资：\n"
        "- 2019年3月，公司完成天使轮融资，出资500万元。\n"
        "- 2020年9月，完成3000万元A轮融资，由经纬创投领投。\n"
        "- 2021年12月，完成2.4亿元B轮融资，由红杉中国领投。\n"
        "本次IPO，砺川机器人拟募资约15亿港元。"
    )
    assert [(r.company.text, r.stage.raw if r.stage else None) for r in got] == [
        ("砺川机器人", "天使轮"),
        ("砺川机器人", "A轮"),
        ("砺川机器人", "B轮"),
    ]


def test_a_down_rounds_earlier_valuation_and_a_spend_product_are_read_right() -> None:
    got = _rounds(
        "Cardwell, the New York startup that offers corporate cards and spend controls to builders, said on "
        "Tuesday it had raised $60 million in a Series D round at a valuation of $700 million, down from "
        "$2.4 billion in its 2022 Series C. The round was led by existing investor QED Investors. "
        "The 2022 Series C raised $200 million and was led by Coatue."
    )
    summary = [
        (
            r.stage.raw if r.stage else None,
            r.amount.money.raw if r.amount else None,
            r.background,
            [i.name for i in r.leads],
        )
        for r in got
    ]
    assert summary == [
        ("Series D round", "$60 million", False, ["QED Investors"]),
        ("Series C", "$200 million", True, ["Coatue"]),
    ]


def test_a_funds_own_post_names_the_fund_as_lead() -> None:
    got = _rounds(
        "Today Quarrystone is announcing its $14 million Series A, and we at Brackenmoor Ventures are proud "
        "to have led it. Hollowpine Capital and Y Combinator joined the round."
    )
    assert [(r.company.text, [i.name for i in r.leads]) for r in got] == [
        ("Quarrystone", ["Brackenmoor Ventures"])
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Brindlewood raised $90 million in a Series B led by Plural. Existing investors Octopus Ventures and "
            "Seraphim Space, and new backer SoftBank Vision Fund 2, also took part.",
            [("Brindlewood", ["Plural"], ["Octopus Ventures", "Seraphim Space", "SoftBank Vision Fund 2"])],
        ),
        (
            "Vellimore Labs is in talks to raise $2 billion. Thrive Capital is expected to lead the investment, "
            "while Nvidia and Fidelity Management & Research are in discussions to participate, said the people.",
            [("Vellimore Labs", ["Thrive Capital"], ["Nvidia", "Fidelity Management & Research"])],
        ),
        (
            "Ambrose Robotics raised $40 million, a filing shows. A person familiar with the deal said General "
            "Catalyst led the round.",
            [("Ambrose Robotics", ["General Catalyst"], [])],
        ),
        (
            "Lumenvale said it had received a $1.8 million Small Business Innovation Research Phase II grant from "
            "the National Science Foundation.",
            [("Lumenvale", [], ["National Science Foundation"])],
        ),
        (
            "Nachtfels Robotics has raised a €12m Series A extension led by Project A Ventures. Existing investor "
            "Lakestar also put more money in.",
            [("Nachtfels Robotics", ["Project A Ventures"], ["Lakestar"])],
        ),
    ],
)
def test_more_english_investor_shapes(text: str, want: list[tuple[str, list[str], list[str]]]) -> None:
    assert _investors(text) == want


def test_rupiah_amounts_keep_their_currency() -> None:
    got = _rounds("Jakarta-based Gudangsa has closed an IDR 150 billion Series A round led by East Ventures.")
    assert [(r.amount.money.raw, r.amount.money.currency) for r in got if r.amount] == [
        ("IDR 150 billion", "IDR")
    ]


def test_listed_company_announcements_name_the_company_invested_in() -> None:
    got = _rounds("【启岳股份：拟出资1亿元参与衡棱科技B轮融资】财联社12月3日电，启岳股份公告。")
    assert [(r.company.text, r.stage.raw if r.stage else None) for r in got] == [("衡棱科技", "B轮")]
    assert (
        _rounds(
            "澜泓股份公告，全资子公司拟以有限合伙人身份出资2亿元，参与设立总规模10亿元的半导体产业投资基金。"
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("上月，衡川智能创始人兼CEO顾迟宣布完成超过20亿元B轮融资。", "衡川智能"),
        ("控股子公司禾汀新能源决定终止此前筹划的3亿元A轮融资。", "禾汀新能源"),
    ],
)
def test_a_founders_title_and_a_decision_are_not_part_of_the_name(text: str, company: str) -> None:
    assert [r.company.text for r in _rounds(text)] == [company]


@pytest.mark.parametrize(
    "text",
    [
        '"We could have waited for a Series B," the founder told reporters.',
        "部分天使轮和A轮投资人出售了所持股份，接盘方包括高瓴。",
        "The transaction is expected to bring Fennwick about $310 million in gross proceeds, including $120 "
        "million from a PIPE.",
    ],
)
def test_a_stage_named_in_passing_investors_of_earlier_rounds_and_spac_proceeds_are_not_rounds(
    text: str,
) -> None:
    assert _rounds(text) == []


def test_a_rumour_prefix_is_not_part_of_the_name_and_interested_investors_are_named() -> None:
    got = _rounds("传字节跳跃拟以3000亿美元估值融资。")
    assert [r.company.text for r in got] == ["字节跳跃"]
    assert _investors("消息人士称，月之暗面正在进行新一轮融资，估值或达40亿美元，腾讯有意参与。") == [
        ("月之暗面", [], ["腾讯"])
    ]


def test_digest_item_headings_name_their_company() -> None:
    text = (
        "## 4. Tessarine：4000万美元A轮\n\n开发者工具公司Tessarine完成4000万美元A轮融资，由Sequoia Capital领投。\n\n"
        "**最大单笔：擎川机器人12亿元C轮**\n\n手术机器人企业擎川机器人完成12亿元C轮融资。\n"
    )
    got = _rounds(text, fmt="markdown")
    assert sorted((r.company.text, r.stage.raw if r.stage else None) for r in got) == [
        ("Tessarine", "A轮"),
        ("擎川机器人", "C轮"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "3月5日，仓川智能宣布，已与中金资本、建信投资签署增资协议，将获得共计6亿元B轮融资。",
        "招股书显示，公司上市前共完成了五轮融资，C轮融资约12亿元。",
    ],
)
def test_lists_and_time_words_are_not_companies(text: str) -> None:
    names_found = [r.company.text for r in _rounds(text)]
    assert all("、" not in n and "上市前" not in n for n in names_found)


def test_a_headline_credit_line_does_not_relabel_the_equity_round() -> None:
    got = _rounds(
        "OpenAI：66亿美元融资+40亿美元信贷额度\n当地时间6月2日，OpenAI宣布完成66亿美元新一轮融资。"
        "次日，OpenAI又宣布获得40亿美元的循环信贷额度。"
    )
    pairs = {(r.stage.stage.value if r.stage else "", r.amount.money.raw if r.amount else "") for r in got}
    assert ("debt", "40亿美元") in pairs
    assert not any(stage == "debt" and amount == "66亿美元" for stage, amount in pairs)
