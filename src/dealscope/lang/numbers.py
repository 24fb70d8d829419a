"""Read the number words of Chinese and English news: Arabic digits, Chinese numerals, mixes of both."""

from __future__ import annotations

import re

from dealscope.lang.normalize import fold

# Chinese digits, including the financial forms (壹贰叁) and the traditional ones (兩).
ZH_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
# Units inside a section (十百千) and the section units (万, 亿) that scale everything before them.
ZH_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
ZH_UNITS: dict[str, int] = {**ZH_SMALL_UNITS, **ZH_BIG_UNITS}

_EN_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

_EN_UNIT = "one|two|three|four|five|six|seven|eight|nine"
_EN_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_EN_BELOW_100 = rf"(?:(?:{_EN_TENS})(?:[- ](?:{_EN_UNIT}))?|{_EN_TEEN}|{_EN_UNIT})"
# A cardinal in words as news writes amounts: "seventy-five", "two hundred", "one hundred and twenty",
# "a hundred and fifty", "two and a half", "half a", "one point five". Case-blind; no leading hyphen.
EN_NUMBER_PHRASE = (
    rf"(?:(?:(?:{_EN_UNIT}|an?) hundred(?:(?: and)? {_EN_BELOW_100})?|{_EN_BELOW_100})"
    rf"(?: point(?: (?:{_EN_UNIT}|zero))+| and a half)?"
    r"|an?(?: half)?|half an?)"
)
_EN_NUMBER_FULL = re.compile(rf"(?i:{EN_NUMBER_PHRASE})")


def parse_en_number_words(raw: str) -> float | None:
    """Value of a cardinal written in words ("seventy-five", "two hundred and ten", "half a"); else None."""
    s = " ".join(raw.lower().replace("-", " ").split())
    if not _EN_NUMBER_FULL.fullmatch(s):
        return None
    if s in ("half a", "half an", "a half", "an half"):
        return 0.5
    whole, _, decimals = s.partition(" point ")
    total = 0.0
    for word in whole.split():
        if word == "hundred":
            total = (total or 1.0) * 100
        elif word in ("a", "an"):
            total += 1.0 if total == 0 else 0.0
        elif word == "half":  # "two and a half": the "a" added nothing, the half adds 0.5
            total += 0.5
        elif word != "and":
            total += _EN_WORDS[word]
    if decimals:
        total += float("0." + "".join(str(_EN_WORDS[w]) for w in decimals.split()))
    return total


_ARABIC = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_ZH_CHARS = "".join(ZH_DIGITS) + "".join(ZH_UNITS)
# A Chinese (or mixed) numeral: digit runs, Chinese digits and units, and a 点 decimal point.
_ZH_TOKEN = re.compile(rf"\d+(?:\.\d+)?|[{_ZH_CHARS}点]")
_ZH_WHOLE = re.compile(rf"(?:\d+(?:\.\d+)?|[{_ZH_CHARS}点])+")


def parse_number(raw: str) -> float | None:
    """Read one number written in digits, Chinese numerals or a mix ("1,200", "两千", "1.5万"); else None."""
    s = fold(raw).strip()
    if not s:
        return None
    if s[-1].isdigit() and _ARABIC.fullmatch(s):
        return float(s.replace(",", ""))
    word = _EN_WORDS.get(s.lower())
    if word is not None:
        return float(word)
    return parse_zh_numeral(_THOUSANDS.sub("", s))


def parse_zh_numeral(s: str) -> float | None:
    """Value of a Chinese or mixed numeral ("一亿五千万", "三千五百", "5000万", "一点五"); else None."""
    if not s or not _ZH_WHOLE.fullmatch(s):
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        return _decimal(whole, frac)
    tokens = _ZH_TOKEN.findall(s)
    if len(tokens) > 1 and all(t in ZH_DIGITS for t in tokens):
        # Digit by digit, as years and codes are written: 二〇二四 -> 2024.
        return float("".join(str(ZH_DIGITS[t]) for t in tokens))
    total = 0.0  # everything already scaled by 亿
    section = 0.0  # the part below the next 亿, already scaled by 万 when one came
    number: float | None = None  # the digit waiting for its unit
    seen = False
    for tok in tokens:
        if tok in ZH_DIGITS:
            if number is not None and number != 0 and ZH_DIGITS[tok] != 0:
                return None  # two digits with no unit between them ("三五") is not one number
            number = float(ZH_DIGITS[tok])
        elif tok in ZH_SMALL_UNITS:
            # A unit with no digit before it counts one of itself: 十 = 10, 百亿 = 100 亿.
            section += (1.0 if number is None else number) * ZH_SMALL_UNITS[tok]
            number = None
        elif tok in ZH_BIG_UNITS:
            part = section + (number or 0.0)
            if part == 0.0 and not seen:
                part = 1.0  # a bare 万 or 亿 means one of it
            if ZH_BIG_UNITS[tok] == 10**8:
                total = (total + part) * 1e8
                section = 0.0
            else:
                section = part * 1e4
            number = None
        else:
            if number is not None and number != 0:
                return None
            number = float(tok)
        seen = True
    return total + section + (number or 0.0)


def _decimal(whole: str, frac: str) -> float | None:
    # 一点五亿: the fraction's digits, then any units that scale the whole figure.
    digits = frac.rstrip("".join(ZH_UNITS))
    units = frac[len(digits) :]
    head = parse_zh_numeral(whole) if whole else None
    # The fraction may be written in Chinese or Arabic digits (三点五, 1点5).
    if head is None or not digits or not all(c in ZH_DIGITS or "0" <= c <= "9" for c in digits):
        return None
    value = head + float("0." + "".join(str(ZH_DIGITS.get(c, c)) for c in digits))
    for u in units:
        value *= ZH_UNITS[u]
    return value
