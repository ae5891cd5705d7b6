"""``scores.svg``: headline F1 with 95% intervals, one row per ranked system.

Written as SVG text by hand (no plotting library): byte-identical for the same board, no
fonts or external resources, and every system name XML-escaped.
"""

from __future__ import annotations

import unicodedata

from bench.leaderboard.fmt import esc
from bench.leaderboard.model import Board, Entry

WIDTH = 780
LABEL_RIGHT = 250
X0, X1 = 262, 700
TOP = 52
ROW = 26
MAX_LABEL = 34
LABEL_EM = (LABEL_RIGHT - 12) / 12  # the label's room in em of the 12 px font
COLOURS = {"leader": "#1b5e20", "tied": "#2e7d32", "other": "#616161"}


def _x(value: float) -> float:
    return X0 + (X1 - X0) * min(1.0, max(0.0, value))


def _f(value: float) -> str:
    return f"{value:.2f}"


def _em(char: str) -> float:
    """A generous estimate of a character's advance in em (sans-serif), so a label never overruns."""
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char in "MW@%":
        return 1.0
    if char.isupper() or char in "mw":
        return 0.8
    return 0.35 if char in " .,:;'|!ilI" else 0.62


def _label(name: str, prefix: str = "", room: float = LABEL_EM) -> str:
    """``name`` cut (with an ellipsis) to at most ``MAX_LABEL`` characters and to what fits in
    ``room`` em after ``prefix``, so a long or wide name stays inside the label column."""
    room -= sum(_em(c) for c in prefix)
    if len(name) <= MAX_LABEL and sum(_em(c) for c in name) <= room:
        return name
    out, used = "", _em("\u2026")
    for char in name[: MAX_LABEL - 1]:
        if used + _em(char) > room:
            break
        out, used = out + char, used + _em(char)
    return out.rstrip() + "\u2026"


def _row(entry: Entry, y: float) -> list[str]:
    kind = "leader" if entry.leader else "tied" if entry.tied else "other"
    colour = COLOURS[kind]
    score = entry.score() or 0.0
    marker = " \u2248" if entry.tied else ""
    out = [
        f'<g><title>{esc(entry.name)}</title><text x="{LABEL_RIGHT}" y="{_f(y + 4)}" text-anchor="end">'
        f"{entry.rank}. {esc(_label(entry.name, f'{entry.rank}. {marker}'))}{marker}</text></g>"
    ]
    ci = entry.ci()
    if ci is not None:
        lo, hi = _x(ci[0]), _x(ci[1])
        out += [
            f'<line x1="{_f(lo)}" y1="{_f(y)}" x2="{_f(hi)}" y2="{_f(y)}" stroke="{colour}" stroke-width="2"/>',
            f'<line x1="{_f(lo)}" y1="{_f(y - 5)}" x2="{_f(lo)}" y2="{_f(y + 5)}" stroke="{colour}" stroke-width="2"/>',
            f'<line x1="{_f(hi)}" y1="{_f(y - 5)}" x2="{_f(hi)}" y2="{_f(y + 5)}" stroke="{colour}" stroke-width="2"/>',
        ]
    out += [
        f'<circle cx="{_f(_x(score))}" cy="{_f(y)}" r="5" fill="{colour}"/>',
        f'<text x="{X1 + 14}" y="{_f(y + 4)}">{score:.3f}</text>',
    ]
    return out


def render_svg(board: Board) -> str:
    """The plot as SVG text."""
    rows = board.ranked
    height = TOP + ROW * max(1, len(rows)) + 40
    bottom = TOP + ROW * max(1, len(rows))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        'font-family="sans-serif" font-size="12" role="img">',
        "<title>BREAKOUT leaderboard: headline F1 with 95% bootstrap intervals</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        '<text x="12" y="22" font-size="14" font-weight="bold">BREAKOUT headline F1 (mean of the four field F1s)'
        "</text>",
        f'<text x="12" y="40" fill="#555555">95% bootstrap intervals ({board.bootstrap} resamples, seed {board.seed}); '
        "\u2248: interval overlaps the leader's (statistically tied); shaded: the leader's interval</text>",
    ]
    if rows and rows[0].ci() is not None:
        lo, hi = rows[0].ci()  # type: ignore[misc]
        parts.append(
            f'<rect x="{_f(_x(lo))}" y="{TOP - 8}" width="{_f(_x(hi) - _x(lo))}" '
            f'height="{bottom - TOP + 4}" fill="#c8e6c9" fill-opacity="0.6"/>'
        )
    for tick in range(0, 11, 2):
        x = _x(tick / 10)
        parts.append(f'<line x1="{_f(x)}" y1="{TOP - 10}" x2="{_f(x)}" y2="{bottom}" stroke="#dddddd"/>')
        parts.append(f'<text x="{_f(x)}" y="{bottom + 16}" text-anchor="middle" fill="#555555">{tick / 10:.1f}</text>')
    parts.append(
        f'<text x="{_f((X0 + X1) / 2)}" y="{bottom + 32}" text-anchor="middle" fill="#555555">headline F1</text>'
    )
    if not rows:
        parts.append(f'<text x="{LABEL_RIGHT}" y="{TOP + 8}" text-anchor="end">no ranked entries</text>')
    for index, entry in enumerate(rows):
        parts += _row(entry, TOP + ROW * index + ROW / 2 - 4)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
