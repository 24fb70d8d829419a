"""Lexicons and patterns the rule extractor reads by: stages, status cues, triggers, traps.

Everything here is compiled once at import. Patterns run on folded text (see `lang.normalize.fold`),
so full-width letters and digits need no special cases; Chinese punctuation is matched explicitly.
"""

from __future__ import annotations

import re

from dealscope.domain import Stage, Status

# --------------------------------------------------------------------------- stages

_LETTER_STAGE = {c: Stage(f"series_{c.lower()}") for c in "ABCDEFGHIJ"}

# Chinese and mixed: "A轮", "B+轮", "Pre-A轮", "C1轮", "A-2 轮", "pre-A++轮", "天使轮", "Pre-IPO轮",
# "战略融资". The letter must not continue a Latin word ("GPT-4", "SaaS").
STAGE_ZH = re.compile(
    # The lookahead lists every first character a stage can start with: it lets the engine reject
    # almost every position at once (ten times faster on long reads), and changes no match.
    r"(?=[A-Ja-jPpI天种战可债信授循风研科创资首新第老出转])"
    r"(?<![A-Za-z0-9])(?P<zh>"
    r"(?:(?P<pre>[Pp][Rr][Ee])[- ]?)?(?P<letter>[A-Ja-j])(?P<variant>\+{1,2}|[1-9]|-[1-9])?\s?(?:轮|系列)"
    r"|(?:[Pp]re[- ]?)?IPO\s?轮|[Pp]re[- ]?IPO"
    r"|天使\+?轮|天使投资(?!人|机构)|天使融资|种子\+?轮|种子期|种子融资|种子前轮?"
    r"|战略(?:轮|融资|投资(?![方人者机])|入股)|可转债融资|债权融资|债务融资|(?:循环)?信贷额度|授信额度|可转债|风险贷款"
    r"|(?:研发|科研|创新)?资助|首轮|新一轮|第[一二三四五六七八九十\d]+轮"
    # "1次老股转让" counts share sales in a summary; it is none of them.
    r"|(?<![\d一两三四五六七八九十]次)老股(?:的)?(?:转让|交易|出售)|(?:出售|转让)(?:了)?(?:所持)?老股"
    r")"
)

# English: "Series A", "Series B-2", "Series C extension", "seed round", "pre-seed", "Pre-Series A".
STAGE_EN = re.compile(
    r"\b(?P<en>"
    r"(?:[Pp]re-?)?[Ss]eries\s(?P<eletter>[A-J])(?P<evariant>-?[1-9]|\+)?(?:\s(?:extension|round|funding|financing))?"
    r"|[Pp]re-[Ss]eed|[Ss]eed(?:\s(?:round|funding|financing|stage|extension))|seed-stage"
    r"|(?<=(?:million|billion) )seed(?=\s(?:led|co-led|from|backed)\b|[,.;])|(?<=\d[MmKk] )seed(?=\s(?:led|co-led|from)\b|[,.;])"
    r"|(?<=(?:19|20)\d\d )seed(?=[,.;:]|\s(?:led|co-led|from|backed)\b)"
    r"|[Aa]ngel\s(?:round|funding|investment)"
    r"|[Pp]re-IPO(?:\s(?:round|funding))?"
    r"|[Vv]enture\sdebt|debt\s(?:financing|facility)|loan\sfacility|(?:revolving\s)?credit\s(?:facility|line)|line\sof\scredit|term\sloan"
    r"|loan\sagreement|convertible\snote|grant"
    r"|strategic\s(?:investment|round|funding|financing)"
    r"|corporate\s(?:round|investment)"
    r"|tender\soffer|secondary\s(?:sale|share\ssale|round|transaction)"
    r"|growth\s(?:round|equity\sround)|bridge\sround"
    r")\b"
)


def stage_of(match: re.Match[str]) -> Stage:
    """Canonical stage of a STAGE_ZH or STAGE_EN match."""
    groups = match.groupdict()
    letter = groups.get("letter") or groups.get("eletter")
    if letter:
        return _LETTER_STAGE[letter.upper()]
    word = match.group(0).lower()
    if "ipo" in word:
        return Stage.PRE_IPO
    if "天使" in word or "angel" in word:
        return Stage.ANGEL
    if "种子前" in word or "pre-seed" in word:
        return Stage.PRE_SEED
    if "种子" in word or "seed" in word:
        return Stage.SEED
    if "战略" in word or "strategic" in word:
        return Stage.STRATEGIC
    if "corporate" in word:
        return Stage.CORPORATE
    if any(w in word for w in ("债", "信贷", "授信", "贷款", "debt", "credit", "loan", "convertible")):
        return Stage.DEBT
    if "资助" in word or "grant" in word:
        return Stage.GRANT
    if "tender" in word or "secondary" in word or "老股" in word:
        return Stage.SECONDARY
    return Stage.UNKNOWN


def stage_core(raw: str) -> str:
    """The stage words without 轮/融资/round, as DuEE writes them: "B+轮" -> "B+", "天使轮" -> "天使"."""
    core = re.sub(r"\s?(?:轮|系列|融资|投资|入股)$", "", raw.strip())
    return core.strip()


_PRE_LETTER = re.compile(r"pre[-\s]?(?:series\s*)?[a-j](?![a-z])", re.I)
_NUMBERED = re.compile(r"(?<![a-z])[a-j]\s*-?\s*(\d)(?!\d)", re.I)


def stage_variant(raw: str) -> tuple[bool, bool, str]:
    """(pre, plus, number) of a stage's words: `Pre-A` (True, False, ''), `A+轮` (False, True, '').

    Pre-A, A, A+ and A1 share the canonical stage SERIES_A but are rounds of their own.
    """
    number = _NUMBERED.search(raw)
    return bool(_PRE_LETTER.search(raw)), "+" in raw or "＋" in raw, number.group(1) if number else ""


# Two rounds told as one: "Pre-A轮和A轮两轮融资", "天使轮及Pre-A轮", "its seed and Series A rounds",
# "Series A and B rounds". Both stages are kept; the first may drop its 轮/round.
_ZH_COORD_ONE = r"(?:[Pp]re-?)?[A-J](?:\+{1,2}|[1-9])?|天使|种子"
COORDINATED_ZH = re.compile(
    rf"(?<![A-Za-z0-9])(?P<s1>(?:{_ZH_COORD_ONE})(?:\s?轮)?)\s?(?:和|及|与|、|以及|加)\s?"
    rf"(?P<s2>(?:{_ZH_COORD_ONE})\s?轮)(?!\s?(?:的)?(?:投资人|投资方|投资机构|股东|老股))"
)
_EN_COORD_ONE = r"(?:[Pp]re-)?[Ss]eed|[Aa]ngel|(?:[Pp]re-)?[Ss]eries [A-J](?:-?[1-9])?"
COORDINATED_EN = re.compile(
    rf"\b(?P<s1>{_EN_COORD_ONE})(?: rounds?)?,? (?:and|&) (?:an? |its |the )?"
    rf"(?P<s2>(?:[Pp]re-)?[Ss]eries [A-J](?:-?[1-9])?|[A-J](?:-?[1-9])?(?= rounds)|[Ss]eed)\b"
    r"(?!(?: rounds?)? (?:investors|backers|shareholders))"
)


def coordinated_stage(words: str) -> Stage:
    """Canonical stage of one member of a coordinated pair ("Pre-A", "天使", "Series B", "B")."""
    w = words.strip()
    low = w.lower()
    if "天使" in w or "angel" in low:
        return Stage.ANGEL
    if "种子" in w or "seed" in low:
        return Stage.PRE_SEED if low.startswith("pre") else Stage.SEED
    letter = re.search(r"(?:series\s|pre-?|^)([a-j])", low)
    return _LETTER_STAGE[letter.group(1).upper()] if letter else Stage.UNKNOWN


# Words between an investor and its investing verb ("微软周一宣布将向…投资", "谷歌此前承诺投资…"): when,
# how sure, how often. One list for every pattern that reads an investor as the subject.
ZH_GIVER_ADVERB = (
    r"(?:宣布|正式|官宣|同意|决定|计划|拟|将|已经?|再次?|再度|又|曾经?|还|也|亦|此前|之前|先后|共)"
)

# --------------------------------------------------------------------------- status

# Checked in this order within one clause; the first that matches decides. Modal cues come before
# completion verbs because they modify them: "正寻求获得" is in talks, "拟完成" planned, "宣布将获得"
# announced. A rumour cue only decides when nothing else does ("据报道已完成" is completed, as reported).
STATUS_CUES: tuple[tuple[Status, re.Pattern[str]], ...] = (
    (
        Status.CANCELLED,
        re.compile(
            r"(?=[终叫取融csarftCSARFT])(?:"
            r"(?:终止|叫停|取消)[^。；，]{0,30}?(?:融资|增资)|(?:融资|增资)(?:计划)?(?:已|已经)?(?:被)?(?:整体|全部|正式)?"
            r"(?:取消|告吹|终止|搁浅)|取消(?:了)?融资"
            r"|\b(?:called off|scrapped|abandoned|cancell?ed)\b(?=[^.]{0,40}\b(?:round|raise|funding|talks)\b)"
            r"|\b(?:round|raise|funding|talks)\b[^.]{0,40}\b(?:called off|scrapped|fell apart|collapsed)\b)",
            re.I,
        ),
    ),
    (
        Status.ANNOUNCED,
        re.compile(
            r"(?=[宣将签达awsAWS])(?:"
            r"宣布将|将获得|将获|(?<![未没])(?<!没有)签署(?:了)?(?:投资|融资)?(?:协议|条款)|(?<![未没])达成(?:投资|融资)?协议"
            r"|\b(?:agreed to|will (?:receive|invest|raise|get)|(?<!not )(?<!n't )(?<!yet )signed (?:a |an )?(?:term sheet|agreement)|"
            r"set to (?:receive|raise|close))\b)",
            re.I,
        ),
    ),
    (
        Status.IN_TALKS,
        re.compile(
            r"(?=[洽谈商磋正寻接ishladpISHLADP])(?:"
            r"洽谈|谈判|商谈|磋商|正寻求|寻求|正在募集|正在进行|正在融资|正筹备|接洽|谈判中|寻找投资"
            r"|\b(?:in (?:early |advanced |late[- ]stage |final |preliminary )?(?:talks|discussions|negotiations)|"
            r"in (?:the )?(?:early|final|late|advanced) stages? of (?:talks|discussions|negotiations)|"
            r"seeking|seeks|looking to raise|in the process of raising|(?:has |have |had )?held (?:early |initial |preliminary )?(?:talks|discussions)|"
            r"is raising|are raising|(?:is|are) negotiating|discussing|sounding out|pitching investors)\b)",
            re.I,
        ),
    ),
    (
        Status.PLANNED,
        re.compile(
            r"(?=[拟计将准有piaecPIAEC])(?:"
            r"拟(?!人)|计划[^，。；]{0,8}?(?:融资|募资|筹集|启动|开启|进行)|将启动|将开启|准备(?:启动|开启|融资)|有意"
            r"|\b(?:plans? to (?:raise|seek|close)|planning to raise|is planning|prepares? to raise|"
            r"preparing to raise|aims to raise|intends to raise|expects to raise|considering raising)\b)",
            re.I,
        ),
    ),
    # Ordered: the first pattern that matches in a segment gives its status.
    (
        Status.RUMORED,
        re.compile(
            r"(?=[据知消传或有市rspaiRSPAI])(?:"
            r"据(?:外媒|媒体)?(?:报道|消息)|据.{1,12}报道|知情人士|消息人士|消息称|传闻|传出|据传|或将|或获|有望获|据知情|市场消息"
            r"|\b(?:reportedly|sources? (?:say|said|familiar)|people (?:familiar|close|with knowledge)|"
            r"according to (?:a |two |three |several )?(?:people|sources|persons|reports?|a report)|"
            r"rumou?red|is said to|are said to)\b)",
            re.I,
        ),
    ),
    (
        Status.COMPLETED,
        re.compile(
            r"(?=[完已获斩拿敲落迎官领跟参独注hrcslbnpaifHRCSLBNPAIF])(?:"
            r"(?<!未)(?<!尚未)完成(?!对)|已获|获得|斩获|拿下|敲定|落定|获(?!悉|评|批|奖|准|选)|迎来|官宣(?:完成|获得)"
            r"|已(?:经)?(?:募集|筹集|融资)|(?:领投|跟投|参投|独家投资|注资)(?:了)?"
            r"|\b(?:has |have |had )?(?:raised|closed|secured|landed|bagged|nabbed|picked up|snagged|banked|"
            r"completed|received|announced (?:a|an|its|the)|raises|closes|secures|lands|nets|netted|"
            r"led (?:a|an|the|its)|co-led|invested|backed by|funded by)\b)",
            re.I,
        ),
    ),
)

# A rumour outranks "completed" (an unconfirmed report of a closed round is still a rumour); a
# completion cue under a condition ("若获得…", "would value it at") reads as a round in talks.
CONDITIONAL = re.compile(r"若|如果|一旦|\b(?:would|could|if)\b", re.I)

# --------------------------------------------------------------------------- triggers

# A sentence can announce a round only if it contains one of these.
TRIGGER = re.compile(
    # Each of these patterns opens with a lookahead listing every character a match can start with:
    # the engine then skips most positions at once (2-3x faster; checked to change no match).
    r"(?=[融领跟参独战天注募投轮的获增入估本此该出rfilbvsctpjRFILBVSCTPJ])(?:"
    r"融资|领投|跟投|参投|独家投资|战略投资|天使投资|注资|募资|投资(?:方|人|机构|者)|轮投资|的投资|获.{0,16}投资|增资|入股"
    r"|出资(?=[约近超逾]?[\d一二三四五六七八九十两数])"
    # "微软向OpenAI投资100亿美元", "亚马逊将向Anthropic投资至多40亿美元": an investor's verb with its amount.
    r"|投资(?=(?:了|约|近|超|逾|至多|最多|不超过|高达)?[\d一二三四五六七八九十两数])"
    r"|估值|本轮|此轮|该轮"
    r"|\b(?:rais(?:e|es|ed|ing)|funding|financing|round|investment|invest(?:s|ed|ing)?|led by|co-led|"
    r"backed|backing|valuation|valued|values?|valuing|seed|Series [A-J]|capital injection|tender offer|led|"
    r"participat(?:e|ed|es|ing|ion)|(?:investors|backers|participants) (?:also )?includ(?:e|es|ed|ing)|"
    r"joined the round|took part|chipped in|joined(?=\s*[,.;])|joined as well|joined too|put (?:more|additional|further|fresh) "
    r"(?:money|capital|cash) in)\b)",
    re.I,
)

# Headline verbs that mean a round only with the money right after them: "lands $30M", "secures
# €12m", "M12 put in about $40 million". Kept apart from TRIGGER (whose first-character lookahead
# stays selective) and tried only where the window holds an amount.
MONEY_VERB = re.compile(
    r"\b(?:secur(?:e|es|ed)|lands?|landed|nabs?|nabbed|bags?|bagged|snags?|snagged|grabs?|grabbed|"
    r"(?:pull|pulls|pulled|rake|rakes|raked|haul|hauls|hauled|pick|picks|picked) (?:in|up)|gets|got|"
    r"receives?|received|attracts?|attracted|draws|drew|scores?|scored|banks|banked|nets|netted|"
    r"put in|puts in|putting in|contribut(?:ed|es|ing)|committ(?:ed|ing)|kicked in|chipped in)"
    r" (?:an? |the )?(?:fresh |new |another |additional |further )?"
    r"(?:about |roughly |around |nearly |almost |more than |over |up to |some )?(?:US|A|C|S|HK)?[$€£¥]\s?\d",
    re.I,
)

# 本轮/此次 and "the round" point back to the round in focus.
REFERENCE = re.compile(
    r"(?=[本此该这投新所募tT])(?:"
    r"本轮|此轮|该轮|这轮|本次(?:融资|投资)|此次(?:融资|投资)?|这次融资|该笔|此笔|本笔|投资方(?:包括|为|有)|新资金|所融资金|募集资金将"
    r"|\b(?:the|this) (?:round|raise|funding|financing|investment|deal|capital|new funding|new capital|tranche)\b"
    r"|\bthe (?:new )?(?:cash|money|proceeds)\b)",
    re.I,
)

# An earlier round told as context.
BACKGROUND = re.compile(
    r"(?=[此之上前曾早先去历过pelibfamtPELIBFAMT])(?:"
    r"此前|之前|上一轮|上轮|前一轮|曾于|曾在|曾获|曾经|早在|先前|去年.{0,12}完成|此外.{0,6}曾|历史上|过往"
    # "earlier this month", "earlier today" date the news itself; "earlier" alone recalls the past.
    r"|\b(?:previously|earlier(?! (?:this|today|in the (?:day|week))\b)|prior(?! to (?:the|this|its) (?:round|deal))|"
    r"last round|its last|its previous|before that|follows (?:a|an|the|its)|"
    r"last (?:raised|valued)|in (?:its|a) previous|a year (?:ago|earlier)|months? (?:ago|earlier)|"
    r"(?:after|since) (?:raising|closing|it raised|it closed|the company raised)"
    # "the valuation it reached in its 2024 Series B": a round known by its year is an earlier one.
    r"|(?:its|the|a) (?:19|20)\d\d (?:Series [A-J]|seed|round|funding round|raise))\b)",
    re.I,
)

# --------------------------------------------------------------------------- traps

# Money introduced by these words is a metric or a price, not a round. Checked in a window just
# before the amount (same clause).
METRIC_BEFORE = re.compile(
    r"(?:营收|营业收入|收入|年化收入|年收入|年经常性收入|经常性收入|ARR|GMV|销售额|销售收入|流水|利润|净利润?|亏损|毛利|"
    r"订单|合同额|市值|市场规模|产值|出货|营业额|现金流|账上|现金储备|营业利润|订阅收入|收益|"
    r"\brevenue|\bsales\b|annuali[sz]ed|run[- ]rate|\bprofit|\bloss(?:es)?\b|bookings|market (?:cap|value|size)|"
    r"market capitali[sz]ation|\bGMV\b|\bARR\b|\bburn(?:ing)?\b|net income|\bearnings|cash (?:reserves|on hand))",
    re.I,
)
METRIC_AFTER = re.compile(
    r"^\s*(?:的)?(?:营收|收入|年化收入|ARR|GMV|销售额|市值|利润|净利|亏损|营业额|订单|in (?:annual |annualized )?"
    r"(?:revenue|sales|ARR|recurring revenue)|of (?:annual |annualized )?(?:revenue|sales)|ARR\b|revenue\b|"
    r"market cap)",
    re.I,
)

# Fund raising by an investment firm, LP distributions, acquisitions, listings, cumulative totals,
# subsidies and loans. Each pattern names the reason recorded in `Rejection`.
# A company buying its own shares: checked on amounts (a trap) and on the whole frame (a valuation
# quoted for the buyback is not a round's).
BUYBACK = re.compile(r"回购|\bbuy ?backs?\b|\bbuying back\b|\brepurchas\w*", re.I)

# A market's total ("European robotics startups raised €1.2bn in the first half", "funding in
# Indonesia fell to US$1.1 billion", "披露总金额约386亿元"): checked on the amount's clause and sentence.
STATISTIC = re.compile(
    r"\b(?:startups|companies|firms|unicorns|founders|deals|rounds)\b[^.;,]{0,30}\b(?:raised|received|"
    r"attracted|secured|drew|pulled in|totall?ed)\b|\bfunding (?:in|across|for|to) [^.;]{0,40}\b(?:fell|rose|"
    r"dropped|declined|jumped|grew|climbed|totall?ed|reached)\b|\b(?:according to|data from|per) (?:data "
    r"from )?(?:Dealroom|PitchBook|Crunchbase|CB Insights|Tracxn|Preqin)\b|\byear-on-year\b|"
    r"\byear over year\b|同比|环比|融资事件|融资总额|披露总金额|投融资总额|总融资额达",
    re.I,
)

TRAPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "fund raised by an investment firm",
        re.compile(
            r"基金(?:募集|募资|规模|首关|终关|关账|完成募集)|(?:完成|宣布)(?:了)?.{0,16}(?:基金|美元基金|人民币基金)(?:的)?(?:募集|募资|首关|终关|关账)"
            r"|(?:首期|二期|三期|新一期|新)基金|募集(?:完成|规模)|管理规模|资产管理规模|出资人|有限合伙人"
            r"|(?:参与|发起|共同|拟)?设立[^，。；]{0,24}基金"
            r"|(?<![A-Za-z])(?:LP|GP)s?(?![A-Za-z])"
            r"|\b(?:debut|first|second|third|fourth|fifth|sixth|new|latest|flagship|growth|opportunity|"
            r"continuation|venture|seed)(?: [\w-]+){0,2} fund\b|\bfor (?:its|a|the) (?:[\w-]+ ){0,3}fund\b|\bFund (?:I{1,3}|IV|V|VI{0,3}|IX|X)\b"
            r"|\b(?:closed|closes|raised|raises|launch(?:es|ed)?|announced) (?:its|a|a new|the) "
            r"(?:[\w$.,-]+ ){0,4}(?:fund|vehicle|funds)\b|\bfund (?:close|size)|capital commitments|"
            r"assets under management|\bAUM\b|limited partners|\bLPs?\b",
            re.I,
        ),
    ),
    (
        "money returned to investors",
        re.compile(
            r"返还|退还|分配给|回报给|\b(?:returned|return(?:ing)?|distribut\w*) (?:\S+ ){0,4}to (?:its )?(?:LPs|limited partners|investors)\b",
            re.I,
        ),
    ),
    (
        "acquisition price",
        re.compile(
            r"收购|并购|买下|全资控股|被.{0,12}收购|作价|交易对价|\b(?:acquir(?:e|es|ed|ing)|acquisition|buy(?:s|ing)? out|"
            r"bought|to buy|takeover|merger|deal to buy|purchase[sd]?)\b",
            re.I,
        ),
    ),
    (
        "IPO or listing proceeds",
        re.compile(
            r"上市(?!前)|IPO(?!轮)|招股|发行价|公开发行|挂牌|港交所|纳斯达克|科创板|创业板|北交所|递表|\b(?:IPO|went public|"
            r"go(?:es|ing)? public|public offering|listing|listed|stock market debut|SPAC|gross proceeds|"
            r"trust account|blank-check|PIPE|private investment in public equity)\b",
            re.I,
        ),
    ),
    (
        "cumulative total",
        re.compile(
            r"累计|累积|总计|共计|合计|总融资|迄今|至今|先后|总额|总共|一共|to date|in total|total (?:funding|raised)|"
            r"bringing (?:its|the) total|has raised a total|raised (?:a total of|over its lifetime)|total of"
            r"|\bhad raised\b(?!(?:[^.]|\.(?=\d)){0,60}\b(?:round|Series|seed|led by)\b)",
            re.I,
        ),
    ),
    (
        "spending, not an investment",
        re.compile(
            r"资本开支|支出|开支|\b(?:spend|spends|spending|spent|capex|capital expenditures?)\b", re.I
        ),
    ),
    (
        # "European robotics startups raised €1.2bn in the first half", "funding in Indonesia fell to
        # US$1.1 billion", "披露总金额约386亿元": a market's total, not one company's round.
        "market-wide statistic",
        STATISTIC,
    ),
    (
        # "字节跳动正以约3000亿美元的估值回购股票": a company buying its own shares raises nothing.
        "share buyback",
        BUYBACK,
    ),
    (
        # "€109 billion of private investment in AI infrastructure", "项目总投资50亿元": money a state,
        # a region or a project will see spent, not a company's round.
        "investment pledge or project budget",
        re.compile(
            r"总投资|投资总额|投资建设|建设投资|计划投资|投资计划|投资规模|拟投资[^，。；]{0,20}?(?:建设|建立|兴建)"
            r"|\b(?:of|in) (?:new |private |public |foreign |fresh |additional )?(?:investments? (?:in|into|for)|investment"
            r" (?:pledges?|commitments?|plans?|programmes?|programs?|packages?))\b|\binvestment (?:pledges?|plans?|"
            r"programmes?|programs?|packages?)\b|\bpledg(?:e|es|ed|ing)\b",
            re.I,
        ),
    ),
    (
        # "Since 2012, Ardmore has committed more than $3 billion to over 150 companies": a portfolio.
        "an investor's portfolio total",
        re.compile(
            r"\b(?:to|in|across|into) (?:over |more than |about |some |nearly )?\d[\d,]* (?:companies|startups|"
            r"portfolio companies|businesses|deals|founders)\b|投资(?:了|过)?(?:超过|逾|近)?\d+家",
            re.I,
        ),
    ),
    (
        "subsidy or loan",
        # A company's own debt facility (信贷额度, credit facility) and a research grant are rounds
        # (stages debt and grant); a subsidy to a listed company and loans a lender makes are not.
        re.compile(
            r"补贴|补助|奖励|发放贷款|放贷|贷款余额|为[^，。；]{1,20}?(?:提供|发放)[^，。；]{0,12}?(?:信贷|贷款|授信)|"
            r"\bprovide[sd]? [^.;]{0,30}?(?:loans|credit) to|\b(?:subsid(?:y|ies)|loans? (?:to|for) (?:customers|borrowers|merchants|"
            r"small businesses|consumers)|loan book|originated)\b",
            re.I,
        ),
    ),
)

VALUATION_BEFORE = re.compile(
    # 估值 then up to a few words of verb and modality: 估值要到, 估值可能高达, 估值或将超过.
    # "以40亿美元的估值融资至多5亿美元": after 融资 the figure is the amount, not the valuation.
    r"(?:(?:投后|投前)?估值(?:[^，。；,;\d\s融]{0,5})?|"
    r"\bvalu(?:ed|ing|es|e) (?:it |the company |the startup |the firm )?at|\bvaluation of|\bvaluation (?:of|at|to|near|around)|"
    r"\b(?:at )?an? (?:post-money |pre-money )?valuation|"
    r"\bpost-money valuation of|\bpre-money valuation of|\bvaluation would (?:rise|jump|climb) to|"
    r"\bvaluation (?:rose|jumped|climbed|soared) to|\b(?:post-money |pre-money )?value (?:at|of)|\bworth)\s*(?:了|约|大约|近|超|超过|达|达到|为|:|：)?\s*$",
    re.I,
)
VALUATION_AFTER = re.compile(
    r"^\s*(?:的)?(?:投后|投前)?估值|^\s*(?:post-money|pre-money)? ?valuation\b|^\s*(?:post-money|pre-money) value\b",
    re.I,
)
POST_MONEY = re.compile(
    r"投后|(?:融资|交易|增资|投资)(?:完成)?后(?:的)?(?:整体)?估值|本轮(?:融资)?(?:完成)?后|post-money|post money"
    r"|valu\w* (?:after|following) the (?:round|investment|financing|deal)|including the new (?:money|capital)",
    re.I,
)
PRE_MONEY = re.compile(
    r"投前|(?:融资|交易|增资|投资)前(?:的)?估值|本轮(?:融资)?前|pre-money|pre money"
    r"|valu\w* (?:before|prior to) the (?:round|investment|financing|deal)"
    r"|\bbefore the new (?:money|capital|investment|funding)",
    re.I,
)
MULTIPLE_AFTER = re.compile(r"^\s*(?:倍|x\b|times\b)", re.I)
RATIO_NEAR = re.compile(
    r"相当于.{0,12}(?:收入|营收|ARR)|(?:收入|营收|ARR|revenue).{0,10}(?:的)?\s*\d+(?:\.\d+)?\s*(?:倍|x\b|times)",
    re.I,
)

# Per-investor amounts: "其中微软投了不到 10 亿美金", "Nvidia is in talks to invest up to $30 billion".
SHARE_BEFORE = re.compile(
    r"(?:出资|投资|投了|投入|认购|注资|领投|跟投|贡献|拿出|砸下|提供)(?:了)?(?:约|近|超|超过)?\s*$"
    r"|\b(?:invest(?:ed|ing|s)?|put(?:ting)? in|contribut(?:ed|ing|es)|committ?(?:ed|ing)?|kick(?:ed)? in|"
    r"chipp(?:ed|ing) in|provid(?:ed|ing))\s+(?:up to |about |roughly |around |nearly |more than |over |another |an additional )?$",
    re.I,
)
