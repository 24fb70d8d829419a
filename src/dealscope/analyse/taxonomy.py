"""The sector taxonomy (`dealscope/data/sectors.json`) and its one-pass keyword matcher.

Four layers — foundation models, infrastructure and tools, applications (whose sectors are the
verticals), and other (not AI) — each list sectors with Chinese and English keywords; a `regions`
table maps place words to country codes. `Taxonomy.classify` scans texts once with an Aho-Corasick
automaton (leftmost-longest, Latin keywords on word boundaries, English plurals accepted) and picks
the sector with the most hits, a hit within `NEAR` characters of the company's name counting double:
a descriptor next to the name ("AI 编程公司 Poolside", "Figure, a robotics startup") says what the
company is, while a keyword elsewhere in the sentence may describe an investor or a customer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick

from dealscope.lang.normalize import fold

__all__ = ["FORMAT", "NEAR", "SECTOR_ID", "Classification", "LayerInfo", "SectorInfo", "Taxonomy"]

FORMAT = "dealscope-sectors/1"
# A keyword this close (in characters) to the company's name describes the company itself.
NEAR = 16
SECTOR_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class SectorInfo:
    """One sector (a vertical, in the applications layer) of the taxonomy."""

    id: str
    layer: str
    label: str
    label_zh: str
    keywords_zh: tuple[str, ...]
    keywords_en: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LayerInfo:
    id: str
    label: str
    label_zh: str
    sectors: tuple[SectorInfo, ...]


@dataclass(frozen=True, slots=True)
class Classification:
    """What the keywords say: sector and layer (or None), the deciding keyword, and a region."""

    sector: str | None = None
    layer: str | None = None
    keyword: str | None = None
    region: str | None = None


# Automaton payload: (length, sector index or -1 for a region or stop word, region code or "",
# listed keyword, check the left boundary, check the right boundary).
_Payload = tuple[int, int, str, str, bool, bool]


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


class Taxonomy:
    """The sector keyword taxonomy and a one-pass matcher over it."""

    def __init__(
        self, layers: Sequence[LayerInfo], regions: Mapping[str, Sequence[str]], stop: Sequence[str] = ()
    ) -> None:
        self._layers = tuple(layers)
        self._sectors = tuple(s for layer in self._layers for s in layer.sectors)
        self._by_layer = {(s.layer, s.id): s for s in self._sectors}
        self._layer_ids = {layer.id for layer in self._layers}
        automaton = ahocorasick.Automaton()
        words = 0
        for index, sector in enumerate(self._sectors):
            for kw in (*sector.keywords_zh, *sector.keywords_en):
                words += self._add(automaton, kw, index, "")
        for code, names in regions.items():
            for kw in names:
                words += self._add(automaton, kw, -1, code)
        for kw in stop:
            words += self._add(automaton, kw, -1, "")
        if words:
            automaton.make_automaton()
        self._automaton = automaton
        self._words = words
        facts = (self._layers, sorted((k, tuple(v)) for k, v in regions.items()), tuple(stop))
        self.digest = hashlib.sha256(repr(facts).encode()).hexdigest()[:16]

    @staticmethod
    def _add(automaton: Any, keyword: str, index: int, region: str) -> int:
        form = fold(keyword).lower()
        if not form.strip() or form != form.strip():
            raise ValueError(f"keyword {keyword!r} is empty or padded")
        if form in automaton:
            raise ValueError(f"keyword {keyword!r} is listed twice")
        payload: _Payload = (len(form), index, region, keyword, _is_word(form[0]), _is_word(form[-1]))
        automaton.add_word(form, payload)
        return 1

    @classmethod
    def default(cls) -> Taxonomy:
        """The taxonomy bundled with dealscope, loaded once per process."""
        return _default()

    @classmethod
    def from_json(cls, text: str | bytes, source: str = "sectors.json") -> Taxonomy:
        """A taxonomy read from the bundled JSON format; errors name `source`."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(f"format must be {FORMAT!r}")
            layers = [_parse_layer(raw) for raw in data["layers"]]
            regions = {
                str(code): list(v.get("zh", [])) + list(v.get("en", []))
                for code, v in data["regions"].items()
            }
            return cls(layers, regions, data.get("stop", []))
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{source}: malformed taxonomy: {exc}") from exc
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from exc

    def layers(self) -> tuple[LayerInfo, ...]:
        return self._layers

    def sectors(self) -> tuple[SectorInfo, ...]:
        return self._sectors

    def sector(self, layer: str, sector: str) -> SectorInfo | None:
        return self._by_layer.get((layer, sector))

    def layers_of(self, sector: str) -> tuple[str, ...]:
        """The layers that list a sector id, in taxonomy order."""
        return tuple(s.layer for s in self._sectors if s.id == sector)

    def is_layer(self, layer: str) -> bool:
        return layer in self._layer_ids

    def hits(self, text: str) -> Iterator[tuple[int, int, int, str, str]]:
        """(start, end, sector index or -1, region or "", keyword) of each leftmost-longest keyword."""
        if self._words and text:
            yield from self._scan(_same_length(text, fold(text).lower()))

    def _scan(self, low: str) -> Iterator[tuple[int, int, int, str, str]]:
        """`hits` over the folded, lower-cased text."""
        size = len(low)
        found: list[tuple[int, int, int, str, str]] = []
        for last, (length, index, region, keyword, left, right) in self._automaton.iter(low):
            first = last + 1 - length
            if left and first and _is_word(low[first - 1]):
                continue
            # English plurals: "robots", "chips" match "robot", "chip".
            end = last + 1
            if right and end < size and low[end] == "s" and (end + 1 == size or not _is_word(low[end + 1])):
                end += 1
            elif right and end < size and _is_word(low[end]):
                continue
            found.append((first, -(end - first), index, region, keyword))
        found.sort()
        taken = 0
        for first, neg, index, region, keyword in found:
            if first < taken:
                continue
            taken = first - neg
            yield first, taken, index, region, keyword

    def classify(self, texts: Iterable[str], names: Sequence[str] = ()) -> Classification:
        """Sector, layer and region from keywords in `texts`; hits near one of `names` count double."""
        sector_score: dict[int, float] = defaultdict(float)
        first_kw: dict[int, str] = {}
        region_score: dict[str, float] = defaultdict(float)
        keys = [n for n in {fold(n).lower() for n in names} if n]
        if not self._words:
            return Classification()
        for text in texts:
            if not text:
                continue
            low = fold(
                text
            ).lower()  # once per text, for the name and the keywords: it is a third of the time
            spots = _name_spots(low, keys) if keys else []
            for start, end, index, region, keyword in self._scan(_same_length(text, low)):
                weight = 2.0 if any(start - NEAR <= e and s <= end + NEAR for s, e in spots) else 1.0
                if index >= 0:
                    sector_score[index] += weight
                    first_kw.setdefault(index, keyword)
                elif region:
                    region_score[region] += weight
        best_region = max(sorted(region_score), key=lambda r: region_score[r]) if region_score else None
        if not sector_score:
            return Classification(region=best_region)
        # Ties go to the sector listed first: the file lists specific sectors before broad ones.
        best = max(sorted(sector_score), key=lambda i: sector_score[i])
        s = self._sectors[best]
        return Classification(s.id, s.layer, first_kw[best], best_region)


def _same_length(text: str, low: str) -> str:
    """`low` (text folded and lower-cased), or a copy as long as `text` when lower-casing grew it."""
    if len(low) == len(text):
        return low
    # A few characters lower-case to two; spans must index `text`.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in fold(text))


def _name_spots(low: str, keys: Sequence[str]) -> list[tuple[int, int]]:
    spots = []
    for key in keys:
        at = low.find(key)
        while at >= 0:
            spots.append((at, at + len(key)))
            at = low.find(key, at + 1)
    return spots


def _parse_layer(raw: dict[str, Any]) -> LayerInfo:
    layer_id = raw["id"]
    sectors = []
    for s in raw["sectors"]:
        if not SECTOR_ID.match(s["id"]):
            raise ValueError(f"sector id {s['id']!r} must be a short lowercase tag")
        sectors.append(
            SectorInfo(
                id=s["id"],
                layer=layer_id,
                label=s["label"],
                label_zh=s.get("label_zh", s["label"]),
                keywords_zh=tuple(s.get("zh", [])),
                keywords_en=tuple(s.get("en", [])),
            )
        )
    return LayerInfo(layer_id, raw["label"], raw.get("label_zh", raw["label"]), tuple(sectors))


@cache
def _default() -> Taxonomy:
    text = (resources.files("dealscope") / "data" / "sectors.json").read_text(encoding="utf-8")
    return Taxonomy.from_json(text, "dealscope/data/sectors.json")
