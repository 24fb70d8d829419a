"""The word lists of the money grammar: currencies, hedges, magnitudes, and the words that mark a count.

`dealscope.lang.money` builds its scanner from these; see docs/conventions.md for the readings.
"""

from __future__ import annotations

import re

from dealscope.domain import Qualifier
from dealscope.lang.numbers import EN_NUMBER_PHRASE

ZD = "零〇一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"  # Chinese digits
ZU = "十拾百佰千仟"  # units inside a section
ZB = "万萬亿億"  # section units

# --------------------------------------------------------------------------- currencies

CUR_PRE = (
    r"(?<![A-Za-z])(?:US|U\.S\.|HK|NT|SG|CA|AU|[SCAR])\$|\$|€|£|￡|¥|￥|₩|₹"
    r"|(?<![A-Za-z])(?:USD|RMB|CNY|HKD|EUR|GBP|JPY|TWD|SGD|KRW|INR|CAD|AUD|CHF|IDR|MYR|THB|ILS|SEK|NOK|DKK|PLN|NZD|BRL|MXN|ZAR|AED|SAR|QAR|VND|NGN|KES|EGP|CZK|HUF|Rs\.?|Rp\.?(?= ?\d))(?![A-Za-z])"
    r"|人民币|港币|港元|新台币"
)
# Literal starts of CUR_PRE, for the scanner's anchor.
CUR_PRE_WORDS = (
    *("$", "€", "£", "￡", "¥", "￥", "₩", "₹", "US$", "U.S.$", "HK$", "NT$", "SG$", "CA$", "AU$"),
    *("S$", "C$", "A$", "R$", "USD", "RMB", "CNY", "HKD", "EUR", "GBP", "JPY", "TWD", "SGD", "KRW"),
    *("INR", "CAD", "AUD", "CHF", "Rs", "人民币", "港币", "港元", "新台币"),
    *("IDR", "MYR", "THB", "ILS", "SEK", "NOK", "DKK", "PLN", "NZD", "BRL", "MXN", "ZAR", "Rp"),
    *("AED", "SAR", "QAR", "VND", "NGN", "KES", "EGP", "CZK", "HUF"),
)
# 元 ends many words that are not money (元宇宙 metaverse, 元年 first year, 多元化 diversified).
CUR_SUF_ZH = (
    r"元人民币|人民币|美元|美金|港元|港币|港幣|欧元|歐元|英镑|英鎊|日元|日圆|日圓|円|新台币|新台幣|台币"
    r"|新加坡元|新元|韩元|韓元|卢比|盧比|瑞郎|瑞士法郎|加元|加币|澳元|澳币|卢布"
    r"|迪拉姆|沙特里亚尔|里亚尔|泰铢|林吉特|印尼盾|越南盾|雷亚尔|土耳其里拉|里拉|兰特|奈拉"
    # Right after a magnitude or a digit 元 is the currency (1000万元首轮, 2亿元年度); elsewhere the
    # words it starts (元年, 元首) win.
    r"|(?<=[万萬亿億千百十0-9])元(?!宇宙)|元(?!宇宙|素|年|旦|器件|件|首|老|气|组|化|音|神|宵|朝|代|数据)"
)
CUR_SUF_EN = (
    r"(?:(?i:(?:US|U\.S\.|Hong Kong|HK|Singapore|Canadian|Australian|New Taiwan|NT|Taiwan) )?"
    r"(?i:dollars?)|(?i:euros?|pounds?(?: sterling)?|sterling|yuan|renminbi|yen|won|rupees?|(?:Swiss )?francs?|"
    r"rupiah|ringgit|baht|shekels?|reais|kronor|krona|dirhams?|riyals?|naira|lira)"
    r"|USD|RMB|CNY|HKD|EUR|GBP|JPY|TWD|SGD|KRW|INR|CAD|AUD|CHF|IDR|MYR|THB|ILS|SEK|NOK|DKK|PLN|NZD|BRL|MXN|ZAR"
    r"|AED|SAR|QAR|VND|NGN|KES|EGP|CZK|HUF)(?![A-Za-z])"
)
# First characters of whatever may follow a number inside an amount: a Chinese currency, a Latin
# magnitude or currency word, a range connector. A number followed by anything else is not money.
AFTER_NUMBER_CHARS = "元人美港欧歐英日円新台韩韓卢盧瑞加澳A-Za-z~至到-"

CURRENCIES: dict[str, str] = {
    **dict.fromkeys(
        ("$", "us$", "u.s.$", "usd", "美元", "美金", "dollar", "us dollar", "u.s. dollar"), "USD"
    ),
    **dict.fromkeys(("rmb", "cny", "元", "人民币", "元人民币", "yuan", "renminbi"), "CNY"),
    **dict.fromkeys(("hk$", "hkd", "港元", "港币", "港幣", "hong kong dollar", "hk dollar"), "HKD"),
    **dict.fromkeys(("€", "eur", "欧元", "歐元", "euro"), "EUR"),
    **dict.fromkeys(("£", "￡", "gbp", "英镑", "英鎊", "pound", "pound sterling", "sterling"), "GBP"),
    **dict.fromkeys(("jpy", "日元", "日圆", "日圓", "円", "yen"), "JPY"),
    **dict.fromkeys(("nt$", "twd", "新台币", "新台幣", "台币", "new taiwan dollar", "nt dollar"), "TWD"),
    **dict.fromkeys(("taiwan dollar",), "TWD"),
    **dict.fromkeys(("s$", "sg$", "sgd", "新加坡元", "新元", "singapore dollar"), "SGD"),
    **dict.fromkeys(("₩", "krw", "韩元", "韓元", "won"), "KRW"),
    **dict.fromkeys(("₹", "inr", "rs", "rs.", "卢比", "盧比", "rupee"), "INR"),
    **dict.fromkeys(("c$", "ca$", "cad", "加元", "加币", "canadian dollar"), "CAD"),
    **dict.fromkeys(("a$", "au$", "aud", "澳元", "澳币", "australian dollar"), "AUD"),
    **dict.fromkeys(("chf", "瑞郎", "瑞士法郎", "franc", "swiss franc"), "CHF"),
    **dict.fromkeys(("idr", "rp", "rp.", "rupiah", "印尼盾"), "IDR"),
    **dict.fromkeys(("myr", "ringgit"), "MYR"),
    **dict.fromkeys(("thb", "baht"), "THB"),
    **dict.fromkeys(("ils", "shekel", "shekels"), "ILS"),
    **dict.fromkeys(("sek", "kronor", "krona"), "SEK"),
    **dict.fromkeys(("brl", "reais"), "BRL"),
    **{c: c.upper() for c in ("nok", "dkk", "pln", "nzd", "mxn", "zar", "qar", "vnd", "kes", "egp")},
    **{c: c.upper() for c in ("czk", "huf")},
    **dict.fromkeys(("aed", "dirham", "dirhams", "迪拉姆"), "AED"),
    **dict.fromkeys(("sar", "riyal", "riyals", "沙特里亚尔", "里亚尔"), "SAR"),
    **dict.fromkeys(("lira", "土耳其里拉", "里拉"), "TRY"),
    **dict.fromkeys(("ngn", "naira", "奈拉"), "NGN"),
    "泰铢": "THB",
    "林吉特": "MYR",
    "越南盾": "VND",
    "雷亚尔": "BRL",
    "兰特": "ZAR",
    "卢布": "RUB",
    "r$": "BRL",
    "-dollar": "USD",
}
YUAN_OR_YEN = "¥"  # a ¥ sign: yuan in Chinese text, yen otherwise; decided by the words around it


def currency_of(word: str) -> str | None:
    """ISO code of a currency word or sign (`YUAN_OR_YEN` for ¥), else None."""
    key = " ".join(word.lower().split())
    if key in ("¥", "￥"):
        return YUAN_OR_YEN
    found = CURRENCIES.get(key)
    if found is None and key.endswith("s"):
        found = CURRENCIES.get(key[:-1])
    return found


# --------------------------------------------------------------------------- magnitudes

ZH_MAG = rf"[{ZU}]?(?:万亿|萬億|[{ZB}])|[千仟百佰](?![{ZB}])"
EN_MAG_WORD = r"(?i:thousand|million|billion|trillion|mln|bln|bn|mn|mm|tn|crore|lakh)s?(?![A-Za-z])"
EN_MAG_LETTER = r"[KkMmBbTt](?![A-Za-z])"
EN_MULT: dict[str, float] = {
    **dict.fromkeys(("thousand", "k"), 1e3),
    **dict.fromkeys(("million", "mln", "mn", "mm", "m"), 1e6),
    **dict.fromkeys(("billion", "bln", "bn", "b"), 1e9),
    **dict.fromkeys(("trillion", "tn", "t"), 1e12),
    "crore": 1e7,
    "lakh": 1e5,
}
# Magnitudes that make a number money without a currency; "5 thousand" or "10m" (metres) do not.
BARE_EN = frozenset({"million", "billion", "trillion", "bn", "mln", "bln", "M", "B", "K", "k"})
FIGURES = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# --------------------------------------------------------------------------- hedges

# A guard lists characters that must not come before the cue: 签约 (signed) is not 约, 最近
# (recently) is not 近, 通过 (passed) is not 过.
_PRE_GUARDS = {
    "约": "签节制公条预契违履邀相誓践失赴缔特合",
    "约为": "签节制公条预契违履邀相誓践失赴缔特合",
    "约在": "签节制公条预契违履邀相誓践失赴缔特合",
    "近": "最附邻临就靠亲",
    "破": "打",
    "过": "通经超越不",
}
_QA, _QL, _QM, _QO, _QU, _QX = (
    Qualifier.APPROXIMATE,
    Qualifier.AT_LEAST,
    Qualifier.AT_MOST,
    Qualifier.OVER,
    Qualifier.UNDER,
    Qualifier.EXACT,
)
PRE_Q: dict[str, Qualifier] = {
    **dict.fromkeys(
        (
            "约",
            "大约",
            "大概",
            "约合",
            "约为",
            "大约为",
            "大概为",
            "约在",
            "左右为",
            "~",
            "approximately",
            "approx.",
            "about",
            "around",
        ),
        _QA,
    ),
    **dict.fromkeys(("roughly", "some", "an estimated", "estimated"), _QA),
    **dict.fromkeys(("将近", "接近", "逼近", "近", "不到", "不足", "少于", "低于", "nearly", "almost"), _QU),
    **dict.fromkeys(
        ("close to", "just shy of", "just under", "just below", "under", "less than", "below"), _QU
    ),
    **dict.fromkeys(("超过", "超出", "超", "逾", "突破", "破", "上", "过", "more than", "just over"), _QO),
    **dict.fromkeys(("over", "north of", "upwards of", "upward of", "in excess of", "above"), _QO),
    **dict.fromkeys(
        ("至多", "最多", "最高达", "最高", "不超过", "上限为", "上限", "up to", "as much as"), _QM
    ),
    **dict.fromkeys(("as high as", "a maximum of", "at most", "no more than", "not more than"), _QM),
    **dict.fromkeys(("至少", "最少", "不低于", "不少于", "at least", "no less than", "not less than"), _QL),
    **dict.fromkeys(("a minimum of",), _QL),
    # Emphasis, not a hedge: the figure is exact. "between" is read with the range after it.
    **dict.fromkeys(("高达", "多达", "a whopping", "whopping", "between"), _QX),
}
SUF_Q: dict[str, Qualifier] = {
    **dict.fromkeys(("左右", "上下", "or so"), _QA),
    **dict.fromkeys(("以上", "出头", "-plus", "+"), _QO),
    **dict.fromkeys(("以内", "以下", "or less"), _QM),
    **dict.fromkeys(("起", "or more", "and up", "and above"), _QL),
}
# Hedges that only go before a bare magnitude: 上亿, 过千万, 破百亿 (not 上 5 亿).
BARE_ONLY_PRE = frozenset({"上", "过", "破"})


def _reversed_prefixes() -> re.Pattern[str]:
    """The hedge words spelled backwards, longest first, to match leftwards from an amount's start."""
    alts: list[tuple[int, str]] = []
    for word in PRE_Q:
        tail = f"(?![{_PRE_GUARDS[word]}])" if word in _PRE_GUARDS else ""
        if word.isascii() and word[0].isalpha():
            tail = "(?![A-Za-z])"
        alts.append((len(word), re.escape(word[::-1]) + tail))
    body = "|".join(alt for _, alt in sorted(alts, key=lambda x: -x[0]))
    return re.compile(rf" {{0,2}}(?:{body})", re.IGNORECASE)


PRE_REV = _reversed_prefixes()
# The characters a hedge can end with (a space may follow one), to skip the backward match cheaply.
PRE_LAST_CHARS = frozenset(" " + "".join(w[-1] + w[-1].upper() for w in PRE_Q))
PRE_REACH = 16  # longest hedge ("approximately", "just shy of") plus its spaces

SUFFIX = (
    r" ?(?:左右|上下(?![游文班级])|以上|以内|以下|出头|起(?![\u4e00-\u9fff]))"
    r"|(?P<lvl>级别|级)"
    r"| (?i:or more|or so|or less|and up|and above)(?![A-Za-z])"
    r"|-plus|\+(?![\u4e00-\u9fff])"
)

# --------------------------------------------------------------------------- wordy forms

EN_VAGUE = re.compile(
    r"(?<![A-Za-z])(?i:"
    r"(?P<vmul>tens|hundreds|dozens) of (?P<vbase1>thousands|millions|billions)"
    r"|(?:several|a few|a couple of|few) (?P<vh>hundred |tens of )?(?P<vbase2>thousand|million|billion)"
    r"|(?P<vpl>millions|billions)(?= of )"
    r"|multi-?(?P<vbase3>million|billion)"
    r"|(?P<vfig>six|seven|eight|nine|ten|[6-9]|10)[- ]figures?"
    rf")(?![A-Za-z])(?P<vcur> (?i:of )?{CUR_SUF_EN}|-dollar)?"
)
# "two million dollars", "seventy-five million dollars", "half a billion dollars": number words count
# only with a currency after. No match starts after a hyphen, so "seventy-five" is never read as "five".
EN_WORD_AMOUNT = re.compile(
    rf"(?<![A-Za-z-])(?i:(?P<wn>{EN_NUMBER_PHRASE})[ -](?P<wm>thousand|million|billion|trillion))"
    rf"(?P<wc> (?i:of )?{CUR_SUF_EN}|-dollar)"
)
UNDISCLOSED = re.compile(
    r"(?:具体|本轮|此次|本次)?(?:融资|投资|交易)?(?:金额|数额|额度)(?:暂|均|并|尚)?(?:未|没有|不予?)(?:对外)?"
    r"(?:披露|透露|公开|公布)"
    r"|(?:暂|均|并|尚)?(?:未|没有)(?:对外)?(?:披露|透露|公开|公布)(?:具体|本轮|此次)?的?(?:融资|投资|交易)?"
    r"(?:金额|数额|额度)"
    r"|金额不详|金额未知"
    r"|(?:暂|并|尚)?未(?:披露|透露)(?!(?:具体|其他|更多)?的?(?:投资方|投资人|投资机构|名称|身份|细节|条款|详情))"
    r"|(?<![A-Za-z])(?i:(?:an? )?(?:undisclosed|unspecified|unannounced) (?:amount|sum|figure)"
    r"|undisclosed(?= (?:funding|investment|round|seed|series|pre-seed|strategic|growth|financing|valuation))"
    r"|(?:the )?amount (?:was|is|has) not (?:been )?(?:disclosed|revealed)"
    r"|did not disclose the amount)(?![A-Za-z])"
)
# A distinctive piece of each wordy form, found first; the form is then read in a window around it.
WORD_ANCHOR = re.compile(
    r"llion|housand|igure|ndisclosed|nspecified|nannounced|isclose|披露|透露|公开|公布|不详|未知"
)
WORD_REACH = (
    48  # how far a wordy form reaches on either side of its anchor ("one hundred and twenty-five million")
)

# --------------------------------------------------------------------------- not money

# Words after a bare amount (no currency) that make it a count or a measure, not money.
NOUN_AFTER = re.compile(
    r"\+? ?(?:多|余)?(?:个|名|位|人|家|户|台|辆|架|艘|部|款|件|份|条|颗|张|枚|只|头|套|座|所|间|栋|本|册|篇|首|集"
    r"|场|次|回|遍|步|字|行|页|项|笔|单|票|股|手|倍|%|年|月|日|天(?!使)|周|小时|分钟|秒|岁|吨|公斤|千克|克|斤"
    r"|公里|里(?!程)|千米|米|平|亩|公顷|立方|升|度|瓦|千瓦|兆瓦|像素|帧|参数|词|用户|粉丝|会员|下载|访问|浏览|播放"
    r"|阅读|观众|学生|员工|患者|客户|片|粒|支|瓶|盒|包|箱|袋|卡|核|美国|中国|网民|居民|人口|玩家|开发者"
    r"|[A-Za-z]*[Tt]oken)"
    r"|[ -]?(?i:of )?(?i:(?:monthly|weekly|daily|active|paying|registered|new|unique|total|global|more"
    r"|additional|annual)[ -])*(?i:users?|people|persons|customers?|downloads?|installs?|shares?|units?"
    r"|subscribers?|members?|visitors?|views?|players?|devices?|vehicles?|cars?|tons?|tonnes?|barrels?|hours?"
    r"|minutes?|miles?|km|kilometers?|kilometres?|parameters?|params|tokens?|words?|images?|records?"
    r"|transactions?|messages?|requests?|queries|lines?|employees?|workers?|patients?|students?|followers?"
    r"|listeners?|viewers?|readers?|copies|items?|products?|GPUs?|chips?|robots?|homes?|households?|accounts?"
    r"|developers?|businesses|merchants?|drivers?|riders?|orders?|trips?|packages?|doses?|tests?|calls?|visits?"
    r"|streams?|times|years?|months?|days?|square|sq|pages?|songs?|videos?|photos?|posts?|rows?|votes?|MAUs?"
    r"|DAUs?|sellers?|buyers?|cases|deaths|residents|citizens|companies|startups|jobs|acres|hectares|models?"
    r"|resolution|displays?|screens?|TVs?|monitors?|bytes|context|steps?|runs?|impressions|clicks)(?![A-Za-z])"
)
# Subjects before a bare amount that make it a count (用户数达3000万, downloads topped 10 million).
# English words are longer, so an English subject may stand further back.
COUNT_BEFORE_ZH = re.compile(
    r"(?:用户|粉丝|人口|销量|出货|装机|下载|播放|阅读|访问|浏览|观看|月活|日活|周活|注册|会员|员工|人数|次数|参数)"
    r"[^，。；！？,;.!?\d]{0,8}$"
)
COUNT_BEFORE_EN = re.compile(
    r"(?<![A-Za-z])(?i:users|downloads|subscribers|followers|parameters|views|visits|installs|MAU|DAU"
    r"|population|inhabitants|residents|employs|employees|headcount|workforce)(?![A-Za-z])[^,;.!?\d]{0,20}$"
)
COUNT_REACH_ZH = 12  # a Chinese subject plus its 8 characters of verb
COUNT_REACH_EN = 32  # the longest English subject plus its 20 characters of verb
# A bare 70B / 7B right after a capitalised word, a word with a digit, or a dash is a model size.
MODEL_BEFORE = re.compile(r"(?:[-/]|(?:[A-Z][\w.-]*|[\w.-]*\d[\w.-]*) )$")
