"""Number and text formatting shared by the leaderboard renderers (fixed precision: deterministic)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bench.splits import UnknownSplit, get_split

COLUMNS: tuple[tuple[str, str], ...] = (
    ("actor", "Actor"),
    ("location", "Location"),
    ("count", "Count"),
    ("attribution", "Attribution"),
    ("claim", "Claim"),
    ("span", "Span"),
)


def columns(split: str) -> tuple[tuple[str, str], ...]:
    """The score columns of a split's board: its fields, then the span layer if it has one.

    >>> [key for key, _ in columns("muc4/test")]
    ['actor', 'location', 'count', 'claim']
    """
    try:
        chosen = get_split(split)
    except UnknownSplit:
        return tuple(c for c in COLUMNS if c[0] != "claim")
    keys = {*chosen.fields, *(("span",) if chosen.span else ())}
    return tuple(c for c in COLUMNS if c[0] in keys)


def num(value: float | None, digits: int = 3) -> str:
    """``0.452``; an en dash when undefined."""
    return "\u2013" if value is None else f"{value:.{digits}f}"


def interval(ci: Sequence[float] | None, digits: int = 3) -> str:
    """``[0.300, 0.600]``; empty when there is no interval."""
    return "" if ci is None else f"[{ci[0]:.{digits}f}, {ci[1]:.{digits}f}]"


def one_line(text: str) -> str:
    """Collapse every run of white space (including newlines) into one space."""
    return re.sub(r"\s+", " ", text).strip()


def esc(text: object) -> str:
    """HTML/XML-escape any text from a submission (quotes too: safe inside attributes)."""
    return html.escape(str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # the inline markup characters (a cell never starts a block)


def md(text: object) -> str:
    """Markdown-escape text for a table cell: ``& < >`` become entities (raw HTML in a name
    shows as text), inline markdown punctuation is backslash-escaped, newlines collapse (a
    cell stays one cell).

    >>> md("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> md("a|b")
    'a\\\\|b'
    """
    text = one_line(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)
