"""The resolve stage: which organisation a written name refers to.

Known names resolve through the bundled gazetteer (英伟达, Nvidia and NVIDIA are one entry; 红杉印度 is
Peak XV by its former name). Unknown names resolve to a normalised key: width, case, spaces,
punctuation and legal suffixes (有限公司, Inc.) do not make two organisations. User edits (merge,
alias) are applied on top by `Resolver`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from dealscope.lang.gazetteer import Gazetteer, name_key

# Legal-form suffixes that do not distinguish organisations. 科技/智能 are kept: "星图" and "星图科技"
# may be different companies, and the merge's containment test already joins them within a round.
_LEGAL = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|集团有限公司|\(集团\)|（集团）|,?\s*(?:inc|llc|ltd|limited|corp|corporation|co|gmbh|sa|sas|ag|plc)\.?)$",
    re.I,
)


def plain_key(name: str) -> str:
    """The normalised key of a name the gazetteer does not know."""
    stripped = _LEGAL.sub("", name.strip())
    return "n:" + name_key(stripped or name)


class Resolver:
    """Maps written names to organisation keys: gazetteer first, user aliases and merges on top."""

    def __init__(self, gazetteer: Gazetteer | None = None, aliases: Mapping[str, str] | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        # alias name_key -> organisation key, from `dealscope org alias add` / `org merge`.
        self.aliases = dict(aliases or {})

    def key(self, name: str) -> str:
        k = name_key(name)
        if k in self.aliases:
            return self.aliases[k]
        entry = self.gazetteer.lookup(name)
        base = "g:" + entry.id if entry is not None else plain_key(name)
        return self.aliases.get(base, base)

    def canonical(self, key: str) -> str | None:
        """The gazetteer's canonical name for a key, if it is a gazetteer key."""
        if key.startswith("g:"):
            for e in self.gazetteer.entries():
                if e.id == key[2:]:
                    return e.name
        return None


@functools.cache
def _default() -> Resolver:
    return Resolver()


def company_key(name: str) -> str:
    return _default().key(name)


def investor_key(name: str) -> str:
    return _default().key(name)
