"""Human output of ``bench eval``: the score table, the headline, the signature, the errors."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from bench.score.evaluate import Results
from bench.score.fields import FIELDS
from bench.score.stats import SPAN_TYPES

_ROWS: tuple[tuple[str, str], ...] = (
    *((name, name) for name in FIELDS),
    ("span", "span strict"),
    *((f"span.{t}", f"  {t}") for t in SPAN_TYPES),
    ("span_partial", "span partial"),
)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _ci(ci: list[float] | None) -> str:
    return "-" if not ci else f"[{ci[0]:.3f}, {ci[1]:.3f}]"


def bootstrap_note(documents: int, resamples: int) -> str | None:
    """A warning line when the intervals rest on few documents (fewer distinct resamples
    than drawn), else None."""
    from bench.score.bootstrap import distinct_resamples

    distinct = distinct_resamples(documents)
    if not resamples or distinct is None or distinct >= resamples:
        return None
    return (
        f"note: {documents} documents allow only {distinct} distinct bootstrap resamples; "
        f"the {resamples} drawn repeat them, so intervals are coarse"
    )


def render_results(results: Results, console: Console) -> None:
    """Print the table: field, P, R, F1, 95% CI; then headline, diagnostics and signature."""
    table = Table(title=f"BREAKOUT scores ({results.diagnostics['documents']} documents)", title_justify="left")
    for name, justify in (
        ("field", "left"),
        ("P", "right"),
        ("R", "right"),
        ("F1", "right"),
        ("95% CI", "right"),
        ("tp/fp/fn", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for key, label in _ROWS:
        if key not in results.scores:  # a field or layer the split has no gold for
            continue
        s = results.scores[key]
        counts = "/".join(f"{s[k]:.1f}" if isinstance(s[k], float) else str(s[k]) for k in ("tp", "fp", "fn"))
        if not (s["tp"] or s["fp"] or s["fn"]):  # nothing to find, nothing predicted: 1.0 by convention
            table.add_row(label, "-", "-", "-", "-", counts)
            continue
        table.add_row(label, _num(s["precision"]), _num(s["recall"]), _num(s["f1"]), _ci(s["ci"]), counts)
    console.print(table)
    legend = "95% CI: bootstrap interval of F1"
    if "span" in results.scores:
        legend = (
            "span strict: seqeval mode=strict, scheme=IOB2, micro over the types below it; "
            "span partial: character overlap; " + legend
        )
    console.print(legend, markup=False, highlight=False)
    head = results.scores["overall"]
    fields = ", ".join(results.stats.fields)
    console.print(
        f"headline (mean F1 of {fields}): {head['f1']:.3f} {_ci(head['ci'])}",
        markup=False,
        highlight=False,
    )
    note = bootstrap_note(results.diagnostics["documents"], results.resamples)
    if note:
        console.print(note, markup=False, highlight=False)
    d = results.diagnostics
    collapsed = d["collapsed"]["overall"]
    lines = [
        f"doc-collapsed headline: {collapsed['f1']:.3f} {_ci(collapsed['ci'])}",
        f"events aligned: P {_num(d['events']['precision'])} R {_num(d['events']['recall'])} F1 {_num(d['events']['f1'])}",
        f"event-type accuracy: {_num(d['event_type']['accuracy'])} ({d['event_type']['correct']}/{d['event_type']['total']})",
    ]
    for key, label in (("modifier", "modifier accuracy"), ("source", "source accuracy")):
        if key in d:
            lines.append(
                f"{label} on matched counts: {_num(d[key]['accuracy'])} ({d[key]['correct']}/{d[key]['total']})"
            )
    if "ceaf_ree" in d:
        ceaf = d["ceaf_ree"]
        lines.append(
            f"CEAF-REE (actor, location): F1 {ceaf['micro']['f1']:.3f} {_ci(ceaf['micro']['ci'])}"
            f" (actor {ceaf['actor']['f1']:.3f}, location {ceaf['location']['f1']:.3f})"
        )
    lines.append(f"signature: {results.signature}")
    for line in lines:
        console.print(line, markup=False, highlight=False)


def validity_line(validity: dict[str, Any]) -> str:
    """One line of a generative run's validity diagnostics (``bench.generative.validity``),
    printed under the table: they are reported beside the scores, never inside them."""
    n = validity["documents"]
    failed = validity["parse_errors"] + validity["schema_errors"] + validity["request_errors"]
    parts = [
        f"{validity['ok']}/{n} documents valid",
        f"{validity['parse_errors']} parse, {validity['schema_errors']} schema, "
        f"{validity['request_errors']} request failures (scored as empty: {failed})",
        f"{validity['truncated']} truncated",
        f"{validity['ungrounded']}/{validity['strings']} strings ungrounded",
    ]
    if validity.get("prompt_tokens") is not None:
        parts.append(f"tokens {validity['prompt_tokens']} prompt + {validity.get('completion_tokens') or 0} completion")
    if validity.get("seconds_per_document") is not None:
        parts.append(f"{validity['seconds_per_document']:.2f} s/document")
    if validity.get("cached"):
        parts.append(f"{validity['cached']} from cache")
    if validity.get("retries"):
        parts.append(f"{validity['retries']} retries")
    return "validity: " + "; ".join(parts)


def error_rows(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    """One document's errors (an entry of ``Results.errors``) as ``(field, kind, text)`` rows:
    per field the missed (gold) and spurious (predicted) items, then the event-level errors
    (wrong event type, unaligned gold or predicted events). ``bench eval --errors`` prints
    them; the leaderboard's drill-down shows them."""
    rows: list[tuple[str, str, str]] = []
    for name in (n for n in (*FIELDS, "span") if n in found):  # the split's fields only
        for kind in ("missed", "spurious"):
            for item in found[name][kind]:
                if name == "span":
                    text, where = f"{item['type']} {item['text']!r}", f"at {item['start']}:{item['end']}"
                else:
                    text = item["item"]
                    where = f"gold {item['event']}" if kind == "missed" else f"predicted {item['event']}"
                rows.append((name, kind, f"{text}  ({where})"))
    events = found["events"]
    for pair in events["aligned"]:
        if pair["type"] != pair["gold_type"]:
            rows.append(
                (
                    "event type",
                    "wrong",
                    f"predicted {pair['predicted']} is {pair['type']}, gold {pair['gold']} is {pair['gold_type']}",
                )
            )
    rows += [("event", "missed", f"gold {gold} matched no predicted event") for gold in events["unaligned_gold"]]
    rows += [("event", "spurious", f"predicted {p} matched no gold event") for p in events["unaligned_predicted"]]
    return rows


def render_errors(errors: dict[str, Any], console: Console) -> None:
    """Per document and field, the missed (gold) and spurious (predicted) items."""
    if not errors:
        console.print("no errors: every gold item found, nothing spurious", markup=False, highlight=False)
        return
    for doc_id, found in errors.items():
        console.print(f"{doc_id}", markup=False, highlight=False, style="bold")
        for name, kind, text in error_rows(found):
            console.print(f"  {name:<12} {kind:<9} {text}", markup=False, highlight=False)
