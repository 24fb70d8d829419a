"""Who invested, and in what role: investor lists in Chinese and English funding prose.

Each pattern finds a role keyword (领投, 跟投, "led by", "with participation from") and the list it
governs; `lists.split_names_*` turns the list into names. A name claimed as lead is not repeated as
a follower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dealscope.domain import InvestorRole, Money
from dealscope.extract import cues, lists
from dealscope.extract.context import DocContext

Window = tuple[int, int]


@dataclass
class InvestorFound:
    span: Window
    role: InvestorRole
    existing: bool = False
    amount: Money | None = None


# --------------------------------------------------------------------------- Chinese

# A list ends right before its role keyword; it starts after the last of these boundaries.
_ZH_LEFT = re.compile(
    r"[，,。；;：:！？!?\n]|由|获得|获|得到|吸引|引入|迎来|包括|其中|融资中|融资|投资方(?:为|是|包括)?|本轮|此轮|此次|该轮|本次|这轮|"
    r"[A-J]\+?轮|天使轮|种子轮|消息|宣布|表示|透露|确认|证实|披露|其"
)
_ZH_ROLE = re.compile(
    r"(?P<lead>(?:为|是|担任)(?:本轮|本次|此轮|该轮)?(?:的)?(?:领投方|领投机构)|(?:联合|共同|一起)?(?:领投|牵头|独家投资|独投|独家领投|领衔|领投方))"
    r"|(?P<follow>跟投|参投|跟进|(?:有意|拟|或将|可能|也将|亦将|将)?参与(?:了)?(?:本轮|此轮|本次|此次|该轮)?(?:投资|融资)?|追加投资|追投|持续加注|继续加注|加注|继续投资|超额认购|追加"
    r"|(?:都|也|均|亦)?跟(?:了|进了)(?=[，。；,;！]|$))"
    r"|(?P<unspec>(?:共同)?(?:出资|投资)(?=[，。；,;]|$|了?(?:本轮|此轮|该轮|这轮))"
    # "2023年1月，微软再投资100亿美元": the giver before 投资 and its amount.
    r"|(?:再次|再|又|追加|承诺)投资(?=(?:了)?(?:约|近|超|逾|至多|最多|高达)?[\d一二三四五六七八九十两])"
    # "启岸创投投了云景科技的Pre-A轮": the investor before 投了, the company and its round after.
    r"|投了(?=[^，。；]{2,24}?(?:的)?(?:Pre-?[A-J]|[A-J]\+?|天使|种子|新一)轮))"
)
# Lists introduced on the right of a keyword: 领投方为X, 投资方包括X, 获X投资.
_ZH_RIGHT = re.compile(
    r"(?P<lead>领投方(?:为|是|包括)|领投(?:机构)?的是|由(?=[^，。；]{2,60}?(?:联合|共同)?(?:领投|独家投资|牵头)))"
    r"|(?P<follow>跟投方(?:为|是|包括|有)|跟投的(?:有|是|还有|包括)|参投方(?:为|是|包括|有)|其他投资方(?:为|是|包括|有)|参与(?:本轮|此轮|本次)?(?:投资|融资)的(?:机构|投资方)?(?:还有|包括|有))"
    r"|(?P<unspec>投资方(?:为|是|包括|有|涵盖)|(?:受让方|接盘方|买方)(?:为|是|包括|有)|(?<=老股)转让给|(?<=股份)转让给|投资人(?:为|是|包括|有)|投资机构(?:为|是|包括|有)|股东(?:包括|有)"
    r"|(?:投资方|投资人|投资机构|股东)(?:里|中|当中)(?:有|包括))"
)
_ZH_LIST_END = re.compile(
    r"[。；;！？!?\n]|，(?!\s*(?:以及|及|还有|另有|和|与))|等(?:机构|投资方|股东)?[，。；]|跟投|参投|领投|共同|联合"
)
# "获红杉中国5000万元A轮投资", "拿到了奇点创投3000万元的天使轮投资", "获得了苏创投资提供的1.5亿元可转债融资".
_ZH_GOT = re.compile(
    r"(?:获(?:得)?|拿到|收到)(?:了)?(?P<list>[^，。；]{2,60}?)(?:提供|给予)?(?:的)?"
    r"(?:(?:数|近|超|约)?[\d.一二三四五六七八九十两百千万亿]+[^，。；]{0,8}?)?"
    r"(?:的)?(?:战略|独家|联合|共同)?(?:天使轮|种子轮|Pre-?[A-J]轮|[A-J]\+?轮|新一轮|首轮)?(?:战略)?"
    r"(?:投资|(?<=提供的)[^，。；]{0,16}?融资|(?:可转债|债权|债务)融资)"
)
_AFTER_INVESTOR_NAME = re.compile(r"(?:提供|给予)(?:的)?|的[\d.数近超约一二三四五六七八九十两百千]")
# "已与中金资本、建信投资签署增资协议": the other parties to an investment agreement are its investors.
_ZH_AGREEMENT = re.compile(
    r"与(?P<list>[^，。；与]{2,60}?)(?:签署|签订|达成)(?:了)?(?:增资|投资|融资|股权投资|战略投资)(?:协议|意向书|条款)"
)
_ZH_GIVES = re.compile(
    cues.ZH_GIVER_ADVERB
    + r"*(?:向|对)(?:其|该公司|[^，。；、]{2,20}?)(?:进行|追加|完成)?(?:了)?(?:一笔)?(?:投资|注资|增资)"
)
_ADVISER = re.compile(
    r"(?:担任|作为|出任)(?:本轮|此轮|本次)?(?:融资的)?(?:独家|长期)?(?:财务顾问|FA|法律顾问)"
)


def investors_zh(ctx: DocContext, a: int, b: int) -> list[InvestorFound]:
    """Investors named in the Chinese segment `[a, b)` with their roles."""
    f = ctx.folded
    protected = [(h.span.start, h.span.end) for h in ctx.names.within(a, b)]
    found: list[InvestorFound] = []
    for m in _ZH_ROLE.finditer(f, a, b):
        role = _role(m)
        if role is InvestorRole.UNSPECIFIED and _looks_like_company_verb(f, m):
            continue
        left = _zh_list_start(f, a, m.start())
        if m.start() - left < 2:
            continue
        for (s, e), existing in lists.split_names_zh(f, left, m.start(), protected):
            found.append(InvestorFound((s, e), role, existing))
    for m in _ZH_RIGHT.finditer(f, a, b):
        role = _role(m)
        start = m.end()
        if f.startswith(("：", ":"), start):
            # "投资方包括：A，B，C，D。": after a colon the list runs to the end of the sentence.
            start += 1
            end_mark = re.compile(r"[。；;！？!?\n]").search(f, start, b)
            stop = end_mark.start() if end_mark else b
        else:
            stop = _zh_list_end(f, start, b)
        if m.group().startswith("由"):
            # "由A、B联合领投": the list runs to the role keyword, handled above; only catch lists
            # whose keyword sits after a comma ("由A领投，B、C跟投" is already split by keywords).
            continue
        for (s, e), existing in lists.split_names_zh(f, start, stop, protected):
            found.append(InvestorFound((s, e), role, existing))
    for m in _ZH_AGREEMENT.finditer(f, a, b):
        for (s, e), existing in lists.split_names_zh(f, *m.span("list"), protected):
            found.append(InvestorFound((s, e), InvestorRole.UNSPECIFIED, existing))
    for m in _ZH_GIVES.finditer(f, a, b):
        # "同年微软向其投资10亿美元": the investor is the subject before 向/对.
        left = _zh_list_start(f, a, m.start())
        for (s, e), existing in lists.split_names_zh(f, left, m.start(), protected):
            found.append(InvestorFound((s, e), InvestorRole.UNSPECIFIED, existing))
    for m in _ZH_GOT.finditer(f, a, b):
        s0, e0 = m.span("list")
        if _AFTER_INVESTOR_NAME.match(f, m.end(), b):
            e0 = m.end()  # "获得了苏汇投资提供的1.5亿元…": 投资 ended the name, not the phrase
        seg = f[s0:e0]
        if re.search(r"融资|估值|轮|元|美元", seg):
            continue
        for (s, e), existing in lists.split_names_zh(f, s0, e0, protected):
            if _org_like(ctx, s, e):
                found.append(InvestorFound((s, e), InvestorRole.UNSPECIFIED, existing))
    return _dedupe(ctx, _drop_advisers(f, found, b))


def _role(m: re.Match[str]) -> InvestorRole:
    if m.group("lead"):
        return InvestorRole.LEAD
    if m.group("follow"):
        return InvestorRole.FOLLOW
    return InvestorRole.UNSPECIFIED


def _looks_like_company_verb(f: str, m: re.Match[str]) -> bool:
    # "X投资了Y" names an investor, but "获得投资" and "战略投资" do not introduce a list on the left.
    before = f[max(0, m.start() - 2) : m.start()]
    return before.endswith(("获得", "战略", "天使", "的", "轮", "获", "元", "金"))


def _zh_list_start(f: str, floor: int, kw: int) -> int:
    start = floor
    for m in _ZH_LEFT.finditer(f, floor, kw):
        start = m.end()
    return start


def _zh_list_end(f: str, start: int, ceiling: int) -> int:
    m = _ZH_LIST_END.search(f, start, ceiling)
    return m.start() if m else ceiling


def _org_like(ctx: DocContext, a: int, b: int) -> bool:
    """A bare name after 获 is an investor only if it looks like an organisation or is a known one."""
    if any(h.span.start <= a and b <= h.span.end + 2 for h in ctx.names.within(max(0, a - 20), b)):
        return True
    return bool(
        re.search(
            r"(?:资本|创投|投资|基金|集团|控股|科技|银行|证券|资管|合伙|Capital|Ventures|Partners|VC|Fund|股份|公司|产投|国投|"
            r"投资管理|创业投资|母基金)$",
            ctx.folded[a:b],
        )
    )


def _drop_advisers(f: str, found: list[InvestorFound], ceiling: int) -> list[InvestorFound]:
    return [i for i in found if not _ADVISER.match(f, i.span[1], min(ceiling, i.span[1] + 24))]


# --------------------------------------------------------------------------- English

# A list ends at a full stop, but not at the one of "Co., Ltd. and Shoko Chukin Bank, Ltd.".
_EN_END = r"(?=,?\s(?:with participation|with (?:existing|new|returning|other) (?:investors?|backers?)|alongside|along with|according to|bringing|which|who|as it|as the|to (?:help|fund|build|expand|accelerate|develop|scale|grow|support)|at an? |valuing|that values|the company said|it said|will|would|and will)\b|(?<!\s[A-Z])(?<!Ltd)(?<!Inc)(?<!\bCo)(?<!Corp)\.|(?<!\s[A-Z])\.(?!,|\s+(?:and|&|as well as|plus)\s)|[;:]|\s[-–—]\s|$)"
_EN_PATTERNS: tuple[tuple[InvestorRole, re.Pattern[str]], ...] = (
    (InvestorRole.LEAD, re.compile(r"\b(?:co-)?led by (?P<list>.+?)" + _EN_END)),
    (
        InvestorRole.LEAD,
        re.compile(
            r"\b(?:lead|leading) investors? (?:was |were |is |are )?(?P<list>(?:[A-Z0-9][^,.;]*?))" + _EN_END
        ),
    ),
    (
        InvestorRole.FOLLOW,
        re.compile(
            r"\b(?:with )?(?:participation|investments?|support|contributions?) (?:also )?from (?P<list>.+?)"
            + _EN_END
        ),
    ),
    (InvestorRole.FOLLOW, re.compile(r"\b(?:joined|followed) by (?P<list>.+?)" + _EN_END)),
    # "Nvidia also joined, as did Prosperity7 Ventures", "led by Lakestar, with HV Capital participating".
    (
        InvestorRole.FOLLOW,
        re.compile(
            r"\bas did (?P<list>(?:(?:existing|new|returning) (?:investors?|backers?) )?[A-Z0-9].+?)"
            + _EN_END
        ),
    ),
    (
        InvestorRole.FOLLOW,
        re.compile(
            r"\bwith (?:(?:existing|new|returning|other) (?:investors?|backers?) )?(?P<list>[A-Z0-9][^.;]*?) (?:also )?"
            r"(?:participating|joining|taking part)\b"
        ),
    ),
    (
        InvestorRole.LEAD,
        re.compile(
            r"\bwith (?P<list>[A-Z].+?) as (?:the |its )?(?:co-leads?|(?:co-)?lead investors?|(?:co-)?leads?)\b"
        ),
    ),
    (InvestorRole.FOLLOW, re.compile(r"\b(?:alongside|along with|together with) (?P<list>.+?)" + _EN_END)),
    (
        InvestorRole.UNSPECIFIED,
        re.compile(
            r"\b(?i:investors|backers|participants|angels|angel investors|other investors|other backers)(?i: in the (?:round|deal|financing))? (?:also )?(?:include|includes|included|including|are|were) (?P<list>.+?)"
            + _EN_END
        ),
    ),
    (
        InvestorRole.UNSPECIFIED,
        re.compile(r"\bfrom (?:investors|backers|firms) (?:including|such as|like) (?P<list>.+?)" + _EN_END),
    ),
    (InvestorRole.UNSPECIFIED, re.compile(r"\b(?:backed|funded) by (?P<list>.+?)" + _EN_END)),
    (
        InvestorRole.UNSPECIFIED,
        re.compile(
            r"\b(?:raised|raises|raising|secured|secures|closed|closes|landed|lands|nabs|nabbed|bags|bagged|snags|"
            r"snagged|grabs|grabbed|gets|got|receives|received|picks up|picked up|pulls in|pulled in|rakes in|"
            r"raked in|attracts|attracted|draws|drew|scores|scored|banks|banked|nets|netted|investment|funding|"
            r"financing|backing) (?:[^.;]|\.(?=\d)){0,90}?\bfrom (?:the )?(?P<list>(?:[A-Z0-9]|[a-z]+(?:\d|\.[a-z]))(?:[^.;]|(?<=Ltd|Inc)\.|(?<=\bCo)\.)+?)"
            + _EN_END
        ),
    ),
)
# "Benchmark led the round", "Thrive and Khosla co-led", "Founders Fund also participated".
_EN_LEFT_ROLE = re.compile(
    r"(?P<lead>\b(?:co-)?led\b(?! by)|\b(?:is|are|was|were) (?:co-)?leading\b"
    # A fund's own post: "we at Brackenridge Ventures are proud to have led it".
    r"|\b(?:is|are|was|were) (?:proud|thrilled|excited|delighted|honou?red) to (?:have )?(?:co-)?(?:led|lead)\b"
    # "Ardent Peak is poised to lead the round", "Corvid would lead the tender": a lead still to come.
    r"|\b(?:would|will|could|may|might|(?:is|are|was|were) (?:poised|set|expected|likely|slated|in talks|in line)"
    r" to|plans? to|agreed to|has agreed to|have agreed to) (?:co-)?lead\b(?=\s+(?:the|this|a|an|its)\b))"
    r"|(?P<follow>\b(?:also )?(?:participated|joined (?:in|the round)|joined(?=\s*[.,;]|$)|joined as (?:a |an )?(?:new |strategic |financial |corporate )?(?:investors?|backers?|partners?)|joined as well|joined too|took part|chipped in|followed on|returned|re-upped)\b"
    r"|\b(?:is|are|was|were) (?:also )?participating\b"
    # "Nvidia and Fidelity are in discussions to participate", "Lakestar also put more money in".
    r"|\b(?:is|are|was|were) (?:also )?(?:in (?:talks|discussions) to|expected to|set to|likely to|poised to|"
    r"planning to) (?:participate|join|invest)\b|\b(?:also )?(?:put|puts) (?:more|additional|further|fresh) "
    r"(?:money|capital|cash) in\b|\b(?:also )?(?:doubled down|re-invested|reinvested|upped (?:its|their) stakes?)\b)"
    r"|(?P<unspec>\b(?:invested|are investing|is investing|invests(?= in\b)|put in|contributed|"
    r"(?:(?:has|have|had) )?agreed to (?:put|invest|provide|inject|commit)|will (?:put|invest|inject)|"
    r"put(?= (?:an? additional |another )?(?:US)?[$€£¥]\s?\d)|"
    r"(?:has |have )?(?:made|makes|making) (?:an?|its|their) (?:[\w-]+ ){0,2}investment)\b)"
)
# "and" is not a bound: "Accel and Coatue co-led" is one list; ", and" after a clause is caught by ",".
_EN_LEFT_BOUND = re.compile(
    r"[.;:]\s|, (?:and |while |with |as )?|\b(?:while|as|but|which|whom|when)\s(?=[A-Z])"
    r"|\b(?:said|says|say|added|reported|confirmed)(?: that)?\s(?=[A-Z])|^"
)


def _en_list_start(f: str, a: int, kw: int) -> int:
    """Where a list ending at `kw` starts: a comma after a name is a list comma, not a clause bound."""
    bounds = [lb for lb in _EN_LEFT_BOUND.finditer(f, a, kw) if lb.end() < kw]
    for lb in reversed(bounds):
        text = lb.group()
        if text.startswith(".") and _EN_ABBREVIATED.search(f, max(a, lb.start() - 6), lb.start()):
            continue  # "Mitsui & Co. also invested": the stop ends a name, not a sentence
        if text.startswith(",") and text.strip() in (",", ", and"):
            before = f[max(a, lb.start() - 40) : lb.start()].split()
            if before and _EN_NAMEISH.match(before[-1]):
                continue  # "Microsoft, Nvidia, SoftBank … also took part"
            if _EN_APPOSITIVE.search(f, max(a, lb.start() - 100), lb.start()):
                continue  # "X and the venture arm of a builder, Y, also invested": a description
        return lb.end()
    return a


_EN_ABBREVIATED = re.compile(r"\b(?:Co|Inc|Corp|Ltd|Bros|Jr|Sr|L\.P|S\.A)$")
_EN_NAMEISH = re.compile(r"[A-Z0-9][\w.&'’-]*$|[a-z]+[A-Z]")
# A description set off by commas after (or before) a name: "Nordbyg Ventures, the venture arm of a
# construction group," or "Bridgework and the venture arm of a construction group, Nordbyg Ventures".
# "NVentures, Nvidia's venture capital arm," is one too.
_EN_APPOSITIVE = re.compile(
    r"[A-Z0-9][\w.&'’-]*(?:,\s+|,?\s+(?:and|&)\s+)(?:(?:the|a|an|its)\s+[a-z]|(?:[A-Z][\w.&-]*\s){0,3}[A-Z][\w.&-]*(?:'s|’s)\s+[a-z])"
    r"[^,.;]{3,80}$"
)


_WHICH_BEFORE = re.compile(r"(?<=[A-Za-z0-9.)]),\s*which\s+(?:also\s+|previously\s+|had\s+)?")
_LED_A_ROUND = re.compile(
    r"\s+(?:the|its|a|an|that)\s[^,.;]{0,40}?\b(?:round|Series [A-J]|seed|raise|financing)\b"
)


def investors_en(ctx: DocContext, a: int, b: int) -> list[InvestorFound]:
    """Investors named in the English segment `[a, b)` with their roles."""
    f = ctx.folded
    protected = [(h.span.start, h.span.end) for h in ctx.names.within(a, b)]
    found: list[InvestorFound] = []
    for role, pat in _EN_PATTERNS:
        for m in pat.finditer(f, a, b):
            s0, e0 = m.span("list")
            for (s, e), existing in lists.split_names_en(f, s0, e0, protected):
                found.append(InvestorFound((s, e), role, existing))
    for m in _EN_LEFT_ROLE.finditer(f, a, b):
        role = (
            InvestorRole.LEAD
            if m.group("lead")
            else InvestorRole.FOLLOW
            if m.group("follow")
            else InvestorRole.UNSPECIFIED
        )
        left = _en_list_start(f, a, m.start())
        window = f[left : m.start()]
        which = _WHICH_BEFORE.search(f, a, m.start())
        if which and which.end() == m.start() and m.group("lead") and _LED_A_ROUND.match(f, m.end(), b):
            # "Tiger Global, which led the $120 million Series B, …": the name before ", which".
            left = _en_list_start(f, a, which.start())
            for (s, e), existing in lists.split_names_en(f, left, which.start(), protected):
                found.append(InvestorFound((s, e), role, existing))
            continue
        if re.search(r"\b(?:round|company|startup|which|that|it|funding|financing)\b\s*$", window, re.I):
            continue  # "the round was led …" is caught by "led by"; "which invested" is not a list
        if re.search(r"\bwho(?: \w+)?\s*$", window, re.I):
            continue  # "CEO Mira Castellanos, who previously led a design team": a person's career
        for (s, e), existing in lists.split_names_en(f, left, m.start(), protected):
            found.append(InvestorFound((s, e), role, existing))
    return _dedupe(ctx, found)


# --------------------------------------------------------------------------- both


def _dedupe(ctx: DocContext, found: list[InvestorFound]) -> list[InvestorFound]:
    """One entry per name; the most specific role wins (lead > follow > unspecified)."""
    rank = {InvestorRole.LEAD: 0, InvestorRole.FOLLOW: 1, InvestorRole.UNSPECIFIED: 2}
    best: dict[str, InvestorFound] = {}
    order: list[str] = []
    for inv in found:
        key = names_key(ctx.folded[inv.span[0] : inv.span[1]])
        if key not in best:
            best[key] = inv
            order.append(key)
            continue
        cur = best[key]
        if rank[inv.role] < rank[cur.role]:
            best[key] = InvestorFound(
                inv.span, inv.role, cur.existing or inv.existing, cur.amount or inv.amount
            )
        elif inv.existing and not cur.existing:
            best[key] = InvestorFound(cur.span, cur.role, True, cur.amount)
    # Drop names contained in a longer name of the same list ("Capital" inside "Thrive Capital").
    keys = [k for k in order if not any(k != o and k in o for o in order)]
    return [best[k] for k in keys]


def names_key(name: str) -> str:
    return re.sub(r"[\s\-_.,'’·]", "", name).casefold()
