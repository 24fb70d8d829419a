"""Name comparison and one-to-one matching shared by the round and DuEE scorers."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

# A name shorter than this after normalisation never matches by containment: one character
# ("智" in "智行通") says nothing about identity.
MIN_CONTAINED = 2
# Up to this many items on the smaller side the matching is exact (dynamic programming over
# subsets: len(larger) * 2**n * n steps, ~20k for 8 x 8); beyond it a greedy pass by weight.
EXACT_LIMIT = 8


def norm_name(name: str) -> str:
    """NFKC, casefolded, without spaces, punctuation, quotes, brackets or control characters."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZC")


def names_match(a: str, b: str) -> bool:
    """Normalised names are equal, or one contains the other and the shorter has >= 2 characters."""
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    return len(short) >= MIN_CONTAINED and short in long_


def any_names_match(left: Iterable[str], right: Iterable[str]) -> bool:
    rights = list(right)
    return any(names_match(a, b) for a in left for b in rights)


def match_names(predicted: Sequence[str], expected: Sequence[str]) -> tuple[list[str], list[str], int]:
    """One-to-one name matching: exact normalised equality first, then containment.

    Returns (unmatched expected names, unmatched predicted names, matched count). Names repeating
    after normalisation count once.
    """
    pred = _dedupe(predicted)
    gold = _dedupe(expected)
    pairs = matched_name_pairs(pred, gold)
    used_p = {p for p, _ in pairs}
    used_g = {g for _, g in pairs}
    missing = [g for gi, g in enumerate(gold) if gi not in used_g]
    extra = [p for pi, p in enumerate(pred) if pi not in used_p]
    return missing, extra, len(pairs)


def matched_name_pairs(predicted: Sequence[str], expected: Sequence[str]) -> list[tuple[int, int]]:
    """(predicted index, expected index) pairs of the same one-to-one matching as `match_names`."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int]] = []
    for exact in (True, False):
        for gi, g in enumerate(expected):
            if gi in used_g or not norm_name(g):
                continue
            for pi, p in enumerate(predicted):
                if pi in used_p or not norm_name(p):
                    continue
                if (norm_name(p) == norm_name(g)) if exact else names_match(p, g):
                    used_p.add(pi)
                    used_g.add(gi)
                    out.append((pi, gi))
                    break
    return out


def _dedupe(names: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        key = norm_name(n)
        if key and key not in seen:
            seen.add(key)
            out.append(n)
    return out


def best_matching(
    n_left: int, n_right: int, weight: Callable[[int, int], int | None]
) -> list[tuple[int, int]]:
    """A one-to-one matching of left to right items maximising the summed weight of its pairs.

    `weight(i, j)` is None when i and j may not be paired. Exact when the smaller side has at most
    EXACT_LIMIT items, otherwise greedy (heaviest pair first). Ties keep the first found, so the
    result is deterministic. Returns (left, right) index pairs sorted by left index.
    """
    table = {(i, j): w for i in range(n_left) for j in range(n_right) if (w := weight(i, j)) is not None}
    if not table:
        return []
    if min(n_left, n_right) > EXACT_LIMIT:
        return _greedy(table)
    swap = n_left < n_right  # enumerate subsets of the smaller side
    small, large = (n_left, n_right) if swap else (n_right, n_left)

    def w_of(s: int, g: int) -> int | None:
        return table.get((s, g)) if swap else table.get((g, s))

    # dp: subset of used small-side items -> (weight, pairs as (small, large))
    dp: dict[int, tuple[int, tuple[tuple[int, int], ...]]] = {0: (0, ())}
    for g in range(large):
        nxt = dict(dp)
        for mask, (total, pairs) in dp.items():
            for s in range(small):
                if mask & (1 << s):
                    continue
                w = w_of(s, g)
                if w is None:
                    continue
                key = mask | (1 << s)
                cand = (total + w, (*pairs, (s, g)))
                if key not in nxt or cand[0] > nxt[key][0]:
                    nxt[key] = cand
        dp = nxt
    best = max(dp.values(), key=lambda v: v[0])  # max keeps the first of equal weights
    result = [(s, g) if swap else (g, s) for s, g in best[1]]
    return sorted(result)


def _greedy(table: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    used_l: set[int] = set()
    used_r: set[int] = set()
    out: list[tuple[int, int]] = []
    for (i, j), _w in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            out.append((i, j))
    return sorted(out)
