"""Subjects: which company a clause is about (the subject before its verb, or the object of 投资/"invest in").

Chinese subjects end at the first predicate word; English subjects are the name run before the
verb, after datelines and adverbial openers. A candidate must pass a shape test (`names.company_like`)
or be a name the gazetteer knows; known investment firms are never the company raising.
"""

from __future__ import annotations

import re

from dealscope.extract import cues, names
from dealscope.extract.context import DocContext

Window = tuple[int, int]


# Where the subject of a Chinese round clause ends: the first predicate word.
ZH_PREDICATE = re.compile(
    r"宣布|正式|官宣|据(?:说|悉|称|报道|了解|传)|(?<!未)完成|自(?=成立|创立|创办|\d{4}年)|成立以来|筹集|融得|融到|在(?=(?:新一轮|最新一轮|本轮|此轮|[A-J]\+?轮)融资)|获得|获(?!悉)|斩获|拿下|敲定|迎来|再获|又获|连获|喜获|正在|正以|正洽谈|正寻求|正与|拟|计划|将(?=获|完成|启动|开启|进行)|"
    r"已经|已(?=获|完成|于|在|经|拿|敲|斩|启动|与|同|和)|于\d|于(?:今|近|日|本|上|去|当|前)|近日|日前|今日|今天|昨日|昨天|本周|上周|近期|刚刚|"
    r"再度|再次|启动|开启|进行|洽谈|寻求|筹备|本轮|此轮|此次|该轮|担任|终止|取消|暂停|发布|签署|决定|递表|递交|登陆|冲刺|赴港|传出|对外(?:确认|宣布|披露|透露|证实)|主营|主要从事|专注于|致力于|"
    r"拿到|拿(?:了|下)?(?=[\d一二三四五六七八九十两数近超约A-Z]|[^，。；]{0,3}轮)|上个月|上月|本月|这个月|今年|去年|年初|年中|年底|"
    r"在(?=[^，。；]{1,6}(?:前|后|期间|之际)|接触|洽谈|寻求|进行|筹备|募集)|也(?=在|将|已|获|完成|正|于|拟|计划)|接触|共(?=完成|获得|融资|募集)|"
    r"的(?=(?:本轮|此轮|新一轮|首轮|最新一轮|[A-J]\+?\s?轮|Pre-?[A-J]\s?轮|天使轮|种子轮|战略融资|数|近|超|约)"
    r"|[\d.]+\s*(?:多|余)?\s*(?:[万亿]|千万|百万|美元|元|港元|欧元))|对外表示|表示|上一轮|此前"
)
# "京东领投新潮传媒10亿融资", "腾讯投资了X": the company follows the investor's verb.
_ZH_OBJECT = re.compile(
    r"(?:联合|共同)?(?:领投|独家投资|战略投资|投资了|投资|投了|注资|入股|加注|押注|参投|参与)(?:了)?"
    r"(?P<co>[^，。；、\s]{2,24}?)(?<![Pp]re-)(?:的|旗下)?(?=(?:新一轮|最新一轮|首轮)?[\d.一二三四五六七八九十两百千数近超约]+[^，。；]{0,10}?(?:融资|投资|轮)"
    r"|(?:新一轮|最新一轮|首轮|本轮|天使轮|种子轮|Pre-?[A-J]\s?轮|[A-J]\+?\s?轮)|融资)"
)
# "珠海华发5亿元战略投资智谱", "腾讯3亿美元领投X": an amount, an investing verb, the company, the clause's end.
_ZH_AMOUNT_OBJECT = re.compile(
    r"[\d.一二三四五六七八九十两百千]+\s*(?:万|亿|千万|百万)(?:美元|元|人民币|港元|欧元)?(?:的)?"
    r"(?:战略)?(?:投资|注资|入股|领投|加注)(?:了)?(?P<co>[^，。；、\s：:|｜!！?？]{2,16}?)(?=$|[，。；！？!?\n])"
)
# 对/向/为 as a preposition only: not 对手, 对比, 对外, 作为, 成为 ("竞争对手衍象科技…完成").
_ZH_TO_OBJECT = re.compile(
    r"(?:(?<![竞相面针反绝])对(?![手比外此于话标方])|向|(?<![作成认因以称])为)"
    r"(?P<co>[^，。；、\s]{2,24}?)(?:进行|完成|追加|注资|投资|提供)"
)
_ZH_TITLE_SPLIT = re.compile(r"[|｜丨]|[:：](?=\s*\S)|——|--|\s—\s")

EN_VERB = re.compile(
    r"\b(?:has |have |had |just |recently |officially |quietly |now |last |first |previously |initially |originally |also )*"
    r"(?:raised|raises|closed|closes|secured|secures|landed|lands|bagged|nabbed|picked up|snagged|"
    r"completes|finalized|finalizes|wraps up|wrapped up|adds|added|nabs|bags|snags|grabs|banks|books|"
    r"pulls in|pulled in|rakes in|raked in|brings in|brought in|"
    r"announced|announces|(?:is|are) announcing|completed|received|nets|netted|"
    r"(?:is|are|was|were) (?:also |now |reportedly )?in (?:early |advanced |final |preliminary )?(?:talks|discussions)|"
    r"(?:is|are|was|were) (?:also |now |reportedly )?in (?:the )?(?:early|final|late|advanced) stages? of (?:talks|discussions)|"
    r"(?:has|have|had) held (?:early |initial |preliminary )?(?:talks|discussions)|"
    r"are in talks|was in talks|is seeking|is looking to raise|is raising|plans to raise|is planning|"
    r"has agreed|agreed|said it (?:has )?raised|is set to|gets|got|attracts?|attracted|draws?|drew|hauls? in|hauled in|"
    r"(?:has |have )?signed|signs|inks|inked|calls off|called off|scraps|scrapped|shelves|shelved|abandons|abandoned|"
    r"scores?|scored|grabs?|grabbed|lands|snags?)\b",
    re.I,
)
_EN_OBJECT = re.compile(
    r"\b(?:invest(?:ed|s|ing)? (?:an? |the )?(?:reported |additional |further |another )?"
    r"(?:up to |as much as |about |roughly |more than |nearly |over )?"
    r"(?:\$|€|£|US\$)?[\d.,]+ ?(?:[mb]illion|bn|[MB])? (?:dollars |euros |pounds )?(?:combined )?in(?:to)?|"
    r"invest(?:ed|s|ing)?|(?:co-)?lead?s? (?:a|an|the) [^.;]{0,60}?(?:round|investment|financing|Series [A-K]|seed) in(?:to)?|"
    r"(?:funding|financing|investment|round|stake|money|cash)(?: of [^.;]{1,40}?)? (?:in|into|for)|(?<![-\w])(?:backs?|backed)|poured [^.;]{0,30}? into|"
    r"bet [^.;]{0,30}? on|put (?:\$|€|£|US\$)[\d.,]+ ?(?:[mb]illion|bn|[MB])? in(?:to)?)\s+(?P<co>(?:[A-Z0-9][\w.&'’\-]*)(?:\s+[A-Z0-9][\w.&'’\-]*){0,4})"
)


def accept(ctx: DocContext, w: Window | None) -> Window | None:
    """Keep a candidate subject only if it can be a name (or is a name the gazetteer knows)."""
    if w is None or _known_investor_only(ctx, *w):
        return None  # "恒岳资本在本轮投资中的判断": a known investment firm is not the company raising
    if names.company_like(ctx.folded[w[0] : w[1]]):
        return w
    for h in ctx.names.within(max(0, w[0] - 1), w[1]):
        if h.span.start == w[0] and h.span.end == w[1]:
            return w
    return None


_INVESTOR_SUFFIX = re.compile(r"(?:Capital|Ventures|Partners|Fund|Investments|Management|VC)$")

MARKET_VALUE = re.compile(
    r"市值|\bmarket (?:cap|capitali[sz]ation|value)\b|\bon the stock market\b|\bpublicly traded\b", re.I
)
ADVISER_CLAUSE = re.compile(r"财务顾问|法律顾问|\bFA\b|financial advis[eo]r|legal advis[eo]r", re.I)

# "Harborline's $40 million Series B round was called off": the owner of the round.
_EN_POSSESSIVE_ROUND = re.compile(
    r"(?P<co>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})(?:'s|’s) [^,.;]{0,40}?"
    r"\b(?:round|raise|funding|financing|investment|fundraise)\b"
)
# "Databricks said on Wednesday that it had completed …": the subject of "said" is the company.
_EN_SAID_IT = re.compile(
    r"\s(?:today |on \w+ )?(?:said|says|announced|confirmed)(?: on \w+| \w+day| today| this week)?(?: that)? "
    r"(?:it|the company) (?:has |had |have )?(?:raised|closed|completed|secured|received|landed|entered into|"
    r"signed|agreed)\b"
)


def company_zh(ctx: DocContext, a: int, b: int) -> Window | None:
    f = ctx.folded
    # Title prefixes such as "36氪首发 | " or "融资快报：" are not part of the subject; in a digest
    # heading "Fernweave：AI编程助手完成…" the prefix is the name and the rest a description.
    last = a
    for m in _ZH_TITLE_SPLIT.finditer(f, a, b):
        if m.end() < b - 2:
            last = m.end()
    if last > a:
        found = _company_zh_in(ctx, last, b)
        if found is not None:
            return found
        head = names.company_zh(f, a, _ZH_TITLE_SPLIT.search(f, a, b).start())  # type: ignore[union-attr]
        if _SUBSIDIARY.match(f, last, b):
            return None  # "禾屿科技：控股子公司终止A轮融资": the round is the subsidiary's, not the parent's
        if head is not None and not _PREFIX_NOT_NAME.search(f, *head):
            return accept(ctx, head)
        return None
    return _company_zh_in(ctx, a, b)


_GIVER_AFTER = re.compile(
    rf"{cues.ZH_GIVER_ADVERB}*(?:承诺|追加|累计)?投资(?:了)?"
    r"(?:约|近|超|逾|至多|最多|高达)?[\d一二三四五六七八九十两]"
)
_RUMOUR_PREFIX = re.compile(r"传(?!音|化|神|媒|奇|祺|感|统)[\u4e00-\u9fffA-Za-z]{2,}")
_MODAL = re.compile(r"拟|将|正|计划|寻求|洽谈|有意")
_SUBSIDIARY = re.compile(r"\s*(?:公司)?(?:控股|全资|参股)?(?:子公司|孙公司)|\s*旗下")
# Words of a column or source label before a colon ("36氪首发：", "融资快报 |"), not a company.
_PREFIX_NOT_NAME = re.compile(
    r"首发|关键词|快讯|快报|速递|消息|独家|周报|日报|观察|盘点|融资|投融资|资讯|新闻|早报|晚报|一周"
)


def _company_zh_in(ctx: DocContext, a: int, b: int) -> Window | None:
    f = ctx.folded
    obj = _ZH_OBJECT.search(f, a, b)
    pred = ZH_PREDICATE.search(f, a, b)
    cut = [(d.span.start, d.span.end) for d in ctx.dates.within(a, b)]
    bare = pred is not None and not f[a : pred.start()].strip()  # "拟出资1亿元参与衡梭科技B轮融资"
    if obj and (
        pred is None
        or bare
        or obj.start() <= pred.start()
        or f[pred.start() : pred.end()] == "的"
        # "鼎岳股份终止参与象境科技B轮增资", "腾讯宣布领投X": the object of the investor's verb.
        or _ZH_INVESTOR_GAP.fullmatch(f, pred.start(), obj.start())
    ):
        co = accept(ctx, names.company_zh(f, obj.start("co"), obj.end("co"), cut))
        if co and not _known_investor_only(ctx, *co):
            return co
    given = _ZH_AMOUNT_OBJECT.search(f, a, b)
    if given:  # "珠海华发5亿元战略投资智谱": the amount, then the company it went into
        co = accept(ctx, names.company_zh(f, given.start("co"), given.end("co"), cut))
        if co and not _known_investor_only(ctx, *co):
            return co
    m2 = _ZH_TO_OBJECT.search(f, a, b)
    if m2 and (
        pred is None or m2.start() <= pred.start() or _ZH_INVESTOR_GAP.fullmatch(f, pred.start(), m2.start())
    ):
        co = accept(ctx, names.company_zh(f, m2.start("co"), m2.end("co"), cut))
        if co:
            return co
    while pred is not None and not f[a : pred.start()].strip() and _ZH_OPENING_TIME.fullmatch(pred.group()):
        # "昨天百川智能宣布…", "近日星枢动力完成…": a time word opening the clause is not the verb.
        a = max([pred.end()] + [d1 for d0, d1 in cut if d0 <= pred.start() < d1])  # "今年2月X完成…"
        pred = ZH_PREDICATE.search(f, a, b)
    if pred is None:
        return None
    w = names.company_zh(f, a, pred.start(), cut)
    if w is not None and _GIVER_AFTER.match(f, w[1], b):
        return None  # "谷歌此前承诺投资最多20亿美元": the subject gives the money; the company is in focus
    if w is not None and _RUMOUR_PREFIX.match(f, w[0], w[1]) and _MODAL.match(pred.group()):
        # "传字节跳动拟以3000亿美元估值融资": 传 (word has it) opens a rumour; it is not the name.
        w = (w[0] + 1, w[1])
    return accept(ctx, w)


# Between an investor and 向/对 its target ("微软周一宣布向OpenAI投资", "亚马逊此前宣布将向…投资"): words
# that say when or how sure, after which the object of 向 is the company raising.
_ZH_INVESTOR_GAP = re.compile(
    rf"(?:{cues.ZH_GIVER_ADVERB}|终止|放弃|退出|周[一二三四五六日天]|"
    r"今日|今天|昨日|昨天|近日|日前|本周|上周|当地时间|于?\d{1,2}月\d{1,2}日|[，,]\s*)*"
)
_ZH_OPENING_TIME = re.compile(
    r"近日|日前|今日|今天|昨日|昨天|本周|上周|近期|刚刚|上个月|上月|本月|这个月|今年|去年|年初|年中|年底"
)
_INVESTORS_AS_SUBJECT = re.compile(
    r"\b(?:existing|new|current|its) (?:investors?|backers?|shareholders?)\s*$", re.I
)
_EN_TO_INVEST = re.compile(r"\s*(?:to|and)\s+invest\b", re.I)
_EN_REFERENCE_SUBJECT = re.compile(
    r"\b(?:the|its|this|that|a) (?:deal|round|financing|funding|transaction|raise|investment)\s+$", re.I
)
_EN_SUBORDINATE = re.compile(
    r"\b(?:when|after|since|as|because|while|before|where)\s+"
    r"(?P<co>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3})\s+$"
)


def company_en(ctx: DocContext, a: int, b: int) -> Window | None:
    f = ctx.folded
    o = _EN_OBJECT.search(f, a, b)
    v = EN_VERB.search(f, a, b)
    if v and (o is None or v.start() < o.start()):
        subject = names.company_en(f, a, v.start())
        if subject and (
            (o and _INVESTOR_SUFFIX.search(f, subject[0], subject[1]))
            or _INVESTORS_AS_SUBJECT.search(f, a, subject[0])
        ):
            # "Marlowe Bio Fund and Pinecrest Ventures have agreed to lead a Series B in Tessellate";
            # "existing investors … have agreed to put $75 million into the company": not the company.
            return accept(ctx, names.company_en(f, o.start("co"), o.end("co"))) if o else None
    said = _EN_SAID_IT.search(f, a, b)
    if said:
        co = accept(ctx, names.company_en(f, a, said.start()))
        if co:
            return co
    m = EN_VERB.search(f, a, b)
    if m:
        if _EN_TO_INVEST.match(f, m.end(), b):
            # "Calder Semiconductor … is in discussions to invest up to $250 million": an investor.
            return _object_company(ctx, a, b)
        if _EN_REFERENCE_SUBJECT.search(f, a, m.start()):
            return None  # "Apple, which …, was not among the backers when the deal closed"
        sub = _EN_SUBORDINATE.search(f, a, m.start())
        if sub:
            co = accept(ctx, sub.span("co"))  # "…from January, when Kestrel raised $400 million"
            if co:
                return co
        co = accept(ctx, names.company_en(f, a, m.start()))
        if co:
            return co
    return _object_company(ctx, a, b)


def _object_company(ctx: DocContext, a: int, b: int) -> Window | None:
    f = ctx.folded
    o = _EN_OBJECT.search(f, a, b)
    if o:
        co = accept(ctx, names.company_en(f, o.start("co"), o.end("co")))
        if co:
            return co
    p = _EN_POSSESSIVE_ROUND.search(f, a, b)
    if p:
        return accept(ctx, p.span("co"))
    return None


def _known_investor_only(ctx: DocContext, a: int, b: int) -> bool:
    for h in ctx.names.within(max(0, a - 1), b):
        if h.span.start <= a and b <= h.span.end and h.entry.kind.value in ("vc", "fund", "sovereign"):
            return True
    return False
