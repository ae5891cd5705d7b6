"""HTML of the drill-down (system -> document -> field) and of a generative entry's validity.

``documents(entry)`` goes inside a system's detail view: the validity and cost of a
generative entry, then the list of the split's documents, each with its F1 and error
count, linked to its own section. ``document_sections(entry)`` renders those sections
(shown by the CSS ``:target`` selector like the system views: no script): per field the
missed and spurious items, event-level errors, and for a generative entry the raw
completion (cut at ``MAX_COMPLETION`` characters, and said so), its status, the prompt
template and the per-document prompt hash.

Every string here comes from a submission: each goes through ``fmt.esc``, completions are
shown in ``<pre>`` as text, never parsed. Section ids use the entry's slug and the
document's position, never the document id.
"""

from __future__ import annotations

from bench.leaderboard.drill import DocDrill
from bench.leaderboard.fmt import esc, num
from bench.leaderboard.llm import Generative, per_document
from bench.leaderboard.model import Board, Entry

KINDS: tuple[str, ...] = ("missed", "spurious", "wrong")


def doc_anchor(entry: Entry, index: int) -> str:
    return f"doc-{entry.slug}-{index}"


def _int(value: object) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else "\u2013"


def _float(value: float | None, digits: int = 1) -> str:
    return "\u2013" if value is None else f"{value:.{digits}f}"


def validity_items(gen: Generative) -> list[tuple[str, str]]:
    """``(label, text)`` pairs of a generative entry's validity, cost and runs (text unescaped)."""
    v = gen.validity
    if v is None:
        return [("Validity", gen.problem or "unknown")]
    items = [
        ("Documents valid", f"{_int(v.get('ok'))}/{_int(v.get('documents'))}"),
        ("Parse failures", _int(v.get("parse_errors"))),
        ("Schema failures", _int(v.get("schema_errors"))),
        ("Request failures", _int(v.get("request_errors"))),
        ("Truncated (token limit)", _int(v.get("truncated"))),
        ("Ungrounded strings", f"{_int(v.get('ungrounded'))}/{_int(v.get('strings'))}"),
        ("Prompt tokens per document", _float(per_document(v, "prompt_tokens"))),
        ("Completion tokens per document", _float(per_document(v, "completion_tokens"))),
        ("Seconds per document", _float(v.get("seconds_per_document"), 2)),
        ("Runs", str(gen.runs)),
    ]
    if gen.run_range is not None:
        items.append(("Headline F1 over the runs", f"{gen.run_range[0]:.3f}\u2013{gen.run_range[1]:.3f}"))
    return items


def _doc_status(doc: DocDrill) -> str:
    c = doc.completion
    if c is None:
        return ""
    return f"<td>{esc(c.status or 'unknown')}</td>"


def documents(entry: Entry) -> str:
    """The generative block and the document list of a system's detail view ('' without a drill)."""
    out = ""
    if entry.generative is not None:
        pairs = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in validity_items(entry.generative))
        out += (
            '<h4>Validity and cost (from the raw outputs)</h4><dl class="validity">' + pairs + "</dl>"
            '<p class="note">Recomputed at build time by replaying <code>raw_outputs.jsonl</code>; '
            "a failed document is scored as an empty prediction.</p>"
        )
    if not entry.drill:
        return out
    llm = any(d.completion is not None for d in entry.drill)
    head = "<th>document</th><th>headline F1</th><th>errors</th>" + ("<th>completion</th>" if llm else "")
    items: list[str] = []
    for i, doc in enumerate(entry.drill):
        items.append(
            f'<tr><td><a href="#{doc_anchor(entry, i)}"><code>{esc(doc.doc_id)}</code></a></td>'
            f'<td class="num">{num(doc.scores.get("overall"))}</td><td class="num">{doc.errors}</td>'
            + (_doc_status(doc) if llm else "")
            + "</tr>"
        )
    return (
        out + f'<h4>Documents ({len(entry.drill)})</h4><p class="note">Select a document for its missed and spurious '
        "items per field.</p>"
        + f'<table class="documents"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(items)
        + "</tbody></table>"
    )


def _field_table(doc: DocDrill) -> str:
    if not doc.rows and not doc.hidden:
        return '<p class="note">No errors: every gold item found, nothing spurious.</p>'
    fields: list[str] = []
    for row in doc.rows:
        if row.field not in fields:
            fields.append(row.field)
    for name, _ in doc.hidden:
        if name not in fields:
            fields.append(name)
    body = []
    for name in fields:
        cells = []
        for kind in ("missed", "spurious"):
            items = [
                r.text
                for r in doc.rows
                if r.field == name and r.kind in ((kind, "wrong") if kind == "missed" else (kind,))
            ]
            hidden = doc.hidden.get((name, kind), 0)
            lis = "".join(f"<li>{esc(t)}</li>" for t in items)
            more = f'<li class="note">{hidden} more not shown</li>' if hidden else ""
            cells.append(
                f'<td class="{kind}"><ul>{lis}{more}</ul></td>' if lis or more else f'<td class="{kind}"></td>'
            )
        body.append(f'<tr data-field="{esc(name)}"><th scope="row">{esc(name)}</th>{"".join(cells)}</tr>')
    return (
        '<table class="errors"><thead><tr><th>field</th><th>missed (gold, not found)</th>'
        "<th>spurious (predicted, not in the gold)</th></tr></thead><tbody>" + "".join(body) + "</tbody></table>"
    )


def _completion(doc: DocDrill) -> str:
    c = doc.completion
    if c is None:
        return ""
    items = [
        ("Status", c.status or "unknown"),
        ("Finish reason", c.finish_reason or "\u2013"),
        ("Prompt template", f"{c.template or 'unknown'} (sha256 {c.template_sha256 or 'unknown'})"),
        ("Prompt sha256 (this document's messages)", c.prompt_sha256 or "unknown"),
        (
            "Ungrounded strings",
            "; ".join(c.ungrounded) or ("none" if c.status == "ok" else "\u2013 (no record parsed)"),
        ),
    ]
    if c.error:
        items.append(("Request error", c.error))
    cut = (
        f'<p class="note cut">Cut: the first {len(c.text)} of {c.length} characters are shown; the whole completion '
        "is in the entry's <code>raw_outputs.jsonl</code>.</p>"
        if c.cut
        else ""
    )
    return (
        "<h4>Raw completion</h4><dl>"
        + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items)
        + f'</dl><pre class="completion">{esc(c.text)}</pre>{cut}'
    )


def document_sections(entry: Entry) -> str:
    """One hidden section per document of the entry (shown when its anchor is the target)."""
    if not entry.drill:
        return ""
    parts = []
    for i, doc in enumerate(entry.drill):
        scores = ", ".join(f"{esc(k)} {num(v)}" for k, v in sorted(doc.scores.items())) or "\u2013"
        parts.append(
            f'<article class="detail drill" id="{doc_anchor(entry, i)}" aria-labelledby="{doc_anchor(entry, i)}-t">'
            f'<h3 id="{doc_anchor(entry, i)}-t">{esc(entry.name)}: <code>{esc(doc.doc_id)}</code></h3>'
            f'<p><a href="#sys-{entry.slug}">Back to the system</a> \u00b7 <a href="#top">Back to the table</a></p>'
            f'<p class="note">F1 on this document: {scores}</p>' + _field_table(doc) + _completion(doc) + "</article>"
        )
    return "\n".join(parts)


def has_generative(board: Board) -> bool:
    return any(e.generative is not None for e in board.ranked)


VALIDITY_HEADS: tuple[tuple[str, str], ...] = (
    ("Parse / schema failures", "num"),
    ("Ungrounded", "num"),
    ("Tokens / doc", "num"),
    ("s / doc", "num"),
    ("Run range", "num"),
)


def validity_cells(entry: Entry) -> list[str]:
    """The validity and cost cells of one ranked row (dashes for a non-generative entry)."""
    gen, dash = entry.generative, "\u2013"
    v = gen.validity if gen is not None else None
    if gen is None or v is None:
        return [f'<td class="num" data-v="">{dash}</td>' for _ in VALIDITY_HEADS]
    failures = (v.get("parse_errors") or 0) + (v.get("schema_errors") or 0)
    tokens = (per_document(v, "prompt_tokens") or 0) + (per_document(v, "completion_tokens") or 0)
    seconds = v.get("seconds_per_document")
    lo_hi = gen.run_range
    values = [
        (f"{failures}", f"{failures}/{_int(v.get('documents'))}"),
        (f"{v.get('ungrounded') or 0}", f"{_int(v.get('ungrounded'))}/{_int(v.get('strings'))}"),
        (f"{tokens:.1f}", f"{tokens:.0f}"),
        ("" if seconds is None else f"{seconds:.3f}", _float(seconds, 2)),
        (
            "" if lo_hi is None else f"{lo_hi[1] - lo_hi[0]:.6f}",
            dash if lo_hi is None else f"{lo_hi[0]:.3f}\u2013{lo_hi[1]:.3f}",
        ),
    ]
    return [f'<td class="num" data-v="{esc(key)}">{esc(text)}</td>' for key, text in values]


def validity_markdown(board: Board) -> list[str]:
    """``leaderboard/README.md``: the validity and cost of a board's generative entries ([] if none)."""
    from bench.leaderboard.fmt import md

    gens = [e for e in (*board.ranked, *board.unranked) if e.generative is not None]
    if not gens:
        return []
    labels = ["System", "Valid", "Parse fail", "Schema fail", "Ungrounded", "Tokens/doc", "s/doc", "Runs", "Run range"]
    lines = [
        "",
        f"### Validity and cost of the generative entries on {md(board.split)}",
        "",
        "Recomputed at build time from each entry's `raw_outputs.jsonl` (replayed offline); a failed document is "
        "scored as an empty prediction. Tokens: prompt + completion per document; run range: headline F1 over the "
        "entry's runs (`raw_outputs.run<k>.jsonl`).",
        "",
        "| " + " | ".join(labels) + " |",
        "|---|" + "---:|" * (len(labels) - 1),
    ]
    for entry in gens:
        items = dict(validity_items(entry.generative))  # type: ignore[arg-type]
        gen = entry.generative
        assert gen is not None
        v = gen.validity
        if v is None:
            lines.append(f"| {md(entry.name)} | {md(gen.problem or 'unknown')} |" + " |" * (len(labels) - 2))
            continue
        tokens = (per_document(v, "prompt_tokens") or 0) + (per_document(v, "completion_tokens") or 0)
        cells = [
            md(entry.name),
            items["Documents valid"],
            items["Parse failures"],
            items["Schema failures"],
            items["Ungrounded strings"],
            f"{tokens:.0f}",
            items["Seconds per document"],
            str(gen.runs),
            items.get("Headline F1 over the runs", "\u2013"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines
