"""Indexed per-pair statistics equal the exact pair-by-pair matcher, and skip unrelated pairs."""

from __future__ import annotations

import random

import numpy as np
import pytest
from test_score_evaluate import KB, noisy, random_document

import bench.score.pairs as pairs
from bench.data.model import Document
from bench.extractors.oracle import OracleExtractor
from bench.predictions.validate import check_object
from bench.score.document import scored_kinds
from bench.score.evaluate import evaluate
from bench.score.fields import FIELDS
from bench.score.items import GoldEvent, PredItems, entity_names


def _merged(seed: int, parts: int) -> Document:
    """Several random documents glued into one: many events, names shared across them, and
    gold events where two items accept one key (two counts with the same value, two
    entities with the same name)."""
    rng = random.Random(seed)
    docs = [random_document(rng, f"p{i}") for i in range(parts)]
    text, entities, events, offset = "", [], [], 0
    for n, doc in enumerate(docs):
        shift = {e.id: f"{n}_{e.id}" for e in doc.entities}
        for e in doc.entities:
            mentions = [m.model_copy(update={"start": m.start + offset, "end": m.end + offset}) for m in e.mentions]
            entities.append(e.model_copy(update={"id": shift[e.id], "mentions": mentions}))
        for ev in doc.events:
            counts = [
                c.model_copy(
                    update={
                        "id": f"{n}_{c.id}",
                        "source": shift.get(c.source) if c.source else None,
                        "mention": c.mention.model_copy(
                            update={"start": c.mention.start + offset, "end": c.mention.end + offset}
                        ),
                    }
                )
                for c in ev.counts
            ]
            claims = [
                c.model_copy(
                    update={"id": f"{n}_{c.id}", "actor": shift[c.actor], "source": shift.get(c.source or "", None)}
                )
                for c in ev.claims
            ]
            events.append(
                ev.model_copy(
                    update={
                        "id": f"{n}_{ev.id}",
                        "actors": [shift[a] for a in ev.actors],
                        "locations": [shift[p] for p in ev.locations],
                        "counts": counts,
                        "claims": claims,
                    }
                )
            )
        text += doc.text
        offset += len(doc.text)
    return Document(doc_id=f"m{seed}", text=text, entities=entities, events=events)


def _sides(doc: Document, seed: int) -> tuple[list[PredItems], list[GoldEvent], dict]:
    record = noisy(OracleExtractor().predict([doc]), random.Random(seed))[0]
    pred, problems = check_object(record, doc.text)
    assert pred is not None, problems
    names = entity_names(doc, KB)
    return (
        [PredItems.of(e, i) for i, e in enumerate(pred.events)],
        [GoldEvent.of(e, names) for e in doc.events],
        names,
    )


@pytest.mark.parametrize("seed", range(12))
def test_indexed_statistics_equal_the_exact_matcher(seed: int) -> None:
    doc = _merged(seed, parts=8)
    preds, golds, names = _sides(doc, seed)
    kinds = scored_kinds(FIELDS)
    exact, indexed = pairs.exact_edges(preds, golds, names, kinds), pairs.indexed_edges(preds, golds, names, kinds)
    assert indexed.names == exact.names
    assert indexed.rows.tolist() == exact.rows.tolist() and indexed.cols.tolist() == exact.cols.tolist()
    assert np.array_equal(indexed.stats, exact.stats)


def test_pairs_sharing_nothing_are_not_listed() -> None:
    doc = _merged(3, parts=6)
    preds, golds, names = _sides(doc, 3)
    edges = pairs.indexed_edges(preds, golds, names, scored_kinds(FIELDS))
    assert len(edges.rows) < len(preds) * len(golds)
    assert (edges.stats[:, [edges.names.index(k) for k in scored_kinds(FIELDS)]].sum(axis=1) > 0).all()


def test_scores_do_not_depend_on_the_path(monkeypatch) -> None:
    docs = [_merged(s, parts=5) for s in range(4)]
    records = noisy(OracleExtractor().predict(docs), random.Random(9))
    monkeypatch.setattr(pairs, "EXACT_PAIRS", 0)
    indexed = evaluate(docs, KB, records, bootstrap=20).to_json()
    monkeypatch.setattr(pairs, "EXACT_PAIRS", 10**9)
    exact = evaluate(docs, KB, records, bootstrap=20).to_json()
    assert indexed == exact
    assert 0 < exact["headline"] < 1
