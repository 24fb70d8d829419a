"""Find and read money expressions in Chinese and English funding news (see docs/conventions.md).

A cheap character scan finds where an amount can start (a digit, a Chinese numeral, a currency sign);
one compiled regex reads the amount from there, and the hedge before it is matched backwards. A
second scan handles the wordy forms ("tens of millions", "未披露"). A short per-candidate step sets
value, bounds, qualifier and currency, and drops counts (3000万用户), model sizes (Llama 3 70B) and
numbers with neither a magnitude nor a currency.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dealscope.domain import Money, Qualifier, Span
from dealscope.lang.normalize import fold
from dealscope.lang.numbers import ZH_DIGITS, ZH_UNITS, parse_zh_numeral

# --------------------------------------------------------------------------- lexicon

_ZD = "零〇一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
_ZU = "十拾百佰千仟"
_ZB = "万萬亿億"
_NUM_AR = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A Chinese numeral starts with a digit or 十/百/千; 万/亿 inside it only when more numerals follow
# (一亿五千万), so that the trailing 万/亿 is read as the magnitude.
_NUM_ZH = rf"[{_ZD}{_ZU}](?:[{_ZD}{_ZU}]|点(?=[{_ZD}])|[{_ZB}](?=[{_ZD}{_ZU}]))*"
_ZH_MAG = rf"[{_ZU}]?(?:万亿|萬億|[{_ZB}])|[千仟百佰](?![{_ZB}])"
_EN_MAG_WORD = r"(?i:thousand|million|billion|trillion|mln|bln|bn|mn|mm|tn|crore|lakh)s?(?![A-Za-z])"
_EN_MAG_LETTER = r"[KkMmBbTt](?![A-Za-z])"
_CUR_PRE = (
    r"(?<![A-Za-z])(?:US|U\.S\.|HK|NT|SG|CA|AU|[SCAR])\$|\$|€|£|￡|¥|￥|₩|₹"
    r"|(?<![A-Za-z])(?:USD|RMB|CNY|HKD|EUR|GBP|JPY|TWD|SGD|KRW|INR|CAD|AUD|CHF|Rs\.?)(?![A-Za-z])"
    r"|人民币|港币|港元|新台币"
)
# Where an amount can start. Every alternative begins with a literal, so the regex engine skips
# ahead by first character in C and Python only sees real candidates.
_ANCHOR_WORDS = (
    "US$ U.S.$ HK$ NT$ SG$ CA$ AU$ S$ C$ A$ R$ USD RMB CNY HKD EUR GBP JPY TWD SGD KRW INR CAD AUD CHF Rs"
    " 人民币 港币 港元 新台币"
)
_ANCHOR = re.compile(
    "|".join(re.escape(w) for w in [*f"0123456789{_ZD}{_ZU}{_ZB}数几$€£￡¥￥₩₹", *_ANCHOR_WORDS.split()])
)
_DIGITS = re.compile(r"[0-9]*")
# 元 ends many words that are not money (元宇宙 metaverse, 元年 first year, 多元化 diversified).
_CUR_SUF_ZH = (
    r"元人民币|人民币|美元|美金|港元|港币|港幣|欧元|歐元|英镑|英鎊|日元|日圆|日圓|円|新台币|新台幣|台币"
    r"|新加坡元|新元|韩元|韓元|卢比|盧比|瑞郎|瑞士法郎|加元|加币|澳元|澳币|卢布"
    r"|元(?!宇宙|素|年|旦|器件|件|首|老|气|组|化|音|神|宵|朝|代|数据)"
)
_CUR_SUF_EN = (
    r"(?:(?i:(?:US|U\.S\.|Hong Kong|HK|Singapore|Canadian|Australian|New Taiwan|NT|Taiwan) )?"
    r"(?i:dollars?)|(?i:euros?|pounds?(?: sterling)?|sterling|yuan|renminbi|yen|won|rupees?|(?:Swiss )?francs?)"
    r"|USD|RMB|CNY|HKD|EUR|GBP|JPY|TWD|SGD|KRW|INR|CAD|AUD|CHF)(?![A-Za-z])"
)

# Hedges written before an amount, matched backwards from it. A guard lists characters that must
# not come before the cue: 签约 (signed) is not 约, 最近 (recently) is not 近, 通过 (passed) is not 过.
_PRE_GUARDS = {
    "约": "签节制公条预契违履邀相誓践失赴缔特合",
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
_PRE_Q: dict[str, Qualifier] = {
    **dict.fromkeys(("约", "大约", "大概", "约合", "~", "approximately", "approx.", "about", "around"), _QA),
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
_SUF_Q: dict[str, Qualifier] = {
    **dict.fromkeys(("左右", "上下", "or so"), _QA),
    **dict.fromkeys(("以上", "出头", "-plus", "+"), _QO),
    **dict.fromkeys(("以内", "以下", "or less"), _QM),
    **dict.fromkeys(("起", "or more", "and up", "and above"), _QL),
}


def _reversed_prefixes() -> re.Pattern[str]:
    """The hedge words spelled backwards, longest first, to match leftwards from an amount's start."""
    alts: list[tuple[int, str]] = []
    for word in _PRE_Q:
        tail = f"(?![{_PRE_GUARDS[word]}])" if word in _PRE_GUARDS else ""
        if word.isascii() and word[0].isalpha():
            tail = "(?![A-Za-z])"
        alts.append((len(word), re.escape(word[::-1]) + tail))
    body = "|".join(alt for _, alt in sorted(alts, key=lambda x: -x[0]))
    return re.compile(rf" {{0,2}}(?:{body})", re.IGNORECASE)


_PRE_REV = _reversed_prefixes()

_CURRENCIES: dict[str, str] = {
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
    "卢布": "RUB",
    "r$": "BRL",
    "-dollar": "USD",
}
_EN_MULT: dict[str, float] = {
    **dict.fromkeys(("thousand", "k"), 1e3),
    **dict.fromkeys(("million", "mln", "mn", "mm", "m"), 1e6),
    **dict.fromkeys(("billion", "bln", "bn", "b"), 1e9),
    **dict.fromkeys(("trillion", "tn", "t"), 1e12),
    "crore": 1e7,
    "lakh": 1e5,
}
# Magnitudes that make a number money without a currency; "5 thousand" or "10m" (metres) do not.
_BARE_EN = frozenset({"million", "billion", "trillion", "bn", "mln", "bln", "M", "B", "K", "k"})
_FIGURES = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# --------------------------------------------------------------------------- patterns


def _atom(p: str) -> str:
    """One amount: currency sign, number, magnitude, currency word; group names prefixed by `p`."""
    return (
        rf"(?:(?P<{p}cp>{_CUR_PRE}) ?|(?<![A-Za-z0-9_.]))"
        rf"(?:(?P<{p}vz>[数几])(?P<{p}vu>[{_ZU}]?(?:万亿|[{_ZB}])|[十百千])"
        rf"|(?P<{p}n>{_NUM_AR}|{_NUM_ZH})"
        rf"|(?P<{p}bm>万亿|[{_ZB}]))"
        rf"(?P<{p}pl>-plus|\+(?![\u4e00-\u9fff]))?"
        rf"(?P<{p}d1>多|余|(?<=十)几)?"
        rf"(?: ?(?P<{p}zm>{_ZH_MAG})| ?(?P<{p}ew>{_EN_MAG_WORD})|(?P<{p}el>{_EN_MAG_LETTER}))?"
        rf"(?:(?<=[亿億])(?P<{p}sub>\d{{1,4}}(?:\.\d+)?[万萬]))?"
        rf"(?P<{p}d2>多(?!元化)|余)?"
        rf"(?: ?(?P<{p}cz>{_CUR_SUF_ZH})| (?P<{p}ce>{_CUR_SUF_EN}))?"
    )


_ATOM_GROUPS = ("cp", "vz", "vu", "n", "bm", "pl", "d1", "zm", "ew", "el", "sub", "d2", "cz", "ce")
_UNIT_GROUPS = ("cp", "cz", "ce", "zm", "ew", "el", "vz", "bm")


def _require_unit() -> str:
    # Fail inside the regex when neither side has a magnitude or a currency: plain numbers (2024,
    # 300, 3.5) never reach Python.
    out = "(?!)"
    for side in ("b_", "a_"):
        for name in _UNIT_GROUPS:
            out = f"(?({side}{name})|{out})"
    return out


_SUFFIX = (
    r" ?(?:左右|上下(?![游文班级])|以上|以内|以下|出头|起(?![\u4e00-\u9fff]))"
    r"|(?P<lvl>级别|级)"
    r"| (?i:or more|or so|or less|and up|and above)(?![A-Za-z])"
    r"|-plus|\+(?![\u4e00-\u9fff])"
)
_CORE = re.compile(
    rf"{_atom('a_')}(?:(?P<conn> ?(?:-|~|至|到) ?| (?i:to|and) ){_atom('b_')})?(?P<suf>{_SUFFIX})?"
    + _require_unit()
)

# The wordy forms are found from a distinctive piece of them, then read in a window around it.
_WORD_ANCHOR = re.compile(
    r"llion|housand|igure|ndisclosed|nspecified|nannounced|isclose|披露|透露|公开|公布|不详|未知"
)
_EN_VAGUE = re.compile(
    r"(?<![A-Za-z])(?i:"
    r"(?P<vmul>tens|hundreds|dozens) of (?P<vbase1>thousands|millions|billions)"
    r"|(?:several|a few|a couple of|few) (?P<vh>hundred |tens of )?(?P<vbase2>thousand|million|billion)"
    r"|(?P<vpl>millions|billions)(?= of )"
    r"|multi-?(?P<vbase3>million|billion)"
    r"|(?P<vfig>six|seven|eight|nine|ten|[6-9]|10)[- ]figures?"
    rf")(?![A-Za-z])(?P<vcur> (?i:of )?{_CUR_SUF_EN}|-dollar)?"
)
_UNDISCLOSED = re.compile(
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

# Words after a bare amount (no currency) that make it a count or a measure, not money.
_NOUN_AFTER = re.compile(
    r"\+? ?(?:多|余)?(?:个|名|位|人|家|户|台|辆|架|艘|部|款|件|份|条|颗|张|枚|只|头|套|座|所|间|栋|本|册|篇|首|集"
    r"|场|次|回|遍|步|字|行|页|项|笔|单|票|股|手|倍|%|年|月|日|天|周|小时|分钟|秒|岁|吨|公斤|千克|克|斤|公里"
    r"|千米|米|平|亩|公顷|立方|升|度|瓦|千瓦|兆瓦|像素|帧|参数|词|用户|粉丝|会员|下载|访问|浏览|播放|阅读|观众"
    r"|学生|员工|患者|客户|片|粒|支|瓶|盒|包|箱|袋|卡|核|美国|中国|网民|居民|人口|玩家|开发者|[A-Za-z]*[Tt]oken)"
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
_COUNT_BEFORE = re.compile(
    r"(?:用户|粉丝|人口|销量|出货|装机|下载|播放|阅读|访问|浏览|观看|月活|日活|周活|注册|会员|员工|人数|次数|参数"
    r"|(?i:users|downloads|subscribers|followers|parameters|views|visits|installs|MAU|DAU))"
    r"[^，。；！？,;.!?\d]{0,8}$"
)
# A bare 70B / 7B right after a capitalised word, a word with a digit, or a dash is a model size.
_MODEL_BEFORE = re.compile(r"(?:[-/]|(?:[A-Z][\w.-]*|[\w.-]*\d[\w.-]*) )$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
# Han characters other than the 億, 円 and 萬 a Japanese amount may use.
_HAN_NOT_JA = re.compile(r"[\u4e00-\u5103\u5105-\u5185\u5187-\u842b\u842d-\u9fff]")
_FROM_BEFORE = re.compile(r"(?:从|(?<![A-Za-z])(?i:from) ?)$")
_COLLOQUIAL = re.compile(rf"([{_ZD}])([{_ZD}])([{_ZU}]?)")

_YEN_WINDOW = 30  # about a short sentence: Han text this close to a ¥ makes it yuan
_FOLD_MARGIN = 40  # context folded around the window, for look-behinds and the noun checks

# --------------------------------------------------------------------------- public API


def find_money(text: str, start: int = 0, end: int | None = None) -> list[Money]:
    """Every money expression in `text[start:end]`, with absolute spans, sorted and non-overlapping."""
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if stop <= start:
        return []
    lo, hi = max(0, start - _FOLD_MARGIN), min(len(text), stop + _FOLD_MARGIN)
    folded = fold(text[lo:hi])
    a, b = start - lo, stop - lo
    found = _scan_amounts(folded, a, b)
    found += _scan_words(folded, a, b, found)
    found.sort(key=lambda x: x[0].start)
    out: list[Money] = []
    last = -1
    for span, money in found:
        if span.start >= last:
            s, e = span.start + lo, span.end + lo
            out.append(_with_span(money, text, s, e))
            last = span.end
    return out


def parse_money(raw: str) -> Money | None:
    """The single money expression covering (nearly all of) `raw`, else None."""
    stripped = raw.strip()
    found = find_money(stripped) if stripped else []
    if len(found) != 1 or found[0].span is None:
        return None
    rest = stripped[: found[0].span.start] + stripped[found[0].span.end :]
    # A stray character or two (的, a full stop, a bracket) is fine; more words are another thought.
    return found[0] if len(rest.strip(" ，。,.;；的()（）")) <= 2 else None


def _with_span(m: Money, text: str, s: int, e: int) -> Money:
    return Money(
        raw=text[s:e],
        value=m.value,
        currency=m.currency,
        qualifier=m.qualifier,
        low=m.low,
        high=m.high,
        span=Span(s, e),
    )


_Found = tuple[Span, Money]


def _scan_amounts(folded: str, start: int, stop: int) -> list[_Found]:
    out: list[_Found] = []
    pos, floor = start, start
    while True:
        hit = _ANCHOR.search(folded, pos, stop)
        if hit is None:
            return out
        m = _CORE.match(folded, hit.start(), stop)
        if m is None:
            # No amount can start inside a run of digits (2024, 150%): skip the run at once.
            run = _DIGITS.match(folded, hit.start())
            pos = max(hit.start() + 1, run.end() if run else 0)
            continue
        for item in _interpret(m, folded, floor):
            out.append(item)
            floor = item[0].end
        # An empty match must still move on, or the scan would spin in place.
        pos = max(m.end(), hit.start() + 1)


def _scan_words(folded: str, start: int, stop: int, taken: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    starts = [s.start for s, _ in taken]
    last = start
    for w in _WORD_ANCHOR.finditer(folded, start, stop):
        i = bisect.bisect_right(starts, w.start()) - 1
        if w.start() < last or (i >= 0 and taken[i][0].end > w.start()):
            continue  # inside an amount already read ("$5 million")
        und = not w.group().isascii() or w.group() in ("ndisclosed", "nspecified", "nannounced", "isclose")
        pattern = _UNDISCLOSED if und else _EN_VAGUE
        for m in pattern.finditer(folded, max(start, w.start() - 28), min(stop, w.end() + 28)):
            if m.start() <= w.start() < m.end():
                item = _undisclosed(m) if und else _en_vague(m, folded)
                if item is not None:
                    out.append(item)
                    last = m.end()
                break
    return out


# --------------------------------------------------------------------------- reading one atom


@dataclass
class _Atom:
    start: int
    end: int
    value: float | None = None
    mult: float | None = None  # the magnitude written (万 = 1e4, million = 1e6), None when none
    currency: str | None = None
    cur_word: str = ""
    vague: float | None = None  # 数/几 N: the N
    low: float | None = None  # the low end of a colloquial 一两亿
    over: bool = False  # 3000多万, 十余亿
    bare_mag: str = ""  # 亿 with no number before it
    unit_only: bool = False  # 千万, 百万 with no digit: a common word unless a currency or hedge follows
    zh_no_unit: bool = False  # 三元: a Chinese numeral with no unit at all
    en_mag: str = ""
    plus: bool = False


def _mult_of(units: str) -> float:
    out = 1.0
    for ch in units:
        out *= ZH_UNITS[ch]
    return out


def _read_atom(m: re.Match[str], p: str) -> _Atom:
    g = m.groupdict().get
    present = [name for name in _ATOM_GROUPS if g(p + name) is not None]
    atom = _Atom(start=m.start(p + present[0]), end=max(m.end(p + name) for name in present))
    cur = g(p + "cz") or g(p + "ce") or g(p + "cp")
    if cur:
        atom.cur_word = cur
        atom.currency = _currency(cur)
    zm, el = g(p + "zm"), g(p + "el")
    mag_word = g(p + "ew") or el
    if zm:
        atom.mult = _mult_of(zm)
    elif mag_word:
        key = mag_word.lower()
        key = key if key in _EN_MULT else key.rstrip("s")
        atom.mult = _EN_MULT[key]
        atom.en_mag = el or key  # letters keep their case: a bare "m" may be metres, "M" is million
    atom.over = bool(g(p + "d1") or g(p + "d2"))
    atom.plus = g(p + "pl") is not None
    n, vz, bm = g(p + "n"), g(p + "vz"), g(p + "bm")
    if vz:
        atom.vague = atom.mult = _mult_of(g(p + "vu") or "")
    elif bm:
        atom.bare_mag = bm
        atom.value = atom.mult = _mult_of(bm)
    elif n:
        atom.value = _number_value(n, zm, atom)
    sub = g(p + "sub")
    if sub and atom.value is not None:
        atom.value += float(sub[:-1]) * 1e4
    return atom


def _number_value(n: str, zm: str | None, atom: _Atom) -> float | None:
    if n[0].isdigit():
        base = float(n.replace(",", ""))
        return base * atom.mult if atom.mult else base
    col = _COLLOQUIAL.fullmatch(n)
    if col and ZH_DIGITS[col.group(1)] < ZH_DIGITS[col.group(2)]:
        # 一两亿, 七八千万: two neighbouring digits are a rough range.
        scale = _mult_of(col.group(3) + (zm or ""))
        atom.low = ZH_DIGITS[col.group(1)] * scale
        return ZH_DIGITS[col.group(2)] * scale
    atom.zh_no_unit = not zm and not any(c in ZH_UNITS for c in n)
    atom.unit_only = bool(zm) and all(c in _ZU for c in n) and not any(c in "亿億" for c in zm or "")
    value = parse_zh_numeral(n + (zm or ""))
    if value is None or zm or atom.mult is None:
        return value
    return value * atom.mult  # 两 million


def _currency(word: str) -> str | None:
    key = " ".join(word.lower().split())
    if key in ("¥", "￥"):
        return "¥"  # yuan or yen: decided by the text around it
    found = _CURRENCIES.get(key)
    if found is None and key.endswith("s"):
        found = _CURRENCIES.get(key[:-1])
    return found


def _standalone_ok(a: _Atom, folded: str, hedged: bool, level: bool) -> bool:
    """Whether one atom is money on its own (before the noun checks)."""
    if a.value is None and a.vague is None:
        return False
    if a.zh_no_unit and not (a.currency and a.mult):
        return False  # 三元 is a word (ternary), not money
    if a.cur_word.lower().rstrip("s") in ("pound", "won") and a.mult is None:
        return False  # "5 pounds" is more often a weight
    if a.currency:
        return True
    if a.bare_mag:
        return hedged or level if a.bare_mag in ("亿", "億", "万亿") else hedged
    if a.mult is None or (a.unit_only and not (hedged or level)):
        return False
    if a.en_mag and a.en_mag not in _BARE_EN:
        return False
    if a.en_mag in ("M", "B", "K", "k"):
        return _letter_ok(a, folded)
    return True


def _letter_ok(a: _Atom, folded: str) -> bool:
    """A bare 50M / 7B / 500k: money unless it reads as a model size, a resolution or a stage."""
    if _HAN.match(folded, a.end):
        return False  # 2B端, 5G手机
    if a.en_mag in ("K", "k") and (a.value or 0) < 1e4:
        return False  # 4K, 8K are resolutions
    return not _MODEL_BEFORE.search(folded, max(0, a.start - 24), a.start)


# --------------------------------------------------------------------------- interpretation


def _prefix(folded: str, start: int, floor: int) -> tuple[str | None, int]:
    """The hedge written just before `start` (not reaching back past `floor`) and where it begins."""
    lo = max(floor, start - 16)
    m = _PRE_REV.match(folded[lo:start][::-1])
    if m is None:
        return None, start
    return folded[start - m.end() : start].strip().lower(), start - m.end()


def _interpret(m: re.Match[str], folded: str, floor: int) -> list[_Found]:
    a = _read_atom(m, "a_")
    has_b = any(m.group("b_" + name) is not None for name in ("n", "vz", "bm"))
    b = _read_atom(m, "b_") if has_b else None
    pre, pre_start = _prefix(folded, a.start, floor)
    if pre in ("上", "过", "破") and folded[a.start] not in _ZU + _ZB:
        pre, pre_start = None, a.start  # 上亿, 过千万: only before a bare magnitude
    suf = m.group("suf")
    level = m.group("lvl") is not None
    if b is not None:
        conn = (m.group("conn") or "").strip().lower()
        if conn != "and" or pre == "between":
            ranged = _as_range(a, b, folded, pre_start, m.end())
            if ranged is not None:
                return [ranged]
        if (conn == "and" and pre == "between") or pre == "between":
            pre, pre_start = None, a.start
        # Not a range: each side alone, the hedge with the first and the suffix with the second.
        first = _single(a, folded, pre, pre_start, None, False, a.end)
        second = _single(b, folded, None, b.start, suf, level, m.end())
        return [x for x in (first, second) if x is not None]
    if pre == "between":
        pre, pre_start = None, a.start
    one = _single(a, folded, pre, pre_start, suf, level, m.end())
    return [one] if one is not None else []


def _as_range(a: _Atom, b: _Atom, folded: str, start: int, end: int) -> _Found | None:
    if a.vague is not None or b.vague is not None or a.value is None or b.value is None:
        return None
    if a.mult is not None and b.mult is None:
        return None  # 1亿-2024: the second number is something else
    if _FROM_BEFORE.search(folded, max(0, start - 6), start):
        # "from $1 billion to $5 billion" is a change between two amounts, not a range.
        if a.mult is None and b.mult is not None:
            a.value *= b.mult
            a.mult = b.mult
            a.currency = a.currency or b.currency
        return None
    # "200-300 亿美元": the first number takes the unit and currency of the last.
    low = a.value if a.mult is not None or b.mult is None else a.value * b.mult
    high = b.value
    currency = b.currency or a.currency
    if low >= high or (currency is None and (b.mult is None or not _standalone_ok(b, folded, True, False))):
        return None
    if currency is None and _count_like(folded, start, end):
        return None
    currency = _resolve_yen(currency, folded, start, end)
    span = Span(start, end)
    return span, Money("", (low + high) / 2, currency, Qualifier.RANGE, low, high)


def _single(
    a: _Atom, folded: str, pre: str | None, start: int, suf: str | None, level: bool, end: int
) -> _Found | None:
    if not _standalone_ok(a, folded, pre is not None, level):
        return None
    if a.currency is None and _count_like(folded, start, end):
        return None
    currency = _resolve_yen(a.currency, folded, start, end)
    span = Span(start, end)
    if a.vague is not None:  # 数千万: several of N
        return span, Money("", None, currency, Qualifier.RANGE, 2 * a.vague, 9 * a.vague)
    assert a.value is not None
    if level:  # 千万级: the order of magnitude
        return span, Money("", None, currency, Qualifier.RANGE, a.value, 10 * a.value)
    if a.low is not None:
        return span, Money("", (a.low + a.value) / 2, currency, Qualifier.RANGE, a.low, a.value)
    q = _PRE_Q.get(pre, _QX) if pre else _QX
    if q is _QX:
        if a.over or a.plus:
            q = _QO
        elif suf:
            q = _SUF_Q.get(suf.strip().lower(), _QX)
    low = a.value if q in (_QL, _QO) else None
    high = a.value if q in (_QM, _QU) else None
    return span, Money("", a.value, currency, q, low, high)


def _count_like(folded: str, start: int, end: int) -> bool:
    """True when a bare amount is a count: a counting noun after it or a count subject before it."""
    if _NOUN_AFTER.match(folded, end):
        return True
    return _COUNT_BEFORE.search(folded, max(0, start - 12), start) is not None


def _resolve_yen(currency: str | None, folded: str, start: int, end: int) -> str | None:
    if currency != "¥":
        return currency
    lo, hi = max(0, start - _YEN_WINDOW), end + _YEN_WINDOW
    if _KANA.search(folded, lo, start) or _KANA.search(folded, end, hi):
        return "JPY"
    return "CNY" if _HAN_NOT_JA.search(folded, lo, hi) else "JPY"


def _undisclosed(m: re.Match[str]) -> _Found:
    return Span(m.start(), m.end()), Money("", None, None, Qualifier.UNDISCLOSED)


def _en_vague(m: re.Match[str], folded: str) -> _Found | None:
    g = m.group
    word = (g("vcur") or "").strip().lower()
    currency = _currency(word[3:] if word.startswith("of ") else word) if word else None
    span = Span(m.start(), m.end())
    if currency is None and (g("vpl") or _count_like(folded, m.start(), m.end())):
        return None  # "millions of" is money only with a currency after it
    if g("vfig"):
        digits = _FIGURES.get(g("vfig").lower()) or int(g("vfig"))
        low = 10.0 ** (digits - 1)  # an eight-figure sum has eight digits
        return span, Money("", None, currency, Qualifier.RANGE, low, low * 10)
    n = _EN_MULT[(g("vbase1") or g("vbase2") or g("vbase3") or g("vpl")).lower().rstrip("s")]
    if g("vmul"):
        n *= {"tens": 10, "hundreds": 100, "dozens": 12}[g("vmul").lower()]
    elif g("vh"):
        n *= 100 if g("vh").lower().startswith("hundred") else 10
    return span, Money("", None, currency, Qualifier.RANGE, 2 * n, 9 * n)
