"""Investor lists in funding prose: "红杉中国、高瓴创投和IDG资本", "A, B and existing investors C and D".

The role patterns of `investors` find a list and its window; this module cuts the window into
names, drops the descriptions, titles and legal forms around each, and flags existing investors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dealscope.extract.names import (
    EN_LEGAL_TAIL,
    LOWER_STOP,
    PAREN_TAIL,
    QUOTED,
    name_like,
    plausible_name,
    strip_span,
)

Window = tuple[int, int]

_ZH_SEP = re.compile(r"[、，,/；;]|以及|及其|还有|及|和|与|跟|同|并")
# No "^" in patterns used with match(text, pos): "^" anchors at the string's start, not at pos.
_ZH_ITEM_LEAD = re.compile(
    r"(?:[\s:：]+|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}[日号])?|以及|还有|包括|包含|如|由|为|是|其中|受让方(?:为|是|包括)?|投资方|跟投方|领投方|参投方|共同|联合|也|均|继续|持续|追加|同时|另外|"
    r"老股东(?:方)?|现有股东|原有股东|原股东|股东|新股东|老投资人|新老股东|知名(?:投资)?机构|投资机构|知名|著名|头部|国内|海外|国际|"
    r"产业方|产业资本|战略投资方|战略投资者|财务投资方|国资平台|平台|国资|多家|数家|机构|等|(?:个人|知名|著名|资深)?(?:天使)?投资人)+"
)
_ZH_ITEM_TAIL = re.compile(
    r"(?:[\s:：]+|等(?:多家|数家|知名|其他)?(?:投资)?(?:机构|基金|股东|投资人|投资方|方|公司)?|在内(?:的)?|共同|联合|继续|持续|均|也|都|"
    r"周[一二三四五六日天]|今天|今日|昨天|昨日|近日|日前|此前|曾经?|还|亦|当地时间|"
    r"在?\d{4}年(?:\d{1,2}月)?(?:\d{1,2}[日号])?|在|决定|终止|放弃|退出|"
    r"跟投|参投|追加投资|追投|加码|加注|持续加注|超额认购|超额|旗下基金|的|作为|担任|参与(?:了)?|出资|亦|连续\S{0,3}轮|以?个人(?:身份)?|作为\S{0,8}|"
    r"(?<=[共同联合继续持续])投资)+$"
)
# A person introduced by a title: "前某手机品牌总裁韩子墨", "知名天使投资人徐衡".
_ZH_PERSON_TITLE = re.compile(
    r"(?:高管|创始人|联合创始人|CEO|CTO|COO|CFO|总裁|副总裁|合伙人|董事长|总经理|负责人|首席\w{1,3}官|投资人|制作人|"
    r"教授|院士|作家|导演|主播|企业家)"
    r"(?=[\u4e00-\u9fff]{2,4}(?:以?个人(?:身份)?)?$)"
)
# An organisation introduced by what it is: "苏州某区属国资平台苏创投资", "上市公司旗下的产投基金X资本".
_ZH_ORG_DESCRIPTOR = re.compile(
    r"(?:平台|机构|旗下(?:的)?|背景的|国资|产业方)"
    r"(?!(?:产业|投资|创业|战略|并购|引导|专项|政府|私募|股权)(?:投资)?(?:基金|资本|平台)$)"
    r"(?=(?:(?!的)[\u4e00-\u9fffA-Za-z]){2,10}(?:资本|创投|投资|基金|产投|国投|集团|控股|资管|Capital|Ventures)$)"
)
# "某头部手机厂商旗下的产业基金", "多家下游电池企业": investors the article does not name.
_ZH_ANONYMOUS = re.compile(
    r"某|多家|数家|几家|一家|若干|一批|一些|众多|部分|其他|旗下的|大多|有意|^地方|国资平台$|^[一两三四五六七八九十多数几]+[位家名个]|尚未|确定|^机构$"
    r"|^(?:全部|全体|所有|悉数|均|都)$|^(?:没有|尚未|暂未|未)|公开$"
    # A fund known only by its level: "省级引导基金", "市级国资平台".
    r"|^(?:省级|市级|区级|县级|国家级|地方|当地)(?:政府)?(?:引导基金|产业基金|母基金|国资|平台|基金)$"
)
_EXISTING_ZH = re.compile(r"老股东|现有股东|原有股东|原股东|老投资人|新老股东")
_EXISTING_EN = re.compile(
    r"\b(?:existing|returning|previous|prior|current)\s+(?:investors?|backers?|shareholders?)\b", re.I
)
_EN_ITEM_LEAD = re.compile(
    r"(?:\s+|and\s|as well as\s|plus\s|including\s|such as\s|the likes of\s|along with\s|from\s|by\s|"
    r"(?:its |the )?(?:existing|returning|previous|prior|current|new|other|strategic|seed|early|earlier|angel)?\s?(?:investors?|backers?|"
    r"shareholders?|firms?)\s(?:including\s|such as\s)?|(?:venture )?firms?\s|the venture (?:capital )?firm\s|"
    r"angel investor\s|investor\s|VC firm\s|VC\s|fund\s|(?:we|us|all of us|the team) at\s|"
    r"(?:a |the )?(?:group|syndicate|handful|number|host|roster) of (?:[\w-]+ )?(?:angels?|angel investors|individuals|"
    r"operators|investors)\s(?:including\s|such as\s|like\s)?|angels\s(?:including\s|such as\s|like\s))+",
    re.I,
)
_EN_OWNER = re.compile(r"\s*(?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*)?(?:'s|’s)\s+(?=[A-Z0-9])")
_EN_STOP_WORD = re.compile(
    r"\s(?:which|who|that|with|in|to|at|for|as|on|while|after|among|alongside|led|also|participated|said|says|"
    r"joined|invested|returned|is|was|has|had|and others|others|last|this|earlier|shortly|in \d{4})\b.*$",
    re.I,
)


def split_names_zh(
    text: str, start: int, end: int, protected: Sequence[Window] = ()
) -> list[tuple[Window, bool]]:
    """Split a Chinese list of investors into name spans; each comes with its "existing investor" flag.

    `protected` spans (gazetteer names such as 和君资本) are never split inside.
    """
    cuts: list[Window] = []
    for m in _ZH_SEP.finditer(text, start, end):
        if any(p0 <= m.start() < p1 for p0, p1 in protected):
            continue
        word = m.group()
        if word in ("和", "与", "及", "跟", "同", "并"):
            # 和/与 start many names (和君资本, 与光科技); split only between two real items.
            left = text[cuts[-1][1] if cuts else start : m.start()]
            if len(left.strip()) < 2 or end - m.end() < 2:
                continue
        cuts.append((m.start(), m.end()))
    return _pieces(text, start, end, cuts, _EXISTING_ZH, _clean_zh_item)


def _pieces(
    text: str,
    start: int,
    end: int,
    cuts: Sequence[Window],
    existing_cue: re.Pattern[str],
    clean: Callable[[str, int, int], Window | None],
) -> list[tuple[Window, bool]]:
    """The items between the cuts, each cleaned; "existing investors" marks the item it opens and all
    after it ("A, B and existing investors C and D": C and D)."""
    bounds = [start, *(x for cut in cuts for x in cut), end]  # start, cut, cut, …, end
    out: list[tuple[Window, bool]] = []
    existing = False
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        if existing_cue.search(text, a, b):
            existing = True
        w = clean(text, a, b)
        if w:
            out.append((w, existing))
    return out


def _clean_zh_item(text: str, a: int, b: int) -> Window | None:
    for _ in range(3):
        lead = _ZH_ITEM_LEAD.match(text, a, b)
        if lead and lead.end() > a:
            a = lead.end()
        tail = _ZH_ITEM_TAIL.search(text, a, b)
        if tail and tail.start() >= a and tail.end() == b and tail.start() < b:
            b = tail.start()
    quoted = QUOTED.search(text, a, b)
    if quoted:
        a, b = quoted.start(1), quoted.end(1)
    described = list(_ZH_ORG_DESCRIPTOR.finditer(text, a, b))  # the last: "国资平台苏汇投资" -> 苏汇投资
    person = _ZH_PERSON_TITLE.search(text, a, b) or (described[-1] if described else None)
    if person:
        a = person.end()  # "前某云厂商高管林栖", "苏州某区属国资平台苏创投资": the name after its description
    paren = PAREN_TAIL.search(text, a, b)
    if paren and paren.start() > a + 1:
        b = paren.start()  # "Andreessen Horowitz（a16z）": the bracket holds an alias
    a, b = strip_span(text, a, b)
    name = text[a:b]
    if b - a < 2 or not plausible_name(name) or len(name) > 30 or _ZH_ANONYMOUS.search(name):
        return None
    if _ZH_PROSE.search(name):
        return None  # "这也是公司的第一笔机构", "被动出资": prose caught by a role word, not a name
    return a, b


def split_names_en(
    text: str, start: int, end: int, protected: Sequence[Window] = ()
) -> list[tuple[Window, bool]]:
    """Split an English list ("A, B and existing investors C and D") into name spans with flags."""
    seg_cuts: list[Window] = []
    for m in re.finditer(
        r",\s*(?:and\s+|as well as\s+|plus\s+)?|\s+(?:and|as well as|plus)\s+|;\s*", text[start:end]
    ):
        a, b = start + m.start(), start + m.end()
        if any(p0 <= a < p1 for p0, p1 in protected) or _EN_LEGAL_FORM.match(text, b, end):
            continue  # "Mizuho Bank, Ltd.": the comma belongs to the name
        seg_cuts.append((a, b))
    return _pieces(text, start, end, seg_cuts, _EXISTING_EN, _clean_en_item)


# Words that never stand in an investor's name, only in the prose around one.
_ZH_PROSE = re.compile(
    r"[了这那么吗呢吧们我你他她被把说谈刚称]|为什么|怎么|以来|一位|出资$|\d{1,2}月|今年|去年|明年|本月|上月|决定|终止|放弃"
)
_EN_REPORTED = re.compile(
    r"\s+(?:has |have |had )?(?:exclusively |first |previously )?(?:learned|learnt|reported|reports|wrote|told)\b"
)
_EN_NOT_INVESTOR = re.compile(
    r"^\s*(?:A|An|The|This|That|Such) (?:deal|round|raise|transaction|financing|investment)\b|\b(?:we|us|our|I)\s*$|\b(?:19|20)\d\d\b|^\s*(?:Since|After|Before|During|Until|Meanwhile|However|Today|Yesterday|Earlier|Later)\b"
)
_EN_LEGAL_FORM = re.compile(r"(?:Ltd|Inc|LLC|L\.P|LP|GmbH|plc|K\.K)\b\.?", re.I)
_EN_OWNED_DESCRIPTION = re.compile(
    r"\s*(?:the )?(?:[A-Z][\w.&-]*\s){0,3}[A-Z][\w.&-]*(?:'s|’s)(?:\s+[a-z][\w-]*)+\s*[,.]?\s*$"
)
_EN_ARM_OF = re.compile(r"\b(?:of|arm|unit|subsidiary|division|affiliate|owned|backed|behind|founded)\b")


def _clean_en_item(text: str, a: int, b: int) -> Window | None:
    lead = _EN_ITEM_LEAD.match(text, a, b)
    if lead:
        a = lead.end()
    owner = _EN_OWNER.match(text, a, b)
    if owner:
        a = owner.end()  # "Abu Dhabi's MGX", "Korea's Hanul Energy": the place is not the name
    stop = _EN_STOP_WORD.search(text, a, b)
    if stop:
        b = stop.start()
    if _EN_OWNED_DESCRIPTION.match(text, a, b):
        return None  # "Nvidia's venture capital arm" describes a name written beside it
    if _EN_REPORTED.match(text, b):
        return None  # "led by Emergence Capital, Business Insider has learned": the outlet reports
    if _EN_NOT_INVESTOR.search(text, a, b):
        return None  # "Since 2009, it has invested in …": a time phrase before the verb
    paren = PAREN_TAIL.search(text, a, b)
    if paren and paren.start() > a + 1:
        b = paren.start()
    a, b = strip_span(text, a, b)
    legal = EN_LEGAL_TAIL.search(text, a, b)
    if legal and legal.start() > a:
        b = legal.start()  # "JAFCO Group Co., Ltd." is JAFCO Group
    while b > a and text[b - 1] in ".,;:)":
        b -= 1
    name = text[a:b]
    tokens = name.split()
    if len(tokens) > 1 and tokens[0] in ("the", "a", "an"):
        # "the Qatar Investment Authority" is a name; "the Norwegian utility Nordlys Kraft" is a
        # description and then a name; "the Dutch maker of chip machines" is a description only.
        if tokens[0] == "the" and all(t[0].isupper() or t in ("of", "for", "&") for t in tokens[1:]):
            keep = len(tokens) - 1
        elif _EN_ARM_OF.search(name):
            return None  # "the venture arm of Saudi Aramco" describes the name before it
        else:
            keep = 0
            while keep < len(tokens) - 1 and (
                tokens[-1 - keep][0].isupper()
                or (tokens[-1 - keep] == "&" and tokens[-2 - keep][0].isupper())
            ):
                keep += 1  # "the trading house Mitsui & Co": the name may hold an ampersand
        if not keep:
            return None
        a = b - len(" ".join(tokens[-keep:]))
        if text[a:b] != " ".join(tokens[-keep:]):
            return None  # irregular spacing: leave the item out rather than misplace its span
        name, tokens = text[a:b], tokens[-keep:]
    if not tokens or not name_like(tokens[0]) or len(tokens) > 6:
        return None
    if not plausible_name(name) or name.lower() in LOWER_STOP:
        return None
    return a, b
