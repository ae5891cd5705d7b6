"""Score one document's events: field statistics, diagnostics, and (on request) the errors.

Per document this produces, for ``bench.score.stats``:
- ``actor``, ``location``, ``count``, ``attribution``: tp / fp / fn after event alignment
  (``bench.score.align``); tp is the number of matched items in aligned pairs, fp the
  predicted items not matched, fn the gold items not matched;
  predicted counts that match a document total are excused (``bench.score.totals``);
- ``collapsed.*``: the same with all events of the document merged into one on each side
  (no alignment: separates "found the facts" from "split the incidents right"; each fact
  counts once, see ``collapsed_stats``);
- ``events``: aligned pairs (tp), unaligned predicted (fp) and gold (fn) events;
- ``event_type``: aligned pairs with the same type (correct) out of aligned pairs (total);
- ``modifier``: matched counts whose predicted modifier equals the gold one, out of matched
  counts (predicted modifiers: see ``bench.predictions.model.PredValue``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bench.data.model import Count, Document
from bench.predictions.model import PredCount, PredDocument
from bench.score import totals as doc_totals
from bench.score.align import Alignment, align_events
from bench.score.fields import (
    FIELDS,
    FieldMatch,
    GoldEvent,
    PredItems,
    collapse_gold,
    collapse_pred,
    field_sizes,
    item_keys,
    match_fields,
)

Stats = dict[str, tuple[float, ...]]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    return float(tp), float(n_pred - tp), float(n_gold - tp)


def score_events(
    gold: Document, pred: PredDocument, names: Mapping[str, frozenset[str]], *, detail: bool = False
) -> tuple[Stats, dict[str, Any] | None]:
    """Statistics of the event layers for one document, and the error detail if asked."""
    golds = [GoldEvent.of(e) for e in gold.events]
    preds = [PredItems.of(e, i) for i, e in enumerate(pred.events)]
    alignment = align_events(preds, golds, names)
    pred_sizes = [field_sizes(p) for p in alignment.preds]
    gold_sizes = [field_sizes(g) for g in alignment.golds]
    excused = doc_totals.excused(alignment, gold.totals, names)
    stats: Stats = {}
    for name in FIELDS:
        tp = sum(len(m.pairs[name]) for m in alignment.matches.values())
        n_pred = sum(s[name] for s in pred_sizes) - len(excused.get(name, ()))
        stats[name] = _prf(tp, n_pred, sum(s[name] for s in gold_sizes))
    collapsed_golds = alignment.golds + ([doc_totals.as_gold_event(gold.totals, gold.doc_id)] if gold.totals else [])
    stats.update(collapsed_stats(alignment.preds, collapsed_golds, gold.doc_id, names))
    n_aligned = len(alignment.pairs)
    stats["events"] = _prf(n_aligned, len(preds), len(golds))
    same_type = sum(alignment.preds[i].type == alignment.golds[j].type for i, j in alignment.pairs)
    stats["event_type"] = (float(same_type), float(n_aligned))
    modifiers = [
        alignment.preds[i].counts[a].value.modifier == alignment.golds[j].counts[b].value.modifier
        for (i, j), match in alignment.matches.items()
        for a, b in match.pairs["count"]
    ]
    stats["modifier"] = (float(sum(modifiers)), float(len(modifiers)))
    return stats, (_detail(alignment, gold, names, excused) if detail else None)


def collapsed_stats(
    preds: list[PredItems], golds: list[GoldEvent], doc_id: str, names: Mapping[str, frozenset[str]]
) -> Stats:
    """Field statistics with all events of the document merged into one on each side.

    Gold actors and locations count once per entity; gold counts and claims once per
    record. Predicted items are all kept and matched one-to-one; an unmatched predicted
    item is a false positive only if no matched item is the same fact (same normalised
    string; same label, value and source; same kind, actor and source), and repeats of
    one unmatched fact count once. So repeating a fact across split events costs nothing
    here, and the gold annotation written as predictions scores 1 even when two entities
    share a name.
    """
    pred, gold = collapse_pred(preds), collapse_gold(golds, doc_id)
    match = match_fields(pred, gold, names)
    gold_sizes = field_sizes(gold)
    keys = item_keys(pred)
    stats: Stats = {}
    for name in FIELDS:
        matched = {a for a, _ in match.pairs[name]}
        matched_keys = {keys[name][a] for a in matched}
        spurious = {k for i, k in enumerate(keys[name]) if i not in matched} - matched_keys
        stats[f"collapsed.{name}"] = (float(len(matched)), float(len(spurious)), float(gold_sizes[name] - len(matched)))
    return stats


# ---- error detail -------------------------------------------------------------------------


def _display(gold: Document) -> dict[str, str]:
    # first mention; an entity with none (a converted corpus's KB-only place): its alias or KB id
    return {
        e.id: min(e.mentions, key=lambda m: m.start).text if e.mentions else (e.aliases or [e.kb or e.id])[0]
        for e in gold.entities
    }


def _value(count: Count) -> str:
    v = count.value
    if v.modifier == "vague":
        return f"{count.mention.text!r} ({v.low}..{'' if v.high is None else v.high})"
    return f"{count.mention.text!r} ({v.modifier} {v.stated})"


def _gold_items(event: GoldEvent, names: Mapping[str, str]) -> dict[str, list[str]]:
    def src(entity: str | None) -> str:
        return "none" if entity is None else names.get(entity, entity)

    return {
        "actor": [names.get(a, a) for a in event.actors],
        "location": [names.get(p, p) for p in event.locations],
        "count": [f"{c.label} = {_value(c)}" for c in event.counts],
        "attribution": [f"{c.label} = {_value(c)}, source: {src(c.source)}" for c in event.counts]
        + [f"{c.kind}: {src(c.actor)}, source: {src(c.source)}" for c in event.claims],
    }


def _pred_value(count: PredCount) -> str:
    return f"{count.label} = {count.value.text}"


def _pred_items(event: PredItems) -> dict[str, list[str]]:
    def src(source: str | None) -> str:
        return "none" if source is None else repr(source)

    return {
        "actor": [repr(a) for a in event.actors],
        "location": [repr(p) for p in event.locations],
        "count": [_pred_value(c) for c in event.counts],
        "attribution": [f"{_pred_value(c)}, source: {src(c.source)}" for c in event.counts]
        + [f"{c.kind}: {c.actor!r}, source: {src(c.source)}" for c in event.claims],
    }


def _detail(
    alignment: Alignment,
    gold: Document,
    names: Mapping[str, frozenset[str]],
    excused: Mapping[str, set[tuple[int, int]]],
) -> dict[str, Any]:
    display = _display(gold)
    out: dict[str, Any] = {name: {"missed": [], "spurious": []} for name in FIELDS}
    aligned_p = {i: j for i, j in alignment.pairs}
    aligned_g = {j: i for i, j in alignment.pairs}
    empty = FieldMatch({name: [] for name in FIELDS})
    for j, event in enumerate(alignment.golds):
        match = alignment.matches.get((aligned_g[j], j), empty) if j in aligned_g else empty
        taken = {name: {b for _, b in match.pairs[name]} for name in FIELDS}
        for name, items in _gold_items(event, display).items():
            out[name]["missed"].extend(
                {"event": event.id, "item": text} for k, text in enumerate(items) if k not in taken[name]
            )
    for i, pred_event in enumerate(alignment.preds):
        match = alignment.matches.get((i, aligned_p[i]), empty) if i in aligned_p else empty
        taken = {
            name: {a for a, _ in match.pairs[name]} | {a for e, a in excused.get(name, ()) if e == i} for name in FIELDS
        }
        for name, items in _pred_items(pred_event).items():
            out[name]["spurious"].extend(
                {"event": f"events[{pred_event.index}]", "item": text}
                for k, text in enumerate(items)
                if k not in taken[name]
            )
    out["events"] = {
        "aligned": [
            {
                "predicted": f"events[{alignment.preds[i].index}]",
                "gold": alignment.golds[j].id,
                "type": alignment.preds[i].type,
                "gold_type": alignment.golds[j].type,
            }
            for i, j in alignment.pairs
        ],
        "unaligned_predicted": [f"events[{p.index}]" for i, p in enumerate(alignment.preds) if i not in aligned_p],
        "unaligned_gold": [g.id for j, g in enumerate(alignment.golds) if j not in aligned_g],
    }
    return out
