"""Names and status, read from single sentences the way funding news writes them.

The name functions are tested on their own (spans into the text), then the whole extractor on one
short article per case: which company, which investors in which role, which status.
"""

from __future__ import annotations

import pytest

from dealscope.domain import Document, InvestorRole, Status
from dealscope.extract import lists, names
from dealscope.extract.rules import RuleExtractor
from dealscope.ingest import read_text

EXTRACTOR = RuleExtractor()


def _doc(text: str) -> Document:
    return read_text(text, path="test.txt", fmt="text", title="", published="2025-06-10")


def _rounds(text: str) -> list[dict[str, object]]:
    out = []
    for r in EXTRACTOR.extract(_doc(text)).rounds:
        out.append(
            {
                "company": r.company.text,
                "status": r.status.status,
                "leads": [i.name for i in r.investors if i.role is InvestorRole.LEAD],
                "others": [i.name for i in r.investors if i.role is not InvestorRole.LEAD],
                "background": r.background,
            }
        )
    return out


# --------------------------------------------------------------------------- name edges


@pytest.mark.parametrize(
    ("clause", "name"),
    [
        ("AI 编程公司Poolside", "Poolside"),
        ("具身智能初创企业银河通用", "银河通用"),
        ("“卡方科技”", "卡方科技"),
        ("据悉，星图智算", "星图智算"),
        ("横向对比，穹图的主要竞争对手衍象科技", "衍象科技"),
        ("近日，智算服务商深算云", "深算云"),
        ("月之暗面", "月之暗面"),
        ("3月12日消息，面向自动驾驶的雷达公司“寰宇感知”", "寰宇感知"),
        ("创新药企珀岩生物", "珀岩生物"),
        ("如何看待熵川智能传出", "熵川智能"),
        ("象屿科技方面随后确认", "象屿科技"),
        ("OpenAI估值", "OpenAI"),
    ],
)
def test_company_zh_finds_the_name_after_descriptors(clause: str, name: str) -> None:
    w = names.company_zh(clause, 0, len(clause))
    assert w is not None
    assert clause[w[0] : w[1]] == name


@pytest.mark.parametrize(
    ("clause", "name"),
    [
        ("French AI startup Mistral AI", "Mistral AI"),
        ("Elon Musk's xAI", "xAI"),
        ("In March, Anthropic", "Anthropic"),
        ("Harborline, a four-year-old maker of port software,", "Harborline"),
        ("AUSTIN, Texas, March 4, 2025 /PRNewswire/ -- Verdant Grid, the software platform,", "Verdant Grid"),
        ("Spindrift Code (SF), an AI code-review startup,", "Spindrift Code"),
    ],
)
def test_company_en_takes_the_subject(clause: str, name: str) -> None:
    w = names.company_en(clause, 0, len(clause))
    assert w is not None
    assert clause[w[0] : w[1]] == name


def test_a_descriptor_subject_is_no_name() -> None:
    clause = "The Portland, Oregon-based startup"
    assert names.company_en(clause, 0, len(clause)) is None


@pytest.mark.parametrize(
    "fragment",
    [
        "今年上半年刚",
        "这也部分解释了为什么",
        "一位参与",
        "2022年",
        "据说",
        "英国AI安全公司",
        "In March",
        "Series A",
        "Instead",
        "36氪获悉",
        "比一年前B轮时",
        "除恒泽投资外",
        "取得目标公司股东会批准）",
        "最重要的战略股东之一",
    ],
)
def test_prose_fragments_are_not_company_names(fragment: str) -> None:
    assert not names.company_like(fragment)


@pytest.mark.parametrize(
    "name", ["月之暗面", "智谱AI", "Thrive Capital", "a16z", "xAI", "星枢动力", "Mistral AI"]
)
def test_real_names_pass_the_shape_test(name: str) -> None:
    assert names.company_like(name)


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("红杉中国、高瓴创投和IDG资本", ["红杉中国", "高瓴创投", "IDG资本"]),
        ("老股东奇点创投及源初资本", ["奇点创投", "源初资本"]),
        ("知名天使投资人徐衡", ["徐衡"]),
        ("华鼎投资、晨晖资本等", ["华鼎投资", "晨晖资本"]),
        ("受让方为中金资本、泰康", ["中金资本", "泰康"]),
        ("省级引导基金", []),
        ("没有公开", []),
    ],
)
def test_split_names_zh(listing: str, expected: list[str]) -> None:
    got = [listing[a:b] for (a, b), _ in lists.split_names_zh(listing, 0, len(listing))]
    assert got == expected


def test_split_names_zh_flags_existing_investors_and_drops_anonymous_ones() -> None:
    listing = "澜岸资本、某头部手机厂商旗下的产业基金及老股东远渡创投"
    got = [(listing[a:b], existing) for (a, b), existing in lists.split_names_zh(listing, 0, len(listing))]
    assert got == [("澜岸资本", False), ("远渡创投", True)]


def test_split_names_en_keeps_ampersands_inside_names() -> None:
    listing = "Fidelity Management & Research Company, Altimeter and existing investors Coatue and GIC"
    got = [(listing[a:b], ex) for (a, b), ex in lists.split_names_en(listing, 0, len(listing))]
    assert got == [
        ("Fidelity Management & Research Company", False),
        ("Altimeter", False),
        ("Coatue", True),
        ("GIC", True),
    ]


# --------------------------------------------------------------------------- roles through the extractor


def test_lead_and_follow_roles_in_chinese() -> None:
    [r] = _rounds("星枢动力宣布完成12亿元C轮融资，本轮由恒岳资本领投，国澜产业基金、澜岸资本跟投。")
    assert r["company"] == "星枢动力"
    assert r["leads"] == ["恒岳资本"]
    assert r["others"] == ["国澜产业基金", "澜岸资本"]


def test_english_list_before_co_led_is_one_list() -> None:
    [r] = _rounds("Anysphere has raised $900 million in a Series C round. Accel and Coatue co-led the round.")
    assert r["leads"] == ["Accel", "Coatue"]


def test_english_participants_after_commas() -> None:
    text = (
        "OpenAI has raised $6.6 billion in new funding. Thrive Capital led the round. "
        "Microsoft, Nvidia, SoftBank and Khosla Ventures also took part."
    )
    [r] = _rounds(text)
    assert r["leads"] == ["Thrive Capital"]
    assert r["others"] == ["Microsoft", "Nvidia", "SoftBank", "Khosla Ventures"]


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("星图智算宣布完成5亿元B轮融资，由高瓴创投领投。", Status.COMPLETED),
        ("星图智算宣布将获得5亿元B轮融资，由高瓴创投领投。", Status.ANNOUNCED),
        ("星图智算正洽谈新一轮融资，估值约50亿元。", Status.IN_TALKS),
        ("据知情人士透露，星图智算正在以50亿元估值寻求新一轮融资。", Status.IN_TALKS),
        ("星图智算拟融资10亿元，计划明年启动C轮。", Status.PLANNED),
        ("消息称，星图智算获得腾讯5亿元B轮投资。", Status.RUMORED),
        ("星图智算的5亿元B轮融资已终止，原定领投方高瓴创投退出。", Status.CANCELLED),
        ("Harborline has closed a $40 million Series B round led by Accel.", Status.COMPLETED),
        ("Harborline is in talks to raise $40 million at a $400 million valuation.", Status.IN_TALKS),
        ("Harborline plans to raise $40 million in a Series B round next year.", Status.PLANNED),
        ("Harborline has agreed to a $40 million Series B investment from Accel.", Status.ANNOUNCED),
        ("Harborline raised $40 million in a Series B round, sources say.", Status.RUMORED),
        ("Harborline's $40 million Series B round was called off last week.", Status.CANCELLED),
    ],
)
def test_status_cues(text: str, status: Status) -> None:
    rounds = _rounds(text)
    assert rounds, text
    assert rounds[0]["status"] is status


def test_a_past_round_is_background() -> None:
    text = "星枢动力宣布完成12亿元C轮融资。此前，公司曾于2022年3月获得3000万元天使轮融资。"
    rounds = _rounds(text)
    assert [(r["company"], r["background"]) for r in rounds] == [("星枢动力", False), ("星枢动力", True)]
