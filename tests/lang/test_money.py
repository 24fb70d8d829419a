"""Tests for the money grammar: Chinese and English amounts, hedges, ranges, currencies and non-money."""

from __future__ import annotations

import pytest

from dealscope.domain import Money, Qualifier
from dealscope.lang.money import find_money, parse_money

EX, APX, ATL, ATM, OVR, UND, RNG, UNDIS = (
    Qualifier.EXACT,
    Qualifier.APPROXIMATE,
    Qualifier.AT_LEAST,
    Qualifier.AT_MOST,
    Qualifier.OVER,
    Qualifier.UNDER,
    Qualifier.RANGE,
    Qualifier.UNDISCLOSED,
)

# (raw, value, currency, qualifier, low, high)
Want = tuple[str, float | None, str | None, Qualifier, float | None, float | None]


def _ex(raw: str, v: float, cur: str | None) -> Want:
    return (raw, v, cur, EX, None, None)


def _lo(raw: str, v: float, cur: str | None, q: Qualifier) -> Want:
    """A hedge that sets the lower bound (at_least, over)."""
    return (raw, v, cur, q, v, None)


def _hi(raw: str, v: float, cur: str | None, q: Qualifier) -> Want:
    """A hedge that sets the upper bound (at_most, under)."""
    return (raw, v, cur, q, None, v)


def _apx(raw: str, v: float, cur: str | None) -> Want:
    return (raw, v, cur, APX, None, None)


def _rng(raw: str, lo: float, hi: float, cur: str | None) -> Want:
    return (raw, (lo + hi) / 2, cur, RNG, lo, hi)


def _vague(raw: str, lo: float, hi: float, cur: str | None) -> Want:
    return (raw, None, cur, RNG, lo, hi)


def _und(raw: str) -> Want:
    return (raw, None, None, UNDIS, None, None)


# Texts holding exactly one amount.
SINGLE: list[tuple[str, Want]] = [
    # --- Chinese magnitudes and digits
    ("公司完成5亿元B轮融资", _ex("5亿元", 5e8, "CNY")),
    ("获得3000万美元投资", _ex("3000万美元", 3e7, "USD")),
    ("closed an IDR 150 billion round", _ex("IDR 150 billion", 1.5e11, "IDR")),
    ("raised Rp 150 billion", _ex("Rp 150 billion", 1.5e11, "IDR")),
    ("raised 150 billion rupiah", _ex("150 billion rupiah", 1.5e11, "IDR")),
    ("raised SEK 40 million", _ex("SEK 40 million", 4e7, "SEK")),
    ("估值达到1.5万亿元", _ex("1.5万亿元", 1.5e12, "CNY")),
    ("本轮融资额为2.35亿美元", _ex("2.35亿美元", 2.35e8, "USD")),
    ("获１０亿元战略投资", _ex("１０亿元", 1e9, "CNY")),
    ("完成２．５亿美元融资", _ex("２．５亿美元", 2.5e8, "USD")),
    ("完成1,200万美元天使轮融资", _ex("1,200万美元", 1.2e7, "USD")),
    ("获 5 亿元 融资", _ex("5 亿元", 5e8, "CNY")),
    ("宣布获得10亿融资", _ex("10亿", 1e9, None)),
    ("完成500万元种子轮", _ex("500万元", 5e6, "CNY")),
    ("获得人民币5亿元投资", _ex("人民币5亿元", 5e8, "CNY")),
    ("募得5亿元人民币", _ex("5亿元人民币", 5e8, "CNY")),
    ("融资3亿人民币", _ex("3亿人民币", 3e8, "CNY")),
    ("获100万元资助", _ex("100万元", 1e6, "CNY")),
    ("融资1亿2000万元", _ex("1亿2000万元", 1.2e8, "CNY")),
    # --- Chinese numerals
    ("获得十亿元投资", _ex("十亿元", 1e9, "CNY")),
    ("完成两千万美元A轮融资", _ex("两千万美元", 2e7, "USD")),
    ("融资一亿五千万元", _ex("一亿五千万元", 1.5e8, "CNY")),
    ("估值三点五亿美元", _ex("三点五亿美元", 3.5e8, "USD")),
    ("获得一百五十万元天使投资", _ex("一百五十万元", 1.5e6, "CNY")),
    ("完成五千万元Pre-A轮融资", _ex("五千万元", 5e7, "CNY")),
    ("投资金额为二十亿港元", _ex("二十亿港元", 2e9, "HKD")),
    ("获得百亿元注资", _ex("百亿元", 1e10, "CNY")),
    ("获壹亿元投资", _ex("壹亿元", 1e8, "CNY")),
    ("融资两亿美元", _ex("两亿美元", 2e8, "USD")),
    # --- currencies
    ("募资5000万美金", _ex("5000万美金", 5e7, "USD")),
    ("获得1亿港元投资", _ex("1亿港元", 1e8, "HKD")),
    ("获得2亿港币投资", _ex("2亿港币", 2e8, "HKD")),
    ("获得3000万欧元投资", _ex("3000万欧元", 3e7, "EUR")),
    ("完成2000万英镑融资", _ex("2000万英镑", 2e7, "GBP")),
    ("完成10亿日元融资", _ex("10亿日元", 1e9, "JPY")),
    ("获得5亿新台币投资", _ex("5亿新台币", 5e8, "TWD")),
    ("获得3亿新加坡元投资", _ex("3亿新加坡元", 3e8, "SGD")),
    ("获得500亿韩元投资", _ex("500亿韩元", 5e10, "KRW")),
    ("获得1亿瑞郎投资", _ex("1亿瑞郎", 1e8, "CHF")),
    ("港币2亿元", _ex("港币2亿元", 2e8, "HKD")),
    ("估值约为25亿元", _apx("约为25亿元", 2.5e9, "CNY")),
    ("签约为5亿元的合同", _ex("5亿元", 5e8, "CNY")),
    ("完成1000万元首轮融资", _ex("1000万元", 1e7, "CNY")),
    ("获得2亿元年度战略投资", _ex("2亿元", 2e8, "CNY")),
    ("获得¥500万天使投资", _ex("¥500万", 5e6, "CNY")),
    ("获得￥1.2亿元融资", _ex("￥1.2亿元", 1.2e8, "CNY")),
    ("ソフトバンクが¥1000億を出資", _ex("¥1000億", 1e11, "JPY")),
    ("The startup raised ¥5 billion from local banks", _ex("¥5 billion", 5e9, "JPY")),
    ("the fund put in HK$300 million", _ex("HK$300 million", 3e8, "HKD")),
    ("a NT$2 billion round", _ex("NT$2 billion", 2e9, "TWD")),
    ("raised S$40 million", _ex("S$40 million", 4e7, "SGD")),
    ("raised A$15 million", _ex("A$15 million", 1.5e7, "AUD")),
    ("raised C$25 million", _ex("C$25 million", 2.5e7, "CAD")),
    ("secured ₹500 crore", _ex("₹500 crore", 5e9, "INR")),
    ("raised USD 30 million", _ex("USD 30 million", 3e7, "USD")),
    ("a RMB 200 million round", _ex("RMB 200 million", 2e8, "CNY")),
    ("a 500 million yuan round", _ex("500 million yuan", 5e8, "CNY")),
    ("raised 5 million euros", _ex("5 million euros", 5e6, "EUR")),
    ("raised 20 million pounds", _ex("20 million pounds", 2e7, "GBP")),
    ("raised 3 billion yen", _ex("3 billion yen", 3e9, "JPY")),
    # --- Chinese hedges before the amount
    ("估值约65亿美元", (_apx("约65亿美元", 6.5e9, "USD"))),
    ("融资大约3亿元", (_apx("大约3亿元", 3e8, "CNY"))),
    ("估值近百亿元", _hi("近百亿元", 1e10, "CNY", UND)),
    ("完成近亿元融资", _hi("近亿元", 1e8, "CNY", UND)),
    ("融资将近2亿美元", _hi("将近2亿美元", 2e8, "USD", UND)),
    ("融资接近5000万美元", _hi("接近5000万美元", 5e7, "USD", UND)),
    ("融资不到1亿元", _hi("不到1亿元", 1e8, "CNY", UND)),
    ("金额不足500万元", _hi("不足500万元", 5e6, "CNY", UND)),
    ("融资超10亿元", _lo("超10亿元", 1e9, "CNY", OVR)),
    ("融资超过2亿美元", _lo("超过2亿美元", 2e8, "USD", OVR)),
    ("估值逾百亿美元", _lo("逾百亿美元", 1e10, "USD", OVR)),
    ("估值突破千亿元", _lo("突破千亿元", 1e11, "CNY", OVR)),
    ("融资至多5亿元", _hi("至多5亿元", 5e8, "CNY", ATM)),
    ("融资最多3亿美元", _hi("最多3亿美元", 3e8, "USD", ATM)),
    ("融资最高20亿元", _hi("最高20亿元", 2e9, "CNY", ATM)),
    ("不超过1亿美元", _hi("不超过1亿美元", 1e8, "USD", ATM)),
    ("融资至少1亿美元", _lo("至少1亿美元", 1e8, "USD", ATL)),
    ("估值不低于50亿元", _lo("不低于50亿元", 5e9, "CNY", ATL)),
    ("投资不少于3000万元", _lo("不少于3000万元", 3e7, "CNY", ATL)),
    ("融资高达5亿美元", _ex("高达5亿美元", 5e8, "USD")),
    ("多达10亿元", _ex("多达10亿元", 1e9, "CNY")),
    # --- Chinese hedges after the amount
    ("估值50亿美元左右", (_apx("50亿美元左右", 5e9, "USD"))),
    ("估值约50亿美元左右", (_apx("约50亿美元左右", 5e9, "USD"))),
    ("融资1亿元上下", (_apx("1亿元上下", 1e8, "CNY"))),
    ("融资5亿元以上", _lo("5亿元以上", 5e8, "CNY", OVR)),
    ("估值10亿美元出头", _lo("10亿美元出头", 1e9, "USD", OVR)),
    ("单笔投资100万元起", _lo("100万元起", 1e6, "CNY", ATL)),
    ("融资3000万元以内", _hi("3000万元以内", 3e7, "CNY", ATM)),
    ("获3000多万元投资", _lo("3000多万元", 3e7, "CNY", OVR)),
    ("获3000余万元投资", _lo("3000余万元", 3e7, "CNY", OVR)),
    ("融资十余亿元", _lo("十余亿元", 1e9, "CNY", OVR)),
    ("融资1亿多美元", _lo("1亿多美元", 1e8, "USD", OVR)),
    ("融资额上亿", _lo("上亿", 1e8, None, OVR)),
    ("获上亿元投资", _lo("上亿元", 1e8, "CNY", OVR)),
    ("融资金额过亿元", _lo("过亿元", 1e8, "CNY", OVR)),
    ("估值破百亿", _lo("破百亿", 1e10, None, OVR)),
    # --- Chinese vague amounts
    ("获得数千万元A轮融资", _vague("数千万元", 2e7, 9e7, "CNY")),
    ("完成数亿美元融资", _vague("数亿美元", 2e8, 9e8, "USD")),
    ("获得数十亿元投资", _vague("数十亿元", 2e9, 9e9, "CNY")),
    ("拟募集几十亿美元", _vague("几十亿美元", 2e9, 9e9, "USD")),
    ("获得数百万美元种子轮", _vague("数百万美元", 2e6, 9e6, "USD")),
    ("完成几百万元天使轮", _vague("几百万元", 2e6, 9e6, "CNY")),
    ("获几亿融资", _vague("几亿", 2e8, 9e8, None)),
    ("完成千万级融资", _vague("千万级", 1e7, 1e8, None)),
    ("完成亿元级融资", _vague("亿元级", 1e8, 1e9, "CNY")),
    ("完成千万美元级融资", _vague("千万美元级", 1e7, 1e8, "USD")),
    ("百万级天使轮", _vague("百万级", 1e6, 1e7, None)),
    ("完成千万级美元A轮融资", _vague("千万级美元", 1e7, 1e8, "USD")),
    ("获千万级人民币天使轮融资", _vague("千万级人民币", 1e7, 1e8, "CNY")),
    # --- Chinese ranges
    ("估值80亿至100亿元", _rng("80亿至100亿元", 8e9, 1e10, "CNY")),
    ("估值80亿至100亿美元", _rng("80亿至100亿美元", 8e9, 1e10, "USD")),
    ("融资200-300亿美元", _rng("200-300亿美元", 2e10, 3e10, "USD")),
    ("拟融资1-2亿", _rng("1-2亿", 1e8, 2e8, None)),
    ("融资20~30亿元", _rng("20~30亿元", 2e9, 3e9, "CNY")),
    ("融资20～30亿元", _rng("20～30亿元", 2e9, 3e9, "CNY")),
    ("融资20—30亿元", _rng("20—30亿元", 2e9, 3e9, "CNY")),
    ("融资5000万到1亿元", _rng("5000万到1亿元", 5e7, 1e8, "CNY")),
    ("融资5000万元至1亿元", _rng("5000万元至1亿元", 5e7, 1e8, "CNY")),
    ("融资一两亿元", _rng("一两亿元", 1e8, 2e8, "CNY")),
    ("融资七八千万", _rng("七八千万", 7e7, 8e7, None)),
    ("获三四百万美元投资", _rng("三四百万美元", 3e6, 4e6, "USD")),
    ("融资 3 - 5 亿美元", _rng("3 - 5 亿美元", 3e8, 5e8, "USD")),
    # --- English, plain
    ("OpenAI raised $6.6B in its latest round", _ex("$6.6B", 6.6e9, "USD")),
    ("a round of 6.6 billion dollars", _ex("6.6 billion dollars", 6.6e9, "USD")),
    ("It raised US$20m from investors", _ex("US$20m", 2e7, "USD")),
    ("secured £18 million in Series A funding", _ex("£18 million", 1.8e7, "GBP")),
    ("closed a €40M Series B", _ex("€40M", 4e7, "EUR")),
    ("raised $1,500,000 in seed funding", _ex("$1,500,000", 1.5e6, "USD")),
    ("raised $300k from angels", _ex("$300k", 3e5, "USD")),
    ("a $2bn valuation", _ex("$2bn", 2e9, "USD")),
    ("raised $12.5 mn", _ex("$12.5 mn", 1.25e7, "USD")),
    ("valued at $1.5 trillion", _ex("$1.5 trillion", 1.5e12, "USD")),
    ("raised US$ 50 million", _ex("US$ 50 million", 5e7, "USD")),
    ("a 20 million US dollar round", _ex("20 million US dollar", 2e7, "USD")),
    ("a $50 million Series B led by Sequoia", _ex("$50 million", 5e7, "USD")),
    ("raised $500 million.", _ex("$500 million", 5e8, "USD")),
    ("raised $1.25B, led by a16z", _ex("$1.25B", 1.25e9, "USD")),
    ("The company raised 50 million", _ex("50 million", 5e7, None)),
    ("raised $5 million", _ex("$5 million", 5e6, "USD")),
    ("raised two million dollars", _ex("two million dollars", 2e6, "USD")),
    ("a whopping $2 billion round", _ex("a whopping $2 billion", 2e9, "USD")),
    # --- English hedges
    ("raised roughly $10 million", (_apx("roughly $10 million", 1e7, "USD"))),
    ("raised about $2bn", (_apx("about $2bn", 2e9, "USD"))),
    ("valued at around $300 million", (_apx("around $300 million", 3e8, "USD"))),
    ("approximately $75 million", (_apx("approximately $75 million", 7.5e7, "USD"))),
    ("a round of ~$5M", (_apx("~$5M", 5e6, "USD"))),
    ("an estimated $40 million", (_apx("an estimated $40 million", 4e7, "USD"))),
    ("some $200 million", (_apx("some $200 million", 2e8, "USD"))),
    ("$100 million or so", (_apx("$100 million or so", 1e8, "USD"))),
    ("seeking up to $500 million", _hi("up to $500 million", 5e8, "USD", ATM)),
    ("raising as much as $3 billion", _hi("as much as $3 billion", 3e9, "USD", ATM)),
    ("as high as $90 billion", _hi("as high as $90 billion", 9e10, "USD", ATM)),
    ("no more than $20 million", _hi("no more than $20 million", 2e7, "USD", ATM)),
    ("a valuation north of $1 billion", _lo("north of $1 billion", 1e9, "USD", OVR)),
    ("raised more than $2 billion", _lo("more than $2 billion", 2e9, "USD", OVR)),
    ("raised over $100 million", _lo("over $100 million", 1e8, "USD", OVR)),
    ("raised just over $100 million", _lo("just over $100 million", 1e8, "USD", OVR)),
    ("upwards of $250 million", _lo("upwards of $250 million", 2.5e8, "USD", OVR)),
    ("in excess of $1 billion", _lo("in excess of $1 billion", 1e9, "USD", OVR)),
    ("a $50 million-plus round", _lo("$50 million-plus", 5e7, "USD", OVR)),
    ("raised $10M+ so far", _lo("$10M+", 1e7, "USD", OVR)),
    ("raised nearly $1 billion", _hi("nearly $1 billion", 1e9, "USD", UND)),
    ("raised almost $400 million", _hi("almost $400 million", 4e8, "USD", UND)),
    ("raised less than $5 million", _hi("less than $5 million", 5e6, "USD", UND)),
    ("just shy of $1 billion", _hi("just shy of $1 billion", 1e9, "USD", UND)),
    ("close to $700 million", _hi("close to $700 million", 7e8, "USD", UND)),
    ("raised at least $50 million", _lo("at least $50 million", 5e7, "USD", ATL)),
    ("a minimum of $10 million", _lo("a minimum of $10 million", 1e7, "USD", ATL)),
    ("no less than $30 million", _lo("no less than $30 million", 3e7, "USD", ATL)),
    # --- English ranges
    ("between $1 billion and $2 billion", _rng("between $1 billion and $2 billion", 1e9, 2e9, "USD")),
    ("between $1 and $2 billion", _rng("between $1 and $2 billion", 1e9, 2e9, "USD")),
    ("seeking $1-2 billion", _rng("$1-2 billion", 1e9, 2e9, "USD")),
    ("seeking $500M-$1B", _rng("$500M-$1B", 5e8, 1e9, "USD")),
    ("seeking $20 million to $30 million", _rng("$20 million to $30 million", 2e7, 3e7, "USD")),
    ("seeking $20 to $30 million", _rng("$20 to $30 million", 2e7, 3e7, "USD")),
    ("seeking 3-5 billion dollars", _rng("3-5 billion dollars", 3e9, 5e9, "USD")),
    # --- English vague
    ("raised tens of millions of dollars", _vague("tens of millions of dollars", 2e7, 9e7, "USD")),
    (
        "a deal worth hundreds of millions of dollars",
        _vague("hundreds of millions of dollars", 2e8, 9e8, "USD"),
    ),
    ("several million dollars", _vague("several million dollars", 2e6, 9e6, "USD")),
    ("an eight-figure round", _vague("eight-figure", 1e7, 1e8, None)),
    ("a seven figure sum", _vague("seven figure", 1e6, 1e7, None)),
    # --- undisclosed
    ("完成A轮融资，未披露金额", _und("未披露金额")),
    ("完成A轮融资，金额未透露", _und("金额未透露")),
    ("本轮融资金额未披露", _und("本轮融资金额未披露")),
    ("具体金额暂未披露", _und("具体金额暂未披露")),
    ("交易金额不详", _und("金额不详")),
    ("未公开具体金额", _und("未公开具体金额")),
    ("raised an undisclosed amount", _und("an undisclosed amount")),
    ("for an undisclosed sum", _und("an undisclosed sum")),
    ("raised an unspecified amount", _und("an unspecified amount")),
    ("The amount was not disclosed.", _und("The amount was not disclosed")),
    # --- amounts next to names, stages and dates
    ("由Thrive Capital领投5亿美元", _ex("5亿美元", 5e8, "USD")),
    ("获得Khosla Ventures2000万美元投资", _ex("2000万美元", 2e7, "USD")),
    ("获a16z 1亿美元投资", _ex("1亿美元", 1e8, "USD")),
    ("完成Pre-A轮5000万元融资", _ex("5000万元", 5e7, "CNY")),
    ("完成B+轮3亿元融资", _ex("3亿元", 3e8, "CNY")),
    ("2024年完成2亿美元融资", _ex("2亿美元", 2e8, "USD")),
    ("3月5日，公司获1亿元投资", _ex("1亿元", 1e8, "CNY")),
    ("（约合人民币7亿元）", (_apx("约合人民币7亿元", 7e8, "CNY"))),
    # --- English number words take a currency after them
    ("raised nearly a billion dollars", _hi("nearly a billion dollars", 1e9, "USD", UND)),
    ("about half a billion dollars", (_apx("about half a billion dollars", 5e8, "USD"))),
    ("more than two billion euros", _lo("more than two billion euros", 2e9, "EUR", OVR)),
    ("a hundred million dollars in funding", _ex("a hundred million dollars", 1e8, "USD")),
    ("raised two hundred million dollars", _ex("two hundred million dollars", 2e8, "USD")),
    ("a seventy-five million dollar round", _ex("seventy-five million dollar", 7.5e7, "USD")),
    (
        "one hundred and twenty-five million dollars",
        _ex("one hundred and twenty-five million dollars", 1.25e8, "USD"),
    ),
    ("two and a half million pounds", _ex("two and a half million pounds", 2.5e6, "GBP")),
    ("three point two billion yen", _ex("three point two billion yen", 3.2e9, "JPY")),
    # --- currencies of the Gulf, Latin America and Southeast Asia
    ("raised AED 55 million", _ex("AED 55 million", 5.5e7, "AED")),
    ("a 40 million riyal round", _ex("40 million riyal", 4e7, "SAR")),
    ("完成5000万迪拉姆融资", _ex("5000万迪拉姆", 5e7, "AED")),
    ("获得1亿泰铢投资", _ex("1亿泰铢", 1e8, "THB")),
    ("about fifteen million euros", _apx("about fifteen million euros", 1.5e7, "EUR")),
    # --- the currency before the number wins over a bare 元 after it
    ("港元5000万元", _ex("港元5000万元", 5e7, "HKD")),
    ("HK$2亿元", _ex("HK$2亿元", 2e8, "HKD")),
    ("三千元", _ex("三千元", 3000.0, "CNY")),
    ("完成Pre-A1亿元融资", _ex("1亿元", 1e8, "CNY")),
    ("获２００万元天使投资", _ex("２００万元", 2e6, "CNY")),
    # --- cue look-alikes: 签约 is not 约, 最近 is not 近
    ("签约3亿元", _ex("3亿元", 3e8, "CNY")),
    ("最近获1亿元投资", _ex("1亿元", 1e8, "CNY")),
]

# Texts holding several amounts, in order.
MULTI: list[tuple[str, list[Want]]] = [
    ("融资5亿元，估值50亿元", [_ex("5亿元", 5e8, "CNY"), _ex("50亿元", 5e9, "CNY")]),
    ("融资5亿美元,估值50亿美元", [_ex("5亿美元", 5e8, "USD"), _ex("50亿美元", 5e9, "USD")]),
    ("融资3亿元、估值30亿元", [_ex("3亿元", 3e8, "CNY"), _ex("30亿元", 3e9, "CNY")]),
    (
        "以20亿美元估值融资约3亿美元",
        [_ex("20亿美元", 2e9, "USD"), _apx("约3亿美元", 3e8, "USD")],
    ),
    (
        "raised $50 million at a $1 billion valuation",
        [_ex("$50 million", 5e7, "USD"), _ex("$1 billion", 1e9, "USD")],
    ),
    (
        "raised $50 million, valuing it at $1 billion",
        [_ex("$50 million", 5e7, "USD"), _ex("$1 billion", 1e9, "USD")],
    ),
    (
        "its valuation rose from $1 billion to $5 billion",
        [_ex("$1 billion", 1e9, "USD"), _ex("$5 billion", 5e9, "USD")],
    ),
    (
        "获得数百万美元融资，具体金额未披露",
        [_vague("数百万美元", 2e6, 9e6, "USD"), _und("具体金额未披露")],
    ),
    (
        "其中红杉出资1亿元，高瓴出资5000万元",
        [_ex("1亿元", 1e8, "CNY"), _ex("5000万元", 5e7, "CNY")],
    ),
    (
        "拥有3000万用户，完成2亿元融资",
        [_ex("2亿元", 2e8, "CNY")],
    ),
    (
        "10 million users and $20 million in funding",
        [_ex("$20 million", 2e7, "USD")],
    ),
    (
        "2024年营收1亿元，2025年融资超5亿元",
        [_ex("1亿元", 1e8, "CNY"), _lo("超5亿元", 5e8, "CNY", OVR)],
    ),
    (
        "融资额从1亿元增至3亿元",
        [_ex("1亿元", 1e8, "CNY"), _ex("3亿元", 3e8, "CNY")],
    ),
    (
        "本轮融资5亿元，其中老股东跟投约1亿元",
        [_ex("5亿元", 5e8, "CNY"), _apx("约1亿元", 1e8, "CNY")],
    ),
    (
        "A轮1亿元，B轮3亿元，C轮10亿元",
        [_ex("1亿元", 1e8, "CNY"), _ex("3亿元", 3e8, "CNY"), _ex("10亿元", 1e9, "CNY")],
    ),
]

# Texts with no money at all.
NEGATIVE: list[str] = [
    "平台拥有3000万用户",
    "App累计1亿次下载",
    "The app has 10 million users",
    "downloads topped 10 million",
    "公司成立于2024年",
    "营收同比增长35%",
    "毛利率为12.5%",
    "Meta released Llama 3 70B last year",
    "Qwen2.5-72B 表现出色",
    "一个7B参数的模型",
    "70亿参数的大模型",
    "trained on 15T tokens",
    "支持4K视频",
    "8K屏幕",
    "公司发力元宇宙",
    "推进多元化战略",
    "2024年是AI应用元年",
    "完成B轮融资",
    "聚焦2B端市场",
    "员工超过500人",
    "has 1,000 employees",
    "覆盖3.5亿人口",
    "销量突破100万台",
    "月活用户达2000万",
    "3 million people use it",
    "a 10m tall statue",
    "三元组抽取",
    "十万个为什么",
    "百万富翁",
    "千万不要错过",
    "iPhone 15 Pro",
    "GPT-4 发布",
    "第3名",
    "未披露投资方名称",
    "5G手机",
    "公司有50名员工",
    "签约仪式在北京举行",
    "The firm employs 2 million",
    "a population of 1.4 billion",
    "one million users signed up",
    "it raised one million",
    "十万八千里",
    "首批三千",
    "花了三千五百",
    "数据显示",
    "万科发布公告",
]


def _view(m: Money) -> Want:
    return (m.raw, m.value, m.currency, m.qualifier, m.low, m.high)


def _check(got: Money, want: Want) -> None:
    raw, value, cur, q, low, high = want
    assert got.raw == raw
    assert got.currency == cur
    assert got.qualifier is q
    for g, w in ((got.value, value), (got.low, low), (got.high, high)):
        assert (g is None) == (w is None), _view(got)
        if w is not None:
            assert g == pytest.approx(w, rel=1e-9)


def _found(text: str) -> list[Money]:
    """`find_money`, checking what holds for every hit: spans quote `raw`, in order, no overlap."""
    found = find_money(text)
    last = -1
    for m in found:
        assert m.span is not None
        assert text[m.span.start : m.span.end] == m.raw
        assert m.span.start >= last
        last = m.span.end
        assert not m.currency_assumed  # filling in a currency is the assembler's job
    return found


@pytest.mark.parametrize(("text", "want"), SINGLE, ids=[t for t, _ in SINGLE])
def test_single_amount(text: str, want: Want) -> None:
    found = _found(text)
    assert len(found) == 1, [_view(m) for m in found]
    _check(found[0], want)


@pytest.mark.parametrize(("text", "wants"), MULTI, ids=[t for t, _ in MULTI])
def test_several_amounts(text: str, wants: list[Want]) -> None:
    found = _found(text)
    assert len(found) == len(wants), [_view(m) for m in found]
    for got, want in zip(found, wants, strict=True):
        _check(got, want)


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_money(text: str) -> None:
    found = find_money(text)
    assert found == [], [_view(m) for m in found]


# --------------------------------------------------------------------------- windows


ROUNDS = "A轮融资1亿元，B轮融资3亿美元。"


def test_start_skips_earlier_amounts_and_keeps_absolute_offsets() -> None:
    start = ROUNDS.index("，")
    found = find_money(ROUNDS, start=start)
    assert [m.raw for m in found] == ["3亿美元"]
    span = found[0].span
    assert span is not None and span.start == ROUNDS.index("3亿美元")
    assert ROUNDS[span.start : span.end] == "3亿美元"


def test_end_stops_before_later_amounts() -> None:
    found = find_money(ROUNDS, end=ROUNDS.index("，"))
    assert [(m.raw, m.currency) for m in found] == [("1亿元", "CNY")]


def test_window_in_the_middle_of_a_longer_text() -> None:
    text = "前文估值100亿元。" + ROUNDS + "后文估值200亿元。"
    a = text.index("A轮")
    found = find_money(text, start=a, end=a + len(ROUNDS))
    assert [m.raw for m in found] == ["1亿元", "3亿美元"]
    for m in found:
        assert m.span is not None and text[m.span.start : m.span.end] == m.raw


def test_hedge_before_start_is_not_read() -> None:
    text = "融资约5亿元"
    found = find_money(text, start=text.index("5"))
    assert len(found) == 1
    assert (found[0].raw, found[0].qualifier) == ("5亿元", EX)


def test_empty_and_inverted_windows() -> None:
    assert find_money("") == []
    assert find_money(ROUNDS, start=10, end=5) == []
    assert find_money(ROUNDS, start=len(ROUNDS)) == []
    assert [m.raw for m in find_money(ROUNDS, start=-5, end=10_000)] == ["1亿元", "3亿美元"]


def test_full_width_text_keeps_original_characters_in_raw() -> None:
    text = "获得ＵＳ＄２０ｍ投资"
    found = find_money(text)
    assert len(found) == 1
    assert found[0].raw == "ＵＳ＄２０ｍ"
    assert (found[0].value, found[0].currency) == (2e7, "USD")


def test_long_article_finds_every_amount_in_order() -> None:
    para = "公司宣布完成3亿元B轮融资，估值约30亿元，拥有500万用户。"
    text = para * 50
    found = find_money(text)
    assert len(found) == 100
    assert [m.raw for m in found[:2]] == ["3亿元", "约30亿元"]
    assert all(m.span is not None and text[m.span.start : m.span.end] == m.raw for m in found)


# --------------------------------------------------------------------------- parse_money


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("约65亿美元", _apx("约65亿美元", 6.5e9, "USD")),
        ("$6.6 billion", _ex("$6.6 billion", 6.6e9, "USD")),
        (" 5亿元 ", _ex("5亿元", 5e8, "CNY")),
        ("5亿元。", _ex("5亿元", 5e8, "CNY")),
        ("80亿至100亿元", _rng("80亿至100亿元", 8e9, 1e10, "CNY")),
        ("数千万元", _vague("数千万元", 2e7, 9e7, "CNY")),
        ("undisclosed amount", _und("undisclosed amount")),
    ],
)
def test_parse_money_reads_one_expression(raw: str, want: Want) -> None:
    got = parse_money(raw)
    assert got is not None
    _check(got, want)


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "融资金额", "2024年", "5亿元，估值50亿元", "3000万用户", "公司今天宣布完成了5亿元的融资计划"],
)
def test_parse_money_rejects_non_amounts(raw: str) -> None:
    assert parse_money(raw) is None


def test_a_programming_language_version_is_not_money() -> None:
    assert find_money("The PHP 8 release shipped.") == []
