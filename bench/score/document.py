"""Score one document's events: field statistics, diagnostics, and (on request) the errors.

Per document this produces, for ``bench.score.stats``, for each of the split's fields:
- ``<field>``: tp / fp / fn after event alignment (``bench.score.align``); tp is the number
  of matched items in aligned pairs, fp the predicted items not matched, fn the gold items
  not matched;
  predicted counts that match a document total are excused (``bench.score.totals``);
- ``collapsed.<field>``: the doc-collapsed variant (``bench.score.collapsed``; totals are
  gold counts there);
and, whatever the split:
- ``events``: aligned pairs (tp), unaligned predicted (fp) and gold (fn) events;
- ``event_type``: aligned pairs with the same type (correct) out of aligned pairs (total);
- ``modifier`` (when ``count`` is scored): matched counts whose predicted modifier equals
  the gold one, out of matched counts (predicted modifiers: ``bench.predictions.model.PredValue``);
- ``source`` (when ``attribution`` is scored): matched counts whose predicted source matches
  the gold one, out of matched counts. Attribution itself is scored on every gold count;
  this is the conditional view (was the source right when the number was found).
Both accuracies use, per aligned pair, the maximum count matching that is best for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bench.data.model import Count, Document
from bench.predictions.model import PredCount, PredDocument
from bench.score import totals as doc_totals
from bench.score.align import Alignment, align_events
from bench.score.collapsed import collapsed_stats
from bench.score.fields import DEFAULT_FIELDS, FIELD_SPECS, GRADE_DIAGNOSTICS, ITEM_KINDS, field_sizes, kinds_of
from bench.score.items import GoldEvent, Names, PredItems
from bench.score.match import match_events

Stats = dict[str, tuple[float, ...]]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    return float(tp), float(n_pred - tp), float(n_gold - tp)


def scored_kinds(fields: Sequence[str]) -> tuple[str, ...]:
    """Item kinds needed by the fields and by the diagnostics their gold allows."""
    extra = {kind for kind, _, needs in GRADE_DIAGNOSTICS.values() if needs in fields}
    wanted = set(kinds_of(fields)) | extra
    return tuple(k for k in kinds_of(tuple(FIELD_SPECS)) if k in wanted)


def score_events(
    gold: Document,
    pred: PredDocument,
    names: Mapping[str, frozenset[str]],
    *,
    fields: Sequence[str] = DEFAULT_FIELDS,
    detail: bool = False,
    totals: Sequence[Count] | None = None,
) -> tuple[Stats, dict[str, Any] | None]:
    """Statistics of the event layers for one document, and the error detail if asked.

    ``totals`` are the document's totals (``bench.score.totals``; default: the gold
    document's ``totals``, when its model has them).
    """
    if totals is None:
        totals = list(getattr(gold, "totals", ()))  # Document.totals (gold v2)
    kinds = scored_kinds(fields)
    golds = [GoldEvent.of(e, names) for e in gold.events]
    preds = [PredItems.of(e, i) for i, e in enumerate(pred.events)]
    alignment = align_events(preds, golds, names, fields, kinds=kinds)
    matches = (
        {(i, j): match_events(alignment.preds[i], alignment.golds[j], names, kinds) for i, j in alignment.pairs}
        if detail or totals
        else {}
    )
    excused = doc_totals.excused(alignment, matches, totals, names, kinds)
    missed = required_missed(alignment, names, fields)
    stats: Stats = {}
    for name in fields:
        tp = sum(s[kind] for s in alignment.stats.values() for kind in FIELD_SPECS[name].kinds)
        n_pred = sum(field_sizes(p, (name,))[name] for p in alignment.preds)
        n_pred -= sum(len(excused.get(kind, ())) for kind in FIELD_SPECS[name].kinds)
        n_gold = sum(field_sizes(g, (name,))[name] for g in alignment.golds)
        stats[name] = (
            _prf(tp, n_pred, n_gold) if missed is None else (float(tp), float(n_pred - tp), float(missed[name]))
        )
    collapsed_golds = alignment.golds + ([doc_totals.as_gold_event(totals, gold.doc_id, names)] if totals else [])
    stats.update(collapsed_stats(alignment.preds, collapsed_golds, names, fields))
    if missed is not None:  # collapsed: only required gold items can be missed
        required = collapsed_stats(alignment.preds, [g.required() for g in collapsed_golds], names, fields)
        for key, (tp_, fp_, _) in list(stats.items()):
            if key.startswith("collapsed."):
                stats[key] = (tp_, fp_, required[key][2])
    n_aligned = len(alignment.pairs)
    aligned_golds = {j for _, j in alignment.pairs}
    n_required_events = sum(not g.optional_event or j in aligned_golds for j, g in enumerate(alignment.golds))
    stats["events"] = _prf(n_aligned, len(preds), n_required_events)
    same_type = sum(alignment.preds[i].type == alignment.golds[j].type for i, j in alignment.pairs)
    stats["event_type"] = (float(same_type), float(n_aligned))
    for diagnostic, (kind, grade, needs) in GRADE_DIAGNOSTICS.items():
        if needs in fields:
            correct = sum(s[f"{kind}.{grade}"] for s in alignment.stats.values())
            total = sum(s[kind] for s in alignment.stats.values())
            stats[diagnostic] = (float(correct), float(total))
    return stats, (_detail(alignment, matches, gold, fields, excused) if detail else None)


def required_missed(alignment: Alignment, names: Names, fields: Sequence[str]) -> dict[str, int] | None:
    """Per field, the required gold items no prediction matched (None: the document has no
    optional items, and missed = gold - tp as usual).

    An optional gold item (``Event.is_optional``) is neither missed when absent nor
    spurious when predicted: a prediction that matches it is a true positive, and it is no
    false negative when none does. Counting is exact: among the maximum matchings of an
    aligned pair there is one that also matches as many required items as a matching of
    the required items alone (Mendelsohn-Dulmage), so the missed required items are the
    required ones minus that matching's size.
    """
    if not any(g.optional or g.optional_event for g in alignment.golds):
        return None
    aligned = {j: i for i, j in alignment.pairs}
    out = dict.fromkeys(fields, 0)
    for j, event in enumerate(alignment.golds):
        required = event.required()
        sizes = field_sizes(required, fields)
        found = match_events(alignment.preds[aligned[j]], required, names, kinds_of(fields)) if j in aligned else None
        for name in fields:
            matched = sum(found.stats[k] for k in FIELD_SPECS[name].kinds) if found else 0
            out[name] += sizes[name] - matched
    return out


# ---- error detail -------------------------------------------------------------------------


def _display(gold: Document) -> dict[str, str]:
    # first mention; an entity with none (a converted corpus's KB-only place): its alias or KB id
    return {
        e.id: min(e.mentions, key=lambda m: m.start).text
        if e.mentions
        else (list(getattr(e, "aliases", ())) or [e.kb or e.id])[0]
        for e in gold.entities
    }


def _value(count: Count) -> str:
    v = count.value
    if v.stated is None:
        return f"{count.mention.text!r} ({'' if v.low is None else v.low}..{'' if v.high is None else v.high})"
    return f"{count.mention.text!r} ({v.modifier} {v.stated})"


def _gold_items(event: GoldEvent, names: Mapping[str, str]) -> dict[str, list[str]]:
    def src(entity: str | None) -> str:
        return "none" if entity is None else names.get(entity, entity)

    return {
        "actor": [names.get(a, a) for a in event.actors],
        "location": [names.get(p, p) for p in event.locations],
        "count": [f"{c.label} = {_value(c)}" for c in event.counts],
        "count_source": [f"{c.label} = {_value(c)}, source: {src(c.source)}" for c in event.counts],
        "claim_source": [f"{c.kind}: {src(c.actor)}, source: {src(c.source)}" for c in event.claims],
        "claim_actor": [f"{c.kind}: {src(c.actor)}" for c in event.claims],
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
        "count_source": [f"{_pred_value(c)}, source: {src(c.source)}" for c in event.counts],
        "claim_source": [f"{c.kind}: {c.actor!r}, source: {src(c.source)}" for c in event.claims],
        "claim_actor": [f"{c.kind}: {c.actor!r}" for c in event.claims],
    }


def _detail(
    alignment: Alignment,
    matches: Mapping[tuple[int, int], Any],
    gold: Document,
    fields: Sequence[str],
    excused: Mapping[str, set[tuple[int, int]]],
) -> dict[str, Any]:
    display = _display(gold)
    out: dict[str, Any] = {name: {"missed": [], "spurious": []} for name in fields}
    aligned_p = {i: j for i, j in alignment.pairs}
    aligned_g = {j: i for i, j in alignment.pairs}
    for j, event in enumerate(alignment.golds):
        match = matches.get((aligned_g[j], j)) if j in aligned_g else None
        items = _gold_items(event, display)
        for name in fields:
            for kind in FIELD_SPECS[name].kinds:
                taken = {b for _, b in match.pairs[kind]} if match else set()
                ids = [i for i, _ in ITEM_KINDS[kind].gold_items(event)]
                out[name]["missed"].extend(
                    {"event": event.id, "item": text}
                    for k, text in enumerate(items[kind])
                    if k not in taken and ids[k] not in event.optional  # an optional item is never missed
                )
    for i, pred_event in enumerate(alignment.preds):
        match = matches.get((i, aligned_p[i])) if i in aligned_p else None
        items = _pred_items(pred_event)
        for name in fields:
            for kind in FIELD_SPECS[name].kinds:
                taken = {a for a, _ in match.pairs[kind]} if match else set()
                taken |= {a for e, a in excused.get(kind, ()) if e == i}  # matches a document total
                out[name]["spurious"].extend(
                    {"event": f"events[{pred_event.index}]", "item": text}
                    for k, text in enumerate(items[kind])
                    if k not in taken
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
