"""Finding the edges of organisation and person names in funding prose.

Chinese has no capitals and no spaces, so a name is delimited by what surrounds it: a clause start,
a verb (完成, 获得, 领投), a descriptor that precedes it (AI 芯片公司 X), quotes. English names are runs
of capitalised (or digit-bearing: a16z, xAI) tokens. Functions here take a text and a window and
return spans; they never look outside the window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Window = tuple[int, int]

# --------------------------------------------------------------------------- shared

QUOTED = re.compile(r"[“\"「『《‘]([^“”\"「」『』《》‘’]{1,40})[”\"」』》’]")

# Words that are never a company's name on their own: a subject like "该公司" or "the startup"
# refers back to the round in focus instead.
GENERIC = frozenset(
    [
        "公司",
        "该公司",
        "企业",
        "该企业",
        "其",
        "它",
        "他们",
        "我们",
        "双方",
        "对方",
        "本公司",
        "平台",
        "品牌",
        "团队",
        "项目",
        "初创公司",
        "创企",
        "机构",
        "投资方",
        "投资人",
        "投资者",
        "股东",
        "老股东",
        "资本",
        "市场",
        "行业",
        "赛道",
        "领域",
        "国内",
        "海外",
        "全球",
        "中国",
        "美国",
        "资本市场",
        "一级市场",
        "大模型",
        "独角兽",
        "头部",
        "今年",
        "去年",
        "目前",
        "新一轮",
        "本轮",
        "此轮",
        "此次",
        "首轮",
        "数家",
        "多家",
        "多位",
        "多个",
        "一家",
        "这家",
        "这家公司",
        "该平台",
        "该品牌",
        "该项目",
        "后者",
        "前者",
        "其中",
        "同时",
        "此外",
        "company",
        "startup",
        "firm",
        "the",
        "company",
        "the",
        "startup",
        "the",
        "firm",
        "it",
        "they",
        "we",
        "investors",
        "backers",
        "business",
        "platform",
        "maker",
        "developer",
        "group",
        "team",
        "lab",
        "the",
        "lab",
        "the",
        "business",
        "the",
        "group",
        "the",
        "maker",
    ]
)

# A descriptor ends with one of these heads; the name follows it (AI 编程公司 Poolside, 具身智能初创企业
# 银河通用). Legal suffixes such as 科技/智能/资本 are NOT heads: they belong to the name.
_HEADS = (
    "初创公司|初创企业|初创|创业公司|科技公司|[药车械险房]企(?!业)|独角兽企业|独角兽|明星公司|明星企业|明星创企|创企|公司|企业|平台|品牌|服务商|提供商|"
    "供应商|运营商|开发商|制造商|研发商|方案商|生产商|厂商|厂家|服务平台|新势力|新锐|黑马|玩家|机构|领军者|领导者|开创者|"
    "先行者|项目|应用|工具|软件|社区|连锁|门店|医院|诊所|实验室|竞争对手|对手|竞品|同行|集成商|SaaS"
)
_HEAD_RE = re.compile(rf"(?:{_HEADS})")

_ZH_LEAD_JUNK = re.compile(
    r"^(?:[\s,，、:：;；\-—·•*>]+|【[^】]{0,30}】|\[[^\]]{0,30}\]|\([^)]{0,20}\)|（[^）]{0,20}）"
    r"|[^，。；]{0,20}?(?:获悉|消息|讯|报道|透露|表示|介绍|宣布|了解到)[，,:：\s]"
    r"|据悉|据了解|据报道|据透露|据介绍|据称|消息称|另据|另外|此外|同时|其中|而|又|还有|同样|与此同时"
    r"|比如|例如|譬如|像是|包括|竞争对手|对手|(?:还|另|也)?从|与(?=[^，。；]{2,12}及其)"
    r"|近日|日前|今日|今天|昨日|昨天|近期|刚刚|本周|上周|目前|日前|此前|当地时间|北京时间|于|在|继|就|对此"
    r"|宣布|正式|官宣|已经|已|也|再次|再度|另|又一家|一家|这家|该|由"
    # A question or interview title: "如何看待X传出…", "对话X：…".
    r"|如何看待|怎么看待?|怎样看待|如何评价|独家专访|专访|对话)+"
)
_ZH_TAIL_JUNK = re.compile(
    r"(?:[\s,，、:：;；\-—]+|宣布|正式|官宣|已经|已于|已|近日|日前|今日|今天|昨日|昨天|也|再次|再度|又|刚刚|成功|顺利|近期|将|"
    r"宣告|对外宣布|表示|称|于|在|目前|正在|正|还|就|则|均|都|共同|此前|曾经|曾|一举|首次|连续|接连|相继|日前宣布|或|"
    r"本周|上周|今年|去年|年初|年内|年底|本轮|此轮|此次|新近|最新|近|当天|当日|同日|周[一二三四五六日天]|"
    r"星期[一二三四五六日天]|获得了|获得|获|完成了|完成|的|成立于|成立|创立于|创立|先后|及其(?:现有|原有)?股东|"
    r"方面|随后|确认|证实|回应|传出|估值|投后估值|投前估值)+$"
)
_ZH_ROLE_PERSON = re.compile(
    r"(?:的)?(?:联合创始人|创始人|CEO|CTO|COO|董事长|总裁|总经理|负责人)(?:兼(?:CEO|CTO|总裁|董事长|总经理))?"
    r"[\u4e00-\u9fff]{0,4}$"
)
_ZH_DATE_IN_NAME = re.compile(
    r"(?:于|在)?(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:(?<=[年月日号])|(?<=\d{4}年))$"
)
PAREN_TAIL = re.compile(r"\s*[（(]([^（）()]{1,40})[)）]\s*$")
_ZH_SIMPLIFIED_AS = re.compile(r"[（(](?:以下)?简称[“\"]?([^”\")）]{1,20})[”\"]?[)）]")


def strip_span(text: str, a: int, b: int) -> Window:
    while a < b and (text[a].isspace() or text[a] in "“”\"'「」『』《》【】[]"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "“”\"'「」『』《》【】[]"):
        b -= 1
    return a, b


def is_generic(name: str) -> bool:
    return name.strip().lower() in GENERIC


_MONEY_IN_NAME = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿|million|billion|%|美元|元)|[，。；！？!?]")
_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")


def han_count(name: str) -> int:
    return len(_HAN_CHAR.findall(name))


def plausible_name(name: str) -> bool:
    """A cheap shape check: letters present, not a number or money, not too long, not generic."""
    n = name.strip()
    if not n or len(n) > 40 or is_generic(n):
        return False
    if _LETTER.search(n) is None or _MONEY_IN_NAME.search(n):
        return False
    han = han_count(n)
    # A Chinese-only "name" of one character is almost always a fragment (其, 该).
    return not (han == len(n) and han < 2)


# Function words and phrases that do not occur in Chinese organisation names; a "subject" holding
# one is a fragment of prose (今年上半年刚, 这也部分解释了为什么, 一位参与), not a name.
_ZH_NOT_NAME = re.compile(
    r"[的了这那么吗呢吧们我你他她被把说谈刚称已某]|协商|^[据曾在于从]|以来|为什么|怎么|原定|一位|一家|多家|好几|几家|知名|案例|期限|部分|"
    r"领域|团队|消息|记者|媒体|报道|业内|人士|上半年|下半年|年初|年底|今年|去年|明年|本周|上周|近日|目前|"
    r"^(?:法国|英国|美国|德国|日本|韩国|印度|以色列|欧洲|硅谷|海外)\S*(?:AI|公司|初创|企业|创企)$|"
    r"(?:资本|创投|基金|资管|投资管理|创业投资|[农商用客]户|种植户|银行)$|之一$|股东$|"
    r"融资|一轮|轮$|担任|进入|梯队|老股东|加注|跟投|领投|参投|^随着|^并|^面向|^参与|^参加|^出资|^其[他余]|^投资[方人者机]|"
    r"^(?:个人|时候|同日|当天|当日|同时|同步|同期|随后|此外|另外|此时|届时|期间|当时|那时)$|时候$|获悉|得悉|获知|^比|时$|^除|外$|"
    r"^[^（(]*[）)]|[（(][^）)]*$|^IPO$|、|^(?:用|以|通过|凭借|靠|把)|"
    r"(?:上市|成立)[前后]$|[之以][前后]$|合投|共投|^最大|^最高|单笔|"
    r"^(?:消费|医疗|AI制药|制药|汽车|硬科技|企业服务|具身智能|机器人|人工智能|芯片|半导体|新能源|出海|教育|金融|大模型)$|^(?:根据|依据|按照|来自)|招股书|估值|关键词|^方面|暂未|主营|主要从事|专注于|致力于|公告$|(?:协议|概述|简介|情况|说明|背景|条款|事项|原因|目的|影响|风险|前景|展望|结论|总结|回顾)$|^[港台日美欧中韩印京沪深杭粤澳英法德]{2,4}$|月初|月底|月中|为$|\d+年|\d+月|[一二三四五六七八九十]+月|(?:公司|企业|平台|助手|工具)$"
)
_EN_NOT_NAME = re.compile(
    r"^(?:in|on|at|by|for|from|since|after|before|during|instead|meanwhile|however|but|and|also|still|"
    r"earlier|later|last|next|this|that|these|those|then|now|today|yesterday|separately|elsewhere|overall|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|the (?:company|startup|firm|round|deal)|"
    r"it|its|they|their|he|she|we|our|sources?|people|investors|analysts|reports?|series|seed|round|"
    r"pre-seed|funding|ipo|the ipo)\b|.*[()\[\]]|.*\bSeries [A-J]\b|\d{4}\b",
    re.I,
)


def company_like(name: str) -> bool:
    """Whether a candidate subject can be an organisation's name (a shape test, no lookup)."""
    n = name.strip()
    if not plausible_name(n):
        return False
    han = han_count(n)
    if han == 0:
        return _EN_NOT_NAME.match(n) is None
    if han > 12:
        return False  # long Han runs are descriptions; names of 13+ characters are legal forms, stripped
    return _ZH_NOT_NAME.search(n) is None


# --------------------------------------------------------------------------- Chinese company


def company_zh(text: str, start: int, end: int, cut: Sequence[Window] = ()) -> Window | None:
    """The company named in the clause `text[start:end]`, which ends right before its verb.

    `cut` lists spans (dates, money) that cannot be part of a name: the name lies after the last one.
    """
    for a, b in cut:
        if start <= a < end:
            if b < end and b - start < end - b:  # a date before the name: "2024年3月，X完成…"
                start = max(start, b)
            elif a > start:  # "X于2024年3月完成"
                end = min(end, a)
    if end <= start:
        return None
    seg = text[start:end]
    quoted = list(QUOTED.finditer(seg))
    if quoted:
        q = quoted[-1]
        a, b = start + q.start(1), start + q.end(1)
        return (a, b) if plausible_name(text[a:b]) else None
    m = _ZH_SIMPLIFIED_AS.search(seg)
    if m:
        end = start + m.start()
        seg = text[start:end]
    lead = _ZH_LEAD_JUNK.match(seg)
    a = start + (lead.end() if lead else 0)
    b = end
    tail = _ZH_TAIL_JUNK.search(text, a, b)
    if tail and tail.start() > a:
        b = tail.start()
    role = _ZH_ROLE_PERSON.search(text, a, b)
    if role and role.start() - a >= 2:
        b = role.start()  # "衡思智能创始人兼CEO顾迟": the company before its founder
    d = _ZH_DATE_IN_NAME.search(text, a, b)
    if d and d.start() > a and d.end() == b and d.end() > d.start() + 1:
        b = d.start()
    a, b = _after_descriptor(text, a, b)
    paren = PAREN_TAIL.search(text, a, b)
    if paren and paren.start() > a + 1:
        b = paren.start()
    a, b = strip_span(text, a, b)
    if b - a < 2 or not plausible_name(text[a:b]):
        return None
    return a, b


def _after_descriptor(text: str, a: int, b: int) -> Window:
    """Drop a descriptor before the name: the name is what follows the last head or 的/旗下."""
    best = a
    for m in _HEAD_RE.finditer(text, a, b):
        if b - m.end() >= 2:
            best = max(best, m.end())
    base = best
    for m in re.finditer(r"的|旗下(?:的)?|，|,", text[base:b]):
        pos = base + m.end()
        if b - pos >= 2:
            best = pos
    return best, b


def parenthetical_alias(text: str, end: int) -> Window | None:
    """An alias in brackets right after a name: 光帧科技(Lumaframe) -> the span of "Lumaframe"."""
    m = re.match(r"\s*[（(]([^（）()]{2,40})[)）]", text[end : end + 44])
    if not m:
        return None
    inner = m.group(1)
    if re.search(r"简称|下称|以下|\d{4}|万|亿|million|billion", inner):
        return None
    return end + m.start(1), end + m.end(1)


# --------------------------------------------------------------------------- English company

_EN_TOKEN = re.compile(r"[A-Za-z0-9][\w.&'’\-]*")
_EN_LEAD_JUNK = re.compile(
    r"^(?:[\s•*\-–—>#\d.)]+|(?:[A-Z][A-Z .,]+,\s)?(?:[A-Z][a-z]+\.? \d{1,2},? (?:\d{4} )?)?\(?[A-Z][a-z]+\)?\s?[-–—]\s"
    r"|(?:sources?|people) (?:say|said|familiar with the matter said)(?: that)?\s"
    r"|according to [^,]{1,80},\s|(?:meanwhile|also|separately|elsewhere|today|yesterday|now|and),?\s)+",
    re.I,
)
# "AUSTIN, Texas, March 4, 2025 /PRNewswire/ -- ", "SAN DIEGO, Nov. 12, 2024 (GLOBE NEWSWIRE) -- ".
_EN_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.'’ ]{1,30}(?:, [A-Z][A-Za-z.'’ ]{1,30}){0,2}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})?"
    r"\s*(?:/[^/\n]{1,40}/|\([A-Z][^)\n]{1,40}\))?\s*(?:--|—|–)\s*"
)
_EN_THE_DESCRIPTOR = re.compile(
    r"^\s*the\b[^,;]*(?:,[^,;]*)?\b(?:startup|company|firm|maker|developer|provider|business|platform|"
    r"outfit|lab|group|unicorn)\s*$",
    re.I,
)
_EN_ADVERBIAL = re.compile(
    r"(?:in|on|at|by|during|since|after|before|ahead of|earlier|later|last|this|next|meanwhile|separately|also|"
    r"however|instead|still|now|today|yesterday|elsewhere|overall|then|back|so far|as of|in total)\b"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday)\b|\d{4}\b|(?:over|down|out|up) (?:in|at)\b",
    re.I,
)
_CONNECT = frozenset({"&", "and", "of", "de", "la", "du", "von", "van", "the", "for"})
LOWER_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "instead",
        "meanwhile",
        "separately",
        "however",
        "additionally",
        "also",
        "still",
        "now",
        "today",
        "overall",
        "startup",
        "company",
        "firm",
        "maker",
        "developer",
        "provider",
        "platform",
        "operator",
        "based",
        "backed",
        "founded",
        "its",
        "their",
        "which",
        "that",
        "who",
        "whose",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "said",
        "says",
        "announced",
        "raised",
        "raises",
        "closed",
    ]
)


def name_like(token: str) -> bool:
    return any(c.isupper() or c.isdigit() for c in token)


def company_en(text: str, start: int, end: int) -> Window | None:
    """The company that is the subject of an English clause ending right before its verb."""
    seg = text[start:end]
    dateline = _EN_DATELINE.match(seg)
    if dateline:
        start += dateline.end()
        seg = text[start:end]
    if _EN_THE_DESCRIPTOR.match(seg):
        return None  # "The Portland, Oregon-based startup has raised": a reference, not a name
    lead = _EN_LEAD_JUNK.match(seg)
    a = start + (lead.end() if lead else 0)
    # "In March, Anthropic closed …", "On Tuesday, X said": an adverbial before a comma is not the name.
    while True:
        comma = text.find(",", a, end)
        if comma == -1 or not _EN_ADVERBIAL.match(text, a, comma):
            break
        a = comma + 1
        while a < end and text[a] == " ":
            a += 1
    comma = text.find(",", a, end)
    # "Harborline, a four-year-old … maker, has raised": the name is before the appositive.
    head_window = (a, comma) if comma != -1 else (a, end)
    paren = text.find("(", *head_window)
    if paren > a + 1:
        # "Spindrift Code (SF), an AI …": the bracket is a place or a short name, not the name.
        head_window = (a, paren)
    tokens = [(m.start(), m.end(), m.group()) for m in _EN_TOKEN.finditer(text, *head_window)]
    tokens = [(s, e, t.rstrip(".,")) for s, e, t in tokens]
    if not tokens:
        return None
    # Possessive: "Elon Musk's xAI" -> the name after the possessive.
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i][2].endswith(("'s", "’s")) and i + 1 < len(tokens):
            tokens = tokens[i + 1 :]
            break
    # Take the trailing run of name-like tokens ("French AI startup Mistral AI" -> "Mistral AI").
    run: list[tuple[int, int, str]] = []
    for tok in reversed(tokens):
        word = tok[2]
        if word.endswith(("-based", "-backed", "-founded", "-headquartered")):
            break
        if name_like(word) or (run and word.lower() in _CONNECT and word.lower() != "the"):
            run.append(tok)
        else:
            break
    run.reverse()
    while run and run[0][2].lower() in _CONNECT:
        run.pop(0)
    if not run:
        return None
    a2, b2 = run[0][0], run[-1][0] + len(run[-1][2])
    legal = EN_LEGAL_TAIL.search(text, a2, b2)
    if legal and legal.start() > a2:
        b2 = legal.start()  # "Kumonosu Robotics Inc." is Kumonosu Robotics
    name = text[a2:b2]
    if not plausible_name(name) or name.lower() in LOWER_STOP:
        return None
    return a2, b2


# A trailing legal form; "Corporation", "AG", "Co." stay (China Investment Corporation, Mitsui & Co.).
EN_LEGAL_TAIL = re.compile(r",?\s+(?:Co\.,?\s*)?(?:Ltd|Inc|LLC|L\.P|LP|GmbH|plc|K\.K)\.?\s*$")
