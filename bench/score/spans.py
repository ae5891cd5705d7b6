"""The span layer: typed mentions scored strictly (seqeval) and partially (character overlap).

Mentions are of four types: entity mentions typed by their entity (``PERSON``, ``GROUP``,
``LOCATION``) and count mentions typed ``COUNT``. Identical mentions (same start, end and
type) count once, on both sides.

**Strict score.** Gold and predicted mentions become IOB2 tag sequences over the v1
tokenisation (``bench.score.tokenize``), and seqeval extracts the entities of each
sequence with ``mode="strict", scheme=IOB2`` (``seqeval.scheme.Entities``, exactly what
``seqeval.metrics.classification_report(..., mode="strict", scheme=IOB2)`` counts). An
entity is a true positive when the same type covers the same tokens in both sequences;
statistics are kept per document and per type, and summed for the micro score. Runs of
tokens that are ``O`` in both sequences are cut to one ``O`` first (``compressed_tags``),
which changes no entity and no match but saves most of seqeval's per-token work. A test
checks the sums against ``classification_report`` on the full sequences.

**Partial score.** Over character spans: a predicted and a gold mention of the same type
that overlap get the weight ``|overlap| / |union|`` (Jaccard over characters, 1 for
identical spans). Mentions are matched one-to-one to maximise the total weight (identical
pairs first, which is always optimal because Jaccard distance is a metric; the rest by
``linear_sum_assignment``). The matched weight is the (fractional) true-positive count:
precision = weight / predicted mentions, recall = weight / gold mentions. Each matched
weight is rounded to a multiple of 2^-20 (``PARTIAL_GRID``; a change below 10^-6) so that
every sum of statistics is exact in double precision, whatever its order: point estimates
and bootstrap intervals then do not depend on how documents are ordered or blocked.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from seqeval.scheme import IOB2, Entities

from bench.data.model import Document
from bench.predictions.model import PredDocument
from bench.score.assign import best_pairs
from bench.score.stats import SPAN_TYPES
from bench.score.tokenize import Tokens, token_spans, tokenize

Mention = tuple[int, int, str]
TYPE_INDEX = {t: i for i, t in enumerate(SPAN_TYPES)}
PARTIAL_GRID = 2**20  # partial weights are multiples of 1 / PARTIAL_GRID
CHUNK_DOCS = 2000  # documents per seqeval call: bounds the memory held by tag sequences


def gold_mentions(doc: Document) -> list[Mention]:
    found: set[Mention] = {(m.start, m.end, e.type) for e in doc.entities for m in e.mentions}
    found.update((c.mention.start, c.mention.end, "COUNT") for c in doc.counts())
    return sorted(found)


def pred_mentions(pred: PredDocument) -> list[Mention]:
    return sorted({(m.start, m.end, m.type) for m in pred.mentions})


def _jaccard(a: Mention, b: Mention) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0 or a[2] != b[2]:
        return 0.0
    return inter / ((a[1] - a[0]) + (b[1] - b[0]) - inter)


def partial_pairs(gold: Sequence[Mention], pred: Sequence[Mention]) -> list[tuple[int, int, float]]:
    """Optimal one-to-one ``(gold_index, pred_index, weight)`` matches by character overlap."""
    pairs: list[tuple[int, int, float]] = []
    free_pred: dict[Mention, list[int]] = {}
    for j, m in enumerate(pred):
        free_pred.setdefault(m, []).append(j)
    rest_gold = []
    for i, m in enumerate(gold):
        if free_pred.get(m):
            pairs.append((i, free_pred[m].pop(), 1.0))
        else:
            rest_gold.append(i)
    rest_pred = sorted((j for js in free_pred.values() for j in js), key=lambda j: (pred[j], j))
    if not rest_gold or not rest_pred:
        return pairs
    starts = [pred[j][0] for j in rest_pred]
    longest = max(pred[j][1] - pred[j][0] for j in rest_pred)
    weights = np.zeros((len(rest_gold), len(rest_pred)))
    for r, i in enumerate(rest_gold):
        g = gold[i]
        for c in range(bisect_left(starts, g[0] - longest), bisect_left(starts, g[1])):
            weights[r, c] = _jaccard(g, pred[rest_pred[c]])
    pairs.extend((rest_gold[r], rest_pred[c], float(weights[r, c])) for r, c in best_pairs(weights))
    return pairs


def partial_stats(gold: Sequence[Mention], pred: Sequence[Mention]) -> np.ndarray:
    """``(len(SPAN_TYPES), 3)`` array of (matched weight, fp, fn) per type."""
    out = np.zeros((len(SPAN_TYPES), 3))
    for i, _, weight in partial_pairs(gold, pred):
        out[TYPE_INDEX[gold[i][2]], 0] += round(weight * PARTIAL_GRID) / PARTIAL_GRID
    n_gold = Counter(m[2] for m in gold)
    n_pred = Counter(m[2] for m in pred)
    for t, k in TYPE_INDEX.items():
        out[k, 1] = n_pred[t] - out[k, 0]
        out[k, 2] = n_gold[t] - out[k, 0]
    return out


def _entity_sets(sequences: list[list[str]]) -> list[set[tuple[str, int, int]]]:
    return [{(e.tag, e.start, e.end) for e in ents} for ents in Entities(sequences, IOB2).entities]


def _tags(spans: Iterable[tuple[int, int, str]]) -> dict[int, str]:
    tags = {}
    for first, stop, kind in spans:
        tags[first] = "B-" + kind
        for i in range(first + 1, stop):
            tags[i] = "I-" + kind
    return tags


def compressed_tags(tokens: Tokens, gold: Sequence[Mention], pred: Sequence[Mention]) -> tuple[list[str], list[str]]:
    """The two IOB2 sequences of a document with every run of tokens that is ``O`` on both
    sides cut to a single ``O``.

    Strict IOB2 entities are contiguous ``B-X I-X*`` blocks, so cutting tokens that are
    outside every entity of both sequences keeps each entity a block and maps the two
    sequences' entities through the same renumbering: seqeval finds the same entities and
    the same matches as on the full sequences, at a fraction of the cost (a test checks
    this against ``classification_report`` on the full sequences).
    """
    gold_tags, pred_tags = _tags(token_spans(tokens, gold)), _tags(token_spans(tokens, pred))
    g_seq: list[str] = []
    p_seq: list[str] = []
    previous = -2
    for i in sorted(gold_tags.keys() | pred_tags.keys()):
        if i != previous + 1 and g_seq:
            g_seq.append("O")
            p_seq.append("O")
        g_seq.append(gold_tags.get(i, "O"))
        p_seq.append(pred_tags.get(i, "O"))
        previous = i
    return g_seq, p_seq


def strict_stats(
    tokens: Sequence[Tokens], gold: Sequence[Sequence[Mention]], pred: Sequence[Sequence[Mention]]
) -> np.ndarray:
    """``(n_docs, len(SPAN_TYPES), 3)`` array of strict (tp, fp, fn) per document and type."""
    out = np.zeros((len(tokens), len(SPAN_TYPES), 3))
    pairs = [compressed_tags(t, g, p) for t, g, p in zip(tokens, gold, pred)]
    gold_sets = _entity_sets([g for g, _ in pairs])
    pred_sets = _entity_sets([p for _, p in pairs])
    for d, (g, p) in enumerate(zip(gold_sets, pred_sets)):
        for tag, *_ in g & p:
            out[d, TYPE_INDEX[tag], 0] += 1
        for tag, *_ in p - g:
            out[d, TYPE_INDEX[tag], 1] += 1
        for tag, *_ in g - p:
            out[d, TYPE_INDEX[tag], 2] += 1
    return out


def span_stats(gold_docs: Sequence[Document], preds: Sequence[PredDocument]) -> tuple[np.ndarray, np.ndarray]:
    """Strict and partial ``(n_docs, len(SPAN_TYPES), 3)`` statistics, ``CHUNK_DOCS`` at a time."""
    n = len(gold_docs)
    strict, partial = np.zeros((n, len(SPAN_TYPES), 3)), np.zeros((n, len(SPAN_TYPES), 3))
    for lo in range(0, n, CHUNK_DOCS):
        docs, chunk = gold_docs[lo : lo + CHUNK_DOCS], preds[lo : lo + CHUNK_DOCS]
        gold = [gold_mentions(d) for d in docs]
        pred = [pred_mentions(p) for p in chunk]
        strict[lo : lo + len(docs)] = strict_stats([tokenize(d.text) for d in docs], gold, pred)
        for d, (g, p) in enumerate(zip(gold, pred), lo):
            partial[d] = partial_stats(g, p)
    return strict, partial


def span_errors(text: str, gold: Iterable[Mention], pred: Iterable[Mention]) -> dict[str, list[dict]]:
    """Missed and spurious mentions under the strict score, as character spans with text."""
    tokens = tokenize(text)
    starts, ends = tokens
    g, p = set(token_spans(tokens, gold)), set(token_spans(tokens, pred))

    def show(spans: set) -> list[dict]:
        return [
            {"type": t, "start": starts[a], "end": ends[b - 1], "text": text[starts[a] : ends[b - 1]]}
            for a, b, t in sorted(spans)
        ]

    return {"missed": show(g - p), "spurious": show(p - g)}
