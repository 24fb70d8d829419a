"""Tables: rounds written one per row under a header ("公司｜轮次｜金额｜投资方", Markdown tables).

Monthly reports and digests list deals as rows. Prose rules read such a row badly (no verb, no
subject), so a table whose header names its columns is read cell by cell instead: the company cell
is the company, the stage cell the stage, and so on, each value grounded in its cell. A row becomes
a `Frame` like any sentence, so `assemble` joins it with what the prose says of the same round.
"""

from __future__ import annotations

import re

from dealscope.domain import InvestorRole, Precision, Span, Stage
from dealscope.extract import cues, lists, names
from dealscope.extract.context import DocContext
from dealscope.extract.frame import Frame
from dealscope.extract.frames import stage_in
from dealscope.extract.investors import InvestorFound, investors_en, investors_zh

Window = tuple[int, int]

_SEPARATOR = re.compile(r"[｜|\t]")
# Header words per column, matched against a whole (stripped) header cell.
_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "company",
        re.compile(
            r"(?:公司|企业|项目|公司名称|企业名称|项目名称|被投企业|融资方|融资企业|company|startup|name|company name)",
            re.I,
        ),
    ),
    ("stage", re.compile(r"(?:轮次|融资轮次|阶段|融资阶段|round|stage|series|funding round)", re.I)),
    (
        "amount",
        re.compile(
            r"(?:金额|融资金额|融资额|交易金额|amount|raised|amount raised|round size|size|funding)", re.I
        ),
    ),
    (
        "investors",
        re.compile(
            r"(?:投资方|投资机构|投资人|投资者|出资方|领投方|investors?|backers?|lead investors?|lead|investors? \(lead\))",
            re.I,
        ),
    ),
    ("valuation", re.compile(r"(?:估值|投后估值|valuation|post-money valuation)", re.I)),
    ("date", re.compile(r"(?:日期|时间|披露日期|披露时间|date|announced)", re.I)),
)
_LEAD_MARK = re.compile(r"\s*[（(]\s*(?:联合|共同)?(?:领投|co-?leads?|leads?)\s*[)）]", re.I)
_NOT_DISCLOSED = re.compile(r"^(?:未披露|未公开|不详|暂无|—|-|–|n/?a|undisclosed|not disclosed)$", re.I)


def _cells(f: str, a: int, b: int) -> list[Window]:
    """The cells of a row: text between separators, stripped; a Markdown row's outer bars dropped."""
    out: list[Window] = []
    pos = a
    for m in _SEPARATOR.finditer(f, a, b):
        out.append(names.strip_span(f, pos, m.start()))
        pos = m.end()
    out.append(names.strip_span(f, pos, b))
    if out and out[0][0] == out[0][1]:
        out = out[1:]  # "| Acme | Series A |": nothing before the first bar
    if out and out[-1][0] == out[-1][1]:
        out = out[:-1]
    return out


def _header(f: str, cells: list[Window]) -> dict[int, str] | None:
    """Column roles when every cell is a known header word and a company and a fact column are named."""
    roles: dict[int, str] = {}
    for i, (a, b) in enumerate(cells):
        text = f[a:b].strip().strip("*")
        role = next((name for name, pat in _COLUMNS if pat.fullmatch(text)), None)
        if role is None or role in roles.values():
            return None
        roles[i] = role
    values = set(roles.values())
    return roles if "company" in values and values & {"stage", "amount", "investors"} else None


def table_rows(ctx: DocContext) -> dict[int, dict[str, Window]]:
    """Rows under a recognised header: sentence start -> the window of each named column."""
    f = ctx.folded
    rows: dict[int, dict[str, Window]] = {}
    columns: dict[int, str] | None = None
    dated: Window | None = None
    foreign = False  # under a Markdown table whose header is not ours (valuation multiples, rankings)
    for i, s in enumerate(ctx.sentences):
        if _SEPARATOR.search(f, s.start, s.end) is None:
            columns, foreign = None, False  # a line of prose ends the table
            continue
        cells = _cells(f, s.start, s.end)
        if cells and all(_RULE_CELL.fullmatch(f[a:b]) for a, b in cells):
            foreign = foreign or columns is None
            continue
        header = _header(f, cells)
        if header is not None:
            columns = header
            dated = _heading_date(ctx, i)
        elif columns is not None and len(cells) == len(columns):
            rows[s.start] = {role: cells[i] for i, role in columns.items()}
            if dated is not None and "date" not in rows[s.start]:
                rows[s.start]["date"] = dated
        else:
            columns = None
            inferred = None if foreign else _inferred_row(ctx, cells)
            if inferred is not None:
                rows[s.start] = inferred
            elif len(cells) >= _MIN_CELLS and all(_LABEL_CELL.fullmatch(f[a:b]) for a, b in cells):
                foreign = True  # a header of labels we do not know: its rows are not deals
    return rows


_LIST_MARK = re.compile(r"(?:#+\s*)?(?:\d{1,2}[.、)]\s*|[-*•]\s*)?\**")
_ROLE_WORDS = re.compile(r"领投|跟投|参投|独家投资|投资|\bled\b|\blead|participat|backed", re.I)
# A cell of names only: letters, Han, and the separators and marks of a list.
_NAMES_ONLY = re.compile(r"(?=.*[A-Za-z\u4e00-\u9fff]{2})[^\d$€£¥%~]+")
_LABEL_CELL = re.compile(r"[^\d$€£¥%|｜]{1,30}")
_RULE_CELL = re.compile(r"\s*:?-{3,}:?\s*")
_MIN_CELLS = 3  # "公司｜轮次｜金额" at least; two cells are a title and its subtitle


def _inferred_row(ctx: DocContext, cells: list[Window]) -> dict[str, Window] | None:
    """A list line with no header ("1. **砺川智能**｜工业视觉质检｜A+轮｜数千万元｜蓝驰创投领投"): the first
    cell names the company, and the other cells say by their content which is the stage, the amount
    and the investors; cells of description are left alone."""
    if len(cells) < _MIN_CELLS:
        return None
    f = ctx.folded
    a0, b0 = cells[0]
    mark = _LIST_MARK.match(f, a0, b0)
    first = names.strip_span(f, mark.end() if mark else a0, b0)
    first = (first[0], first[1] - len(f[first[0] : first[1]]) + len(f[first[0] : first[1]].rstrip("*")))
    roles: dict[str, Window] = {"company": first}
    for i, (a, b) in enumerate(cells[1:], start=1):
        if "stage" not in roles and _fills(_stage_span(ctx, f, a, b), a, b):
            roles["stage"] = (a, b)
        elif "amount" not in roles and (_fills(_money_span(ctx, a, b), a, b) or _NOT_DISCLOSED.match(f[a:b])):
            roles["amount"] = (a, b)
        elif (
            "investors" not in roles
            and ("stage" in roles or "amount" in roles)
            # The last cell after the facts is the investors' column even without a role word.
            and (_ROLE_WORDS.search(f, a, b) or (i == len(cells) - 1 and _NAMES_ONLY.fullmatch(f[a:b])))
        ):
            roles["investors"] = (a, b)
    if not ({"stage", "amount"} & roles.keys()) or len(f[first[0] : first[1]]) > 20:
        return None
    return roles


def _fills(span: Window | None, a: int, b: int) -> bool:
    """Whether a value covers most of its cell: a cell that only mentions one is description."""
    return span is not None and (span[1] - span[0]) >= 0.6 * (b - a)


def _stage_span(ctx: DocContext, f: str, a: int, b: int) -> Window | None:
    found = stage_in(ctx, a, b) or _bare_stage(f, (a, b))
    return found[1] if found else None


def _money_span(ctx: DocContext, a: int, b: int) -> Window | None:
    found = ctx.money.within(a, b)
    if not found or found[0].span is None:
        return None
    return found[0].span.start, found[-1].span.end if found[-1].span else found[0].span.end


def _heading_date(ctx: DocContext, header: int) -> Window | None:
    """The month or day a table is under: "二、2025年10月重点融资事件", then the header two lines on."""
    for s in reversed(ctx.sentences[max(0, header - 3) : header]):
        hits = [d for d in ctx.dates.within(s.start, s.end) if d.date is not None and not d.disclosure]
        if hits and hits[0].date.precision in (Precision.MONTH, Precision.DAY):  # type: ignore[union-attr]
            return hits[0].span.start, hits[0].span.end
    return None


def row_frame(ctx: DocContext, s: Span, cells: dict[str, Window]) -> Frame | None:
    """The frame of one table row, every value read from its own cell."""
    f = ctx.folded
    company = _company(f, cells.get("company"))
    if company is None:
        return None
    zh = ctx.is_zh(s.start, s.end)
    frame = Frame(sentence=s, segment=(s.start, s.end), zh=zh, company=company, round_verb=True)
    if "stage" in cells:
        frame.stage = stage_in(ctx, *cells["stage"]) or _bare_stage(f, cells["stage"])
    if "amount" in cells:
        found = ctx.money.within(*cells["amount"])
        frame.amount = found[0] if found else None
    if "valuation" in cells:
        found = ctx.money.within(*cells["valuation"])
        frame.valuation = found[0] if found else None
    if "investors" in cells:
        a, b = cells["investors"]
        # A cell in prose ("蓝驰创投领投，老股东奇绩创坛跟投") is read like prose; a bare list cell by names.
        prose = _ROLE_WORDS.search(f, a, b) and not _LEAD_MARK.search(f, a, b)
        named = (investors_zh(ctx, a, b) if zh else investors_en(ctx, a, b)) if prose else []
        frame.investors = named or _investors(ctx, cells["investors"], zh)
    if "date" in cells:
        dates = ctx.dates.within(*cells["date"])
        frame.event_date = dates[0] if dates else None
    return frame if frame.has_round_facts else None


# In a stage column a bare word is enough: "Seed", "Series B", "B+".
_BARE_STAGE = re.compile(r"(?:pre-?)?(?:seed|angel|series [a-j](?:-?\d)?|[a-j]\+{0,2}\d?|天使|种子)", re.I)


def _bare_stage(f: str, cell: Window) -> tuple[Stage, Window] | None:
    a, b = cell
    if not _BARE_STAGE.fullmatch(f[a:b]):
        return None
    stage = cues.coordinated_stage(f[a:b])
    return (stage, cell) if stage is not Stage.UNKNOWN else None


def _company(f: str, cell: Window | None) -> Window | None:
    if cell is None:
        return None
    a, b = cell
    cut = re.search(r"[（(]", f[a:b])
    if cut is not None and cut.start() >= 2:
        b = a + cut.start()  # "沐川智算（AI算力）": a description in brackets
    a, b = names.strip_span(f, a, b)
    return (a, b) if b - a >= 2 and names.plausible_name(f[a:b]) else None


def _investors(ctx: DocContext, cell: Window, zh: bool) -> list[InvestorFound]:
    f = ctx.folded
    a, b = cell
    if _NOT_DISCLOSED.match(f[a:b].strip()):
        return []
    protected = [(h.span.start, h.span.end) for h in ctx.names.within(a, b)]
    split = lists.split_names_zh if zh else lists.split_names_en
    out = []
    for (s, e), existing in split(f, a, b, protected):
        if _NOT_DISCLOSED.match(f[s:e]):
            continue
        lead = _LEAD_MARK.match(f, e, b) is not None
        out.append(InvestorFound((s, e), InvestorRole.LEAD if lead else InvestorRole.UNSPECIFIED, existing))
    return out
