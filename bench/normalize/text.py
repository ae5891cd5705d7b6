"""String normalisation v1, applied to every actor, location and source string.

Steps, in order:
1. Unicode NFKC;
2. case-fold;
3. apostrophes (' ’ ʼ ‘ `) are deleted ("Shi'ite" -> "shiite");
4. every other punctuation or symbol character becomes a space ("Al-Qaeda" -> "al qaeda");
5. the English articles "a", "an", "the" are dropped as whole words;
6. runs of whitespace collapse to one space, and the ends are stripped.

>>> normalize_text("The  Al-Qaeda's  Iraqi affiliate!")
'al qaedas iraqi affiliate'
>>> normalize_text("ＩＳＩＳ")
'isis'
"""

from __future__ import annotations

import re
import unicodedata

NORM_VERSION = "v1"

_APOSTROPHES = dict.fromkeys(map(ord, "'’ʼ‘`"), None)
_ARTICLES = frozenset({"a", "an", "the"})


def _is_punct_or_symbol(char: str) -> bool:
    return unicodedata.category(char)[0] in ("P", "S")


def normalize_text(text: str) -> str:
    """Return the v1 normal form of ``text`` (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    spaced = "".join(" " if _is_punct_or_symbol(ch) else ch for ch in folded)
    words = [word for word in re.split(r"\s+", spaced) if word and word not in _ARTICLES]
    return " ".join(words)
