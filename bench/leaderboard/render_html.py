"""``leaderboard/index.html``: one self-contained page (inline CSS, JS and SVG; nothing fetched).

The table is rendered here, server-side, with every string from a submission escaped
(``fmt.esc``); the script only reorders rows (``assets/page.js``) and never builds HTML
from data. A Content-Security-Policy allows no external resource and runs only the page's
own script (by hash), so even a missed escape could not load or run anything. Detail
views are sections shown by the CSS ``:target`` selector (no script needed).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.leaderboard.fmt import COLUMNS, columns, esc, interval, num
from bench.leaderboard.metadata import name_key
from bench.leaderboard.model import Board, Entry
from bench.leaderboard.plot import render_svg
from bench.leaderboard.render_drill import VALIDITY_HEADS, document_sections, documents, has_generative, validity_cells
from bench.leaderboard.render_filters import declaration, filter_panel, hidden_note, kind, row_attributes

ASSETS = Path(__file__).with_name("assets")
_HTTP = re.compile(r"^https?://", re.IGNORECASE)
SCORE_ROWS: tuple[tuple[str, str], ...] = (
    ("overall", "headline (mean of four fields)"),
    ("actor", "actor"),
    ("location", "location"),
    ("count", "count"),
    ("attribution", "attribution"),
    ("claim", "claim"),
    ("span", "span, strict (micro)"),
    ("span.PERSON", "span PERSON"),
    ("span.GROUP", "span GROUP"),
    ("span.LOCATION", "span LOCATION"),
    ("span.COUNT", "span COUNT"),
    ("span_partial", "span, partial overlap"),
)
FIELD_KEYS: frozenset[str] = frozenset(key for key, _ in COLUMNS)  # shown only where the split has them


def _per_doc_keys(entry: Entry) -> list[str]:
    shown = [key for key, _ in columns(entry.split)]
    return [k for k in shown if k != "span"] + ["overall"] + [k for k in shown if k == "span"]


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def page_script() -> str:
    """The page's one script: sorting (``page.js``), then the filters (``filters.js``)."""
    return _asset("page.js") + _asset("filters.js")


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _ci(value: Any) -> tuple[float, float] | None:
    if isinstance(value, list) and len(value) == 2 and all(_number(v) is not None for v in value):
        return float(value[0]), float(value[1])
    return None


def _pct(value: float) -> str:
    return f"{100 * min(1.0, max(0.0, value)):.2f}%"


def _bar(score: float | None, ci: tuple[float, float] | None) -> str:
    if score is None:
        return ""
    parts = [f'<span class="fill" style="width:{_pct(score)}"></span>']
    if ci is not None:
        parts.append(f'<span class="ci" style="left:{_pct(ci[0])};width:{_pct(ci[1] - ci[0])}"></span>')
    title = f"F1 {score:.3f}" + (f", 95% CI {ci[0]:.3f}\u2013{ci[1]:.3f}" if ci else "")
    return f'<span class="bar" role="img" aria-label="{esc(title)}" title="{esc(title)}">{"".join(parts)}</span>'


def _score_cell(entry: Entry, key: str, *, show_ci: bool = False) -> str:
    score, ci = entry.score(key), entry.ci(key)
    value = "" if score is None else f"{score:.6f}"
    text = f"{num(score)}" + (f'<span class="ci-text">{esc(interval(ci))}</span>' if show_ci and ci else "")
    return f'<td class="num" data-field="{esc(key)}" data-v="{value}">{text}{_bar(score, ci)}</td>'


def _rank_cell(entry: Entry) -> str:
    badge = (
        '<span class="badge" title="ranked first">leader</span>'
        if entry.leader
        else '<span class="badge" title="95% interval overlaps the leader\'s">tied</span>'
        if entry.tied
        else ""
    )
    return f'<td class="num" data-v="{entry.rank}">{entry.rank}{badge}</td>'


def _range_cell(entry: Entry) -> str:
    lo, hi = entry.rank_ci or (None, None)
    text = "\u2013" if lo is None else (f"rank {lo}" if lo == hi else f"rank {lo}\u2013{hi}")
    return f'<td class="num" data-field="rank_ci" data-v="{"" if lo is None else f"{lo}.{hi:04d}"}">{text}</td>'


def _p_cell(entry: Entry) -> str:
    p = entry.p_value
    text = "\u2013" if p is None else f"{p:.3f}"
    return f'<td class="num" data-field="p_value" data-v="{"" if p is None else f"{p:.6f}"}">{text}</td>'


def _ranked_row(index: int, entry: Entry, validity: bool = False) -> str:
    meta = entry.meta
    classes = ' class="leader"' if entry.leader else ' class="tied"' if entry.tied else ""
    cells = [
        _rank_cell(entry),
        _range_cell(entry),
        _p_cell(entry),
        f'<td class="system" data-v="{esc(entry.name)}"><a href="#sys-{entry.slug}">{esc(entry.name)}</a>{kind(entry)}</td>',
        _score_cell(entry, "overall", show_ci=True),
        *(_score_cell(entry, key) for key, _ in columns(entry.split)),
        f'<td class="num size" data-v="{"" if meta.parameters is None else meta.parameters}">{esc(meta.model_size)}</td>',
        f'<td class="declaration" data-v="{esc(meta.training_data.saw_test_articles)}">{declaration(entry)}</td>',
        f'<td class="num" data-v="{meta.date.isoformat()}">{meta.date.isoformat()}</td>',
        *(validity_cells(entry) if validity else []),  # generative boards only (render_drill)
    ]
    attributes = f'id="row-{entry.slug}"{classes} data-slug="{entry.slug}" data-i="{index}"{row_attributes(entry)}'
    return f"<tr {attributes}>" + "".join(cells) + "</tr>"


def _table_id(board: Board, first: bool) -> str:
    return "ranked" if first else "ranked-" + re.sub(r"[^a-z0-9]+", "-", board.split.lower())


def _ranked_table(board: Board, first: bool = True) -> str:
    def th(label: str, kind: str, first: str = "ascending", sort: str | None = None) -> str:
        extra = f' aria-sort="{sort}"' if sort else ""
        return f'<th data-type="{kind}" data-first="{first}"{extra}><button type="button">{label}</button></th>'

    head = [
        th("Rank", "num", sort="ascending"),
        th("Rank range (95%)", "num"),
        th("p vs leader", "num", "descending"),
        th("System", "text"),
        th("Headline F1 (95% CI)", "num", "descending"),
        *(th(label, "num", "descending") for _, label in columns(board.split)),
        th("Size", "num", "descending"),
        th("Declaration", "text"),
        th("Date", "text", "descending"),
        *(th(label, kind) for label, kind in (VALIDITY_HEADS if has_generative(board) else ())),
    ]
    body = [_ranked_row(i, e, has_generative(board)) for i, e in enumerate(board.ranked)]
    if not body:
        body = [f'<tr><td colspan="{8 + len(columns(board.split))}" class="note">No ranked entries yet.</td></tr>']
    return (
        f'<div class="table-wrap"><table id="{_table_id(board, first)}" class="sortable" data-split="{esc(board.split)}">'
        + "<thead><tr>"
        + "".join(head)
        + "</tr></thead><tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table></div>"
    )


def _broken_table(board: Board) -> str:
    if not board.broken:
        return ""
    rows = [f"<tr><td><code>{esc(path)}</code></td><td>{esc(why)}</td></tr>" for path, why in board.broken]
    return (
        '<h2 id="broken-title">Broken entries</h2>'
        '<p class="note">These folders are not valid entries and are not shown above.</p>'
        '<table id="broken"><thead><tr><th>Path</th><th>Why</th></tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def _unranked_table(board: Board, first: bool = True) -> str:
    if not board.unranked:
        return ""
    rows = [
        f'<tr data-slug="{e.slug}" data-i="{i}"{row_attributes(e)}><td class="system" data-v="{esc(e.name)}"><a href="#sys-{e.slug}">'
        f'{esc(e.name)}</a></td><td class="num" data-v="{"" if e.score() is None else f"{e.score():.6f}"}">{num(e.score())}</td>'
        f'<td data-v="{esc(e.signature)}"><code>{esc(e.signature)}</code></td><td>{esc(e.reason or "")}</td></tr>'
        for i, e in enumerate(board.unranked)
    ]
    return (
        '<h3 class="unranked-title">Listed apart: not ranked (different signature, or flagged)</h3>'
        '<p class="note">These entries are flagged (the reason is shown) or could not be scored under the current signature; their results '
        "are shown for reference and are not comparable with the table above.</p>"
        f'<table id="{"unranked" if first else "unranked-" + _table_id(board, first)[7:]}" class="sortable"><thead><tr><th data-type="text"><button type="button">System</button></th>'
        '<th data-type="num" data-first="descending"><button type="button">Stored headline F1</button></th>'
        '<th data-type="text"><button type="button">Stored signature</button></th><th>Why</th></tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def _splits(entry: Entry, family: list[Entry]) -> str:
    """The system's entries on every split (its other boards), linked."""
    parts = []
    for other in family:
        where = f"rank {other.rank}" if other.ranked and other.rank is not None else "not ranked"
        text = f"{esc(other.split)}: {num(other.score())} ({where})"
        parts.append(text if other is entry else f'<a href="#sys-{other.slug}">{text}</a>')
    return "; ".join(parts)


def _meta_list(entry: Entry, links: Mapping[str, str], family: list[Entry] | None = None) -> str:
    meta, training = entry.meta, entry.meta.training_data
    url = (
        f'<a href="{esc(meta.url)}" rel="nofollow noopener noreferrer">{esc(meta.url)}</a>'
        if meta.url and _HTTP.match(meta.url)
        else "\u2013"
    )
    status = (
        "not ranked: " + (entry.reason or "")
        if not entry.ranked
        else f"rank {entry.rank}"
        + (" (leader)" if entry.leader else " (statistically tied with the leader)" if entry.tied else "")
    )
    lo_hi = entry.rank_ci
    items = [
        ("Split", esc(entry.split)),
        ("Status", esc(status)),
        ("Rank range (95%)", "\u2013" if lo_hi is None else f"{lo_hi[0]}\u2013{lo_hi[1]}"),
        ("p vs leader", "\u2013" if entry.p_value is None else f"{entry.p_value:.3f}"),
        ("All splits", _splits(entry, family or [entry])),
        ("Authors", esc(", ".join(meta.authors))),
        ("URL", url),
        ("Description", esc(meta.description)),
        (
            "Model size",
            esc(meta.model_size) + ("" if meta.parameters is None else f" ({meta.parameters:,} parameters)"),
        ),
        ("System type", esc(meta.system_type)),
        ("Decoding mode", esc(meta.decoding)),
        ("Open weights", "yes" if meta.open_weights else "no"),
        ("Licence", esc(meta.licence)),
        *(
            [("Prompt tuned on test", "yes" if meta.prompt_tuned_on_test else "no"), ("Runs", str(meta.runs))]
            if meta.generative
            else []
        ),
        ("Saw the test articles", esc(training.saw_test_articles)),
        ("How", esc(training.how or "\u2013")),
        ("Training data", esc(", ".join(training.datasets) or "\u2013")),
        ("Date", meta.date.isoformat()),
        ("Signature", f"<code>{esc(entry.signature)}</code>"),
        ("Gold hash", f"<code>{esc(_get(entry.results, 'gold_hash') or 'unknown')}</code>"),
        ("Harness version", esc(_get(entry.results, "harness_version") or "unknown")),
        ("Files", f'<a href="{esc(quote(links[entry.slug]))}">{esc(links[entry.slug])}</a>'),
    ]
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"


def _scores_table(entry: Entry) -> str:
    scores = _get(entry.results, "scores")
    if not isinstance(scores, dict):
        return '<p class="note">No scores.</p>'
    rows = []
    shown = {key for key, _ in columns(entry.split)}
    for key, label in SCORE_ROWS:
        row = scores.get(key)
        if key in FIELD_KEYS and key not in shown:
            continue
        if not isinstance(row, dict):
            continue
        cells = [num(_number(row.get(k))) for k in ("precision", "recall", "f1")]
        rows.append(
            f"<tr><td>{esc(label)}</td>"
            + "".join(f'<td class="num">{c}</td>' for c in cells)
            + f'<td class="num">{esc(interval(_ci(row.get("ci"))))}</td></tr>'
        )
    return (
        '<table class="scores"><thead><tr><th>Score</th><th>P</th><th>R</th><th>F1</th><th>95% CI (F1)</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _diagnostics(entry: Entry) -> str:
    d = _get(entry.results, "diagnostics")
    items = [
        ("Doc-collapsed headline F1", num(_number(_get(d, "collapsed", "overall", "f1")))),
        ("Event alignment F1", num(_number(_get(d, "events", "f1")))),
        ("Event-type accuracy", num(_number(_get(d, "event_type", "accuracy")))),
        ("Modifier accuracy (matched counts)", num(_number(_get(d, "modifier", "accuracy")))),
    ]
    per_doc = _get(d, "per_document")
    out = "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"
    if isinstance(per_doc, dict) and per_doc:
        keys = _per_doc_keys(entry)
        head = "".join(f"<th>{k}</th>" for k in keys)
        rows = "".join(
            f"<tr><td><code>{esc(doc)}</code></td>"
            + "".join(f'<td class="num">{num(_number(_get(per_doc, doc, k)))}</td>' for k in keys)
            + "</tr>"
            for doc in sorted(per_doc, key=str)
        )
        out += (
            f'<h4>Per document (F1)</h4><table class="per-document"><thead><tr><th>document</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return out


def _detail(entry: Entry, links: Mapping[str, str], family: list[Entry] | None = None) -> str:
    return (
        f'<section class="detail" id="sys-{entry.slug}" aria-labelledby="title-{entry.slug}">'
        f'<h3 id="title-{entry.slug}">{esc(entry.name)}</h3><p><a href="#top">Back to the table</a></p>'
        + _meta_list(entry, links, family)
        + "<h4>Scores</h4>"
        + _scores_table(entry)
        + "<h4>Diagnostics</h4>"
        + _diagnostics(entry)
        + documents(entry)
        + "</section>"
        + document_sections(entry)
    )


def _board_section(board: Board, first: bool) -> str:
    """One split's board: its title, signature, chart, ranked and unranked tables."""
    section = _table_id(board, first).replace("ranked", "board", 1)
    ident = ' id="signature"' if first else ""
    return (
        f'<div class="board" id="{section}" data-split="{esc(board.split)}"><h2>Board: {esc(board.split)}</h2>'
        f"<p>Signature <code{ident}>{esc(board.signature)}</code> \u00b7 "
        f"gold sha256 <code>{esc(board.gold_hash)}</code> \u00b7 {len(board.ranked)} ranked</p>"
        f'<figure aria-label="headline F1 with 95% intervals, {esc(board.split)}">{render_svg(board)}</figure>'
        + hidden_note(board)
        + _ranked_table(board, first)
        + _unranked_table(board, first)
        + "</div>"
    )


def render_html(board: Board, links: Mapping[str, str]) -> str:
    """The whole page as text (deterministic for a given board)."""
    script, style = page_script(), _asset("page.css") + _asset("filters.css") + _asset("drill.css")
    lead = (
        "Every score is recomputed by <code>bench leaderboard build</code> from the entry's predictions and "
        "the current gold. Headline: the mean F1 of the actor, location, count and attribution fields, with "
        f"a 95% bootstrap interval over documents ({board.bootstrap} resamples, seed {board.seed}); bars show F1 "
        "and whiskers the interval. A system is <em>tied</em> when its interval overlaps the leader's. Click a "
        "column header to sort, a system for its details; the filters hide rows, and each board says how many."
    )
    everyone = board.entries()
    families: dict[str, list[Entry]] = {}
    for e in everyone:
        families.setdefault(name_key(e.name), []).append(e)
    details = "\n".join(_detail(e, links, families[name_key(e.name)]) for e in everyone)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{_csp(script)}">',
            '<meta name="generator" content="bench leaderboard build">',
            "<title>BREAKOUT leaderboard</title>",
            f"<style>\n{style}</style>",
            "</head>",
            '<body id="top">',
            f'<header><h1>BREAKOUT leaderboard</h1><p class="lead">{lead}</p>',
            f"<p>Harness {esc(board.harness_version)} \u00b7 one board per split, each ranking only its own "
            "entries (results of different splits are never compared)</p></header>",
            "<main>",
            filter_panel(board),
            *(_board_section(b, i == 0) for i, b in enumerate(board.boards)),
            _broken_table(board),
            '<h2 id="details-title">Details</h2><p class="note" id="details-empty">Select a system in the table to show its details here.</p>',
            details,
            "</main>",
            "<footer>Generated by <code>bench leaderboard build</code>. Works offline: no external resources.</footer>",
            f"<script>{script}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
