"""The invented world behind the synthetic corpus: companies, investors, rounds, and how to write them.

A `World` holds pools of organisations so that companies raise again at later stages, popular
investors recur, and some rounds are reported by several articles (what the merge stage groups).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from benchmarks import corpus_vocab as v

# stage key -> (Chinese words, English words, typical USD size low, high)
STAGES: dict[str, tuple[str, str, float, float]] = {
    "seed": ("种子轮", "seed", 0.5e6, 4e6),
    "angel": ("天使轮", "angel", 0.3e6, 3e6),
    "pre_a": ("Pre-A轮", "pre-Series A", 1e6, 8e6),
    "a": ("A轮", "Series A", 3e6, 30e6),
    "a_plus": ("A+轮", "Series A-1", 5e6, 40e6),
    "b": ("B轮", "Series B", 15e6, 80e6),
    "b_plus": ("B+轮", "Series B extension", 20e6, 100e6),
    "c": ("C轮", "Series C", 40e6, 250e6),
    "d": ("D轮", "Series D", 80e6, 500e6),
    "e": ("E轮", "Series E", 150e6, 1.5e9),
    "pre_ipo": ("Pre-IPO轮", "pre-IPO", 50e6, 400e6),
    "strategic": ("战略融资", "strategic", 5e6, 200e6),
    "unknown": ("新一轮融资", "new funding", 5e6, 100e6),
}
LADDER = ("seed", "angel", "pre_a", "a", "a_plus", "b", "b_plus", "c", "d", "e", "pre_ipo")
STATUSES = ("completed", "announced", "in_talks", "planned", "rumored", "cancelled")
STATUS_WEIGHTS = (70, 8, 8, 5, 7, 2)
HEDGES = ("exact", "approximate", "over", "under", "range", "vague", "undisclosed")
HEDGE_WEIGHTS = (46, 10, 12, 9, 5, 10, 8)
_NICE = (1, 1.2, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8)
_USD_PER = {"CNY": 0.14, "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "HKD": 0.128, "CAD": 0.74}
_FAMOUS_EN_OF_ZH = {
    "红杉中国": "HongShan",
    "高瓴资本": "Hillhouse",
    "IDG资本": "IDG Capital",
    "经纬创投": "Matrix Partners China",
    "启明创投": "Qiming Venture Partners",
    "源码资本": "Source Code Capital",
    "五源资本": "5Y Capital",
    "真格基金": "ZhenFund",
    "深创投": "Shenzhen Capital Group",
    "高榕资本": "Gaorong Ventures",
    "君联资本": "Legend Capital",
    "蓝驰创投": "BlueRun Ventures China",
    "顺为资本": "Shunwei Capital",
    "金沙江创投": "GSR Ventures",
    "腾讯投资": "Tencent",
    "美团龙珠": "Meituan Dragonball",
    "创新工场": "Sinovation Ventures",
    "云启资本": "Yunqi Partners",
    "线性资本": "Linear Capital",
    "元璟资本": "Vision Knight Capital",
    "礼来亚洲基金": "LAV",
    "中金资本": "CICC Capital",
    "华登国际": "Walden International",
    "春华资本": "Primavera Capital",
}


@dataclass(frozen=True)
class Org:
    zh: str
    en: str
    home: str  # "zh" or "en": where the organisation is based, so which press covers it most


@dataclass(frozen=True)
class Company:
    org: Org
    sector: v.Sector
    city_zh: str
    city_en: str
    founded: int
    founder_zh: str
    founder_en: str


@dataclass(frozen=True)
class Deal:
    company: Company
    stage: str
    currency: str
    value: float
    hedge: str
    valuation: float | None
    leads: tuple[Org, ...]
    follows: tuple[Org, ...]
    existing: tuple[Org, ...]
    status: str
    event: date
    uses: tuple[int, int]


def nice_amount(rng: random.Random, low: float, high: float) -> float:
    """A round-looking figure (1.5e7, 3e8) between low and high."""
    target = rng.uniform(low, high)
    exp = 10.0 ** int(f"{target:e}".split("e")[1])
    return min(_NICE, key=lambda n: abs(n * exp - target)) * exp


class World:
    """Pools of invented organisations and the rounds they raise; every draw comes from `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.investors: list[Org] = [Org(zh, _FAMOUS_EN_OF_ZH.get(zh, zh), "zh") for zh in v.ZH_FAMOUS]
        self.investors += [Org(en, en, "en") for en in v.EN_FAMOUS]
        famous = len(self.investors)
        seen = {o.zh for o in self.investors}
        for home in itertools.islice(itertools.cycle(("zh", "zh", "en")), 900):
            org = self._new_fund(home)
            if org.zh not in seen:
                seen.add(org.zh)
                self.investors.append(org)
        # Popularity falls off with rank, as in real deal flow: a few funds appear in many rounds.
        weights = [6.0] * famous + [1.0 / (1 + i) ** 0.7 for i in range(len(self.investors) - famous)]
        self._cum = list(itertools.accumulate(weights))
        self.companies: list[tuple[Company, int]] = []  # (company, index of last stage in LADDER)
        self.recent: list[Deal] = []
        self._names: set[str] = set()

    # ----------------------------------------------------------------------- organisations

    def _new_fund(self, home: str) -> Org:
        r = self.rng
        en = f"{r.choice(v.EN_FUND_HEADS)} {r.choice(v.EN_FUND_WORDS)}"
        if home == "en":
            return Org(en, en, "en")
        if r.random() < 0.15:
            zh = r.choice(v.ZH_CITIES) + r.choice(v.ZH_STATE_FUNDS)
        else:
            zh = r.choice(v.ZH_FUND_HEADS) + r.choice(v.ZH_FUND_WORDS)
        return Org(zh, en if r.random() < 0.5 else en + " China", "zh")

    def person(self, lang: str) -> str:
        r = self.rng
        if lang == "zh":
            return r.choice(v.ZH_SURNAMES) + "".join(r.sample(v.ZH_GIVEN, r.choice((1, 2))))
        return f"{r.choice(v.EN_FIRST)} {r.choice(v.EN_LAST)}"

    def new_company(self, home: str) -> Company:
        r = self.rng
        sector = r.choice(v.SECTORS)
        for _ in range(50):
            brand = r.choice(v.EN_PREFIX) + r.choice(v.EN_MIDDLE)
            en = f"{brand} {r.choice(sector.en_suffixes)}" if r.random() < 0.8 else brand
            zh = r.choice(v.ZH_FIRST) + r.choice(v.ZH_SECOND) + r.choice(sector.zh_suffixes)
            if home == "en":
                zh = en
            if zh not in self._names and en not in self._names:
                break
        self._names.update((zh, en))
        idx = r.randrange(len(v.ZH_CITIES))
        return Company(
            Org(zh, en, home),
            sector,
            v.ZH_CITIES[idx],
            r.choice(v.EN_CITIES) if home == "en" else _PINYIN_CITY.get(v.ZH_CITIES[idx], "Shanghai"),
            r.randint(2012, 2023),
            self.person("zh"),
            self.person("en"),
        )

    def investor(self) -> Org:
        return self.rng.choices(self.investors, cum_weights=self._cum)[0]

    # ----------------------------------------------------------------------- rounds

    def deal(self, home: str, published: date) -> Deal:
        """A round to write about: usually new, sometimes one already reported (a repost)."""
        r = self.rng
        if self.recent and r.random() < 0.12:
            old = r.choice(self.recent[-300:])
            if old.company.org.home == home and 0 <= (published - old.event).days <= 60:
                return old
        if self.companies and r.random() < 0.25:
            i = r.randrange(len(self.companies))
            company, step = self.companies[i]
            step = min(step + 1, len(LADDER) - 1)
            self.companies[i] = (company, step)
            stage = LADDER[step]
        else:
            company = self.new_company(home)
            step = r.choices(range(len(LADDER)), weights=(8, 10, 9, 14, 6, 10, 5, 7, 4, 2, 2))[0]
            stage = LADDER[step]
            self.companies.append((company, step))
            if r.random() < 0.12:
                stage = r.choice(("strategic", "unknown"))
        zh_home = company.org.home == "zh"
        currency = (
            r.choices(("CNY", "USD"), (65, 35))[0]
            if zh_home
            else r.choices(("USD", "EUR", "GBP", "CAD"), (80, 10, 7, 3))[0]
        )
        _, _, low, high = STAGES[stage]
        value = nice_amount(r, low / _USD_PER[currency], high / _USD_PER[currency])
        valuation = nice_amount(r, value * 4, value * 12) if r.random() < 0.3 else None
        n_inv = r.choices((0, 1, 2, 3, 4, 5, 7), (8, 22, 25, 20, 12, 8, 5))[0]
        investors = []
        for _ in range(n_inv * 3):
            o = self.investor()
            if o not in investors and (o.home == company.org.home or r.random() < 0.25):
                investors.append(o)
            if len(investors) == n_inv:
                break
        n_lead = 0 if not investors else r.choices((0, 1, 2), (25, 60, 15))[0]
        n_old = r.choice((0, 0, 0, 1)) if len(investors) > n_lead + 1 else 0
        deal = Deal(
            company=company,
            stage=stage,
            currency=currency,
            value=value,
            hedge=r.choices(HEDGES, HEDGE_WEIGHTS)[0],
            valuation=valuation,
            leads=tuple(investors[:n_lead]),
            follows=tuple(investors[n_lead : len(investors) - n_old]),
            existing=tuple(investors[len(investors) - n_old :]),
            status=r.choices(STATUSES, STATUS_WEIGHTS)[0],
            event=published - timedelta(days=r.choice((0, 0, 0, 1, 1, 2, 3, 5, 7))),
            uses=(r.randrange(len(v.ZH_USES)), r.randrange(len(v.EN_USES))),
        )
        self.recent.append(deal)
        return deal

    def other_deal(self, home: str, published: date) -> Deal:
        """A fresh round for a digest entry (no reposts, completed as digests mostly list)."""
        d = self.deal(home, published)
        return replace(d, status="completed") if self.rng.random() < 0.85 else d


_PINYIN_CITY = {
    "北京": "Beijing",
    "上海": "Shanghai",
    "深圳": "Shenzhen",
    "杭州": "Hangzhou",
    "苏州": "Suzhou",
    "南京": "Nanjing",
    "成都": "Chengdu",
    "武汉": "Wuhan",
    "合肥": "Hefei",
    "西安": "Xi'an",
    "广州": "Guangzhou",
    "无锡": "Wuxi",
    "常州": "Changzhou",
    "天津": "Tianjin",
    "厦门": "Xiamen",
    "重庆": "Chongqing",
    "长沙": "Changsha",
    "宁波": "Ningbo",
    "青岛": "Qingdao",
    "东莞": "Dongguan",
}

# --------------------------------------------------------------------------- writing money

_ZH_CUR = {
    "CNY": ("元", "元人民币", "人民币"),
    "USD": ("美元",),
    "EUR": ("欧元",),
    "GBP": ("英镑",),
    "CAD": ("加元",),
}
_EN_SYM = {"USD": ("$", "$", "$", "US$"), "EUR": ("€",), "GBP": ("£",), "CAD": ("C$",), "CNY": ("RMB ", "¥")}


def _trim(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def zh_number(value: float) -> tuple[str, str]:
    """(digits, unit) for a Chinese amount: 1.5亿 -> ("1.5", "亿"), 3000万 -> ("3000", "万")."""
    if value >= 1e8:
        return _trim(value / 1e8), "亿"
    if value >= 1e4:
        return _trim(value / 1e4), "万"
    return _trim(value), ""


def zh_money(rng: random.Random, value: float, currency: str, hedge: str) -> str | None:
    """Chinese words for an amount with its hedge; None when the amount is not disclosed."""
    cur = rng.choice(_ZH_CUR.get(currency, ("美元",)))
    if cur == "人民币" and rng.random() < 0.5:
        cur = "元"
    num, unit = zh_number(value)
    plain = f"{num}{unit}{cur}"
    if hedge == "exact":
        return plain
    if hedge == "approximate":
        return rng.choice((f"约{plain}", f"{plain}左右", f"大约{plain}"))
    if hedge == "over":
        if unit == "亿" and num == "1":
            return rng.choice(("过亿元", "上亿元", "超亿元"))
        if unit == "万" and num.endswith("000"):
            return f"{num}多万{cur}"
        return rng.choice((f"超{plain}", f"逾{plain}", f"超过{plain}", f"{plain}以上"))
    if hedge == "under":
        return rng.choice((f"近{plain}", f"将近{plain}", f"不到{plain}", f"接近{plain}"))
    if hedge == "range":
        lo, _ = zh_number(value * 0.7)
        return rng.choice(
            (f"{lo}-{num}{unit}{cur}", f"{lo}{unit}至{num}{unit}{cur}", f"{lo}~{num}{unit}{cur}")
        )
    if hedge == "vague":
        if value >= 1e9:
            return f"数十亿{cur}"
        if value >= 1e8:
            return rng.choice((f"数亿{cur}", f"亿{cur}级"))
        if value >= 1e7:
            return rng.choice((f"数千万{cur}", f"千万级{cur}", f"几千万{cur}"))
        return rng.choice((f"数百万{cur}", f"几百万{cur}"))
    return None


def en_figure(rng: random.Random, value: float, currency: str) -> str:
    sym = rng.choice(_EN_SYM.get(currency, ("$",)))
    words: tuple[str, ...]
    if value >= 1e9:
        n, words = _trim(value / 1e9), ("billion", "billion", "bn", "B")
    elif value >= 1e6:
        n, words = _trim(value / 1e6), ("million", "million", "million", "m", "M", "mn")
    else:
        n, words = _trim(value / 1e3), ("thousand", "k")
    word = rng.choice(words)
    return f"{sym}{n} {word}" if len(word) > 2 else f"{sym}{n}{word}"


def en_money(rng: random.Random, value: float, currency: str, hedge: str) -> str | None:
    """English words for an amount with its hedge; None when the amount is not disclosed."""
    fig = en_figure(rng, value, currency)
    if hedge == "exact":
        return fig
    if hedge == "approximate":
        return rng.choice(("about ", "roughly ", "around ", "some ", "approximately ")) + fig
    if hedge == "over":
        return rng.choice(("more than ", "over ", "north of ", "upwards of ", "in excess of ")) + fig
    if hedge == "under":
        return rng.choice(("nearly ", "almost ", "just shy of ", "close to ", "less than ")) + fig
    if hedge == "range":
        lo = en_figure(rng, nice_amount(rng, value * 0.6, value * 0.8), currency)
        return rng.choice((f"between {lo} and {fig}", f"{lo} to {fig}"))
    if hedge == "vague":
        if value >= 1e8:
            return rng.choice(("hundreds of millions of dollars", "a nine-figure sum"))
        return rng.choice(("tens of millions of dollars", "an eight-figure sum", "eight figures"))
    return None


# --------------------------------------------------------------------------- writing dates


def zh_when(rng: random.Random, event: date, published: date) -> str:
    days = (published - event).days
    if days == 0:
        return rng.choice(("今日", "今天", "近日", "日前", f"{event.month}月{event.day}日"))
    if days == 1:
        return rng.choice(("昨日", "昨天", "近日", f"{event.month}月{event.day}日"))
    return rng.choice(("近日", "日前", "本周", f"{event.month}月{event.day}日"))


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def en_when(rng: random.Random, event: date, published: date) -> str:
    days = (published - event).days
    if days == 0:
        return rng.choice(("today", "on " + _WEEKDAYS[event.weekday()], "this week"))
    if days == 1:
        return rng.choice(("yesterday", "on " + _WEEKDAYS[event.weekday()]))
    if days < 7:
        return rng.choice(("on " + _WEEKDAYS[event.weekday()], "this week", "earlier this week"))
    return "on " + event.strftime("%B ") + str(event.day)


def en_date(day: date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def fresh(rng: random.Random, pools: tuple[tuple[str, ...], ...], used: set[str]) -> str:
    """A template from one of `pools` not yet used in this article (when a few tries find one)."""
    for _ in range(6):
        text = rng.choice(rng.choice(pools))
        if text not in used:
            break
    used.add(text)
    return text


def join_zh(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "和" + names[-1]


def join_en(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
