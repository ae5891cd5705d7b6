"""The span layer: strict counts equal seqeval's own; partial matching is optimal; hand-worked cases."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from bench.data.model import Document, Entity, Span
from bench.predictions.model import PredDocument, PredMention
from bench.score.spans import (
    TYPE_INDEX,
    compressed_tags,
    gold_mentions,
    partial_pairs,
    partial_stats,
    span_errors,
    span_stats,
    strict_stats,
)
from bench.score.stats import SPAN_TYPES
from bench.score.tokenize import iob2_tags, tokenize

WORDS = "Isis gunmen attacked the prison in Hassakeh , killing at least five guards and 3,000 escaped".split()


def _random_doc(rng: random.Random) -> tuple[str, list, list]:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40)))

    def mentions(overlap: bool) -> list:
        out, pos = [], 0
        while pos < len(text):
            start = pos + rng.randint(0, 12)
            end = start + rng.randint(1, 15)
            if end > len(text):
                break
            out.append((start, end, rng.choice(SPAN_TYPES)))
            pos = start + 1 if overlap and rng.random() < 0.3 else end
        return out

    gold = mentions(False)
    pred = [m for m in gold if rng.random() < 0.6] + mentions(True)
    return text, sorted(set(gold)), sorted(set(pred))


def test_strict_counts_equal_seqeval_on_full_sequences() -> None:
    rng = random.Random(7)
    docs = [_random_doc(rng) for _ in range(300)]
    tokens = [tokenize(t) for t, _, _ in docs]
    ours = strict_stats(tokens, [g for _, g, _ in docs], [p for _, _, p in docs]).sum(axis=0)
    y_true = [iob2_tags(tok, g) for tok, (_, g, _) in zip(tokens, docs)]
    y_pred = [iob2_tags(tok, p) for tok, (_, _, p) in zip(tokens, docs)]
    report = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    assert ours.sum() > 100  # the test exercised something
    for kind in SPAN_TYPES:
        tp, fp, fn = ours[TYPE_INDEX[kind]]
        row = report[kind]
        assert tp + fn == row["support"]
        assert row["precision"] == pytest.approx(tp / (tp + fp) if tp + fp else 0.0)
        assert row["recall"] == pytest.approx(tp / (tp + fn) if tp + fn else 0.0)
    tp, fp, fn = ours.sum(axis=0)
    assert report["micro avg"]["precision"] == pytest.approx(tp / (tp + fp))
    assert report["micro avg"]["recall"] == pytest.approx(tp / (tp + fn))


def test_compression_keeps_entities_apart() -> None:
    text = "Isis attacked Hassakeh and Baghdad"
    gold, pred = compressed_tags(tokenize(text), [(0, 4, "GROUP"), (27, 34, "LOCATION")], [(14, 22, "LOCATION")])
    assert gold == ["B-GROUP", "O", "O", "O", "B-LOCATION"]
    assert pred == ["O", "O", "B-LOCATION", "O", "O"]


def _brute_partial(gold, pred) -> float:
    def jac(a, b):
        inter = min(a[1], b[1]) - max(a[0], b[0])
        return 0.0 if inter <= 0 or a[2] != b[2] else inter / ((a[1] - a[0]) + (b[1] - b[0]) - inter)

    if len(gold) > len(pred):
        gold, pred = pred, gold
    return max(
        (
            sum(jac(g, pred[j]) for g, j in zip(gold, perm))
            for perm in itertools.permutations(range(len(pred)), len(gold))
        ),
        default=0.0,
    )


mention = st.tuples(st.integers(0, 20), st.integers(1, 8), st.sampled_from(["GROUP", "LOCATION"])).map(
    lambda t: (t[0], t[0] + t[1], t[2])
)


@settings(max_examples=300, deadline=None)
@given(st.lists(mention, max_size=5, unique=True), st.lists(mention, max_size=5, unique=True))
def test_partial_matching_is_optimal(gold, pred) -> None:
    pairs = partial_pairs(gold, pred)
    assert len({i for i, _, _ in pairs}) == len(pairs) == len({j for _, j, _ in pairs})
    assert sum(w for _, _, w in pairs) == pytest.approx(_brute_partial(gold, pred))


def test_hand_worked_partial_and_strict() -> None:
    # "Isis gunmen attacked Baghdad." gold: GROUP 0:11, LOCATION 21:28; predicted: GROUP 0:4, LOCATION 21:28.
    # strict: the GROUP spans cover different tokens -> GROUP tp 0 fp 1 fn 1; LOCATION tp 1. micro P = R = 1/2.
    # partial: 4/11 for the GROUP pair + 1 for LOCATION = 15/11 over 2 predicted and 2 gold -> P = R = 15/22.
    text = "Isis gunmen attacked Baghdad."
    doc = Document(
        doc_id="x",
        text=text,
        entities=[
            Entity(id="isis", type="GROUP", mentions=[Span(start=0, end=11, text="Isis gunmen")]),
            Entity(id="bag", type="LOCATION", mentions=[Span(start=21, end=28, text="Baghdad")]),
        ],
    )
    pred = PredDocument("x", (PredMention(0, 4, "GROUP"), PredMention(21, 28, "LOCATION")))
    strict, partial = span_stats([doc], [pred])
    assert strict[0, TYPE_INDEX["GROUP"]].tolist() == [0, 1, 1]
    assert strict[0, TYPE_INDEX["LOCATION"]].tolist() == [1, 0, 0]
    tp, fp, fn = partial[0].sum(axis=0)
    assert tp / (tp + fp) == pytest.approx(15 / 22) and tp / (tp + fn) == pytest.approx(15 / 22)


def test_wrong_type_gets_no_partial_credit() -> None:
    assert partial_stats([(0, 11, "GROUP")], [(0, 11, "LOCATION")]).sum(axis=0).tolist() == [0, 1, 1]


def test_word_cut_counts_as_the_whole_word_in_strict() -> None:
    # predicted "Isi" (0:3) covers the token "Isis": same tokens as the gold "Isis" -> strict match,
    # but only 3/4 in the partial score.
    tokens = tokenize("Isis attacked")
    strict = strict_stats([tokens], [[(0, 4, "GROUP")]], [[(0, 3, "GROUP")]])
    assert strict[0].sum(axis=0).tolist() == [1, 0, 0]
    assert partial_stats([(0, 4, "GROUP")], [(0, 3, "GROUP")])[TYPE_INDEX["GROUP"], 0] == pytest.approx(0.75)


def test_gold_mentions_include_counts_and_deduplicate(tiny_split) -> None:
    docs, _ = tiny_split
    mentions = gold_mentions(docs[0])
    assert (71, 84, "COUNT") in mentions and (0, 11, "GROUP") in mentions
    assert len(mentions) == len(set(mentions)) == 7


def test_span_errors_lists_missed_and_spurious() -> None:
    found = span_errors(
        "Isis gunmen attacked Baghdad.",
        [(0, 11, "GROUP"), (21, 28, "LOCATION")],
        [(0, 4, "GROUP"), (21, 28, "LOCATION")],
    )
    assert found == {
        "missed": [{"type": "GROUP", "start": 0, "end": 11, "text": "Isis gunmen"}],
        "spurious": [{"type": "GROUP", "start": 0, "end": 4, "text": "Isis"}],
    }


def test_chunking_gives_the_same_numbers(monkeypatch) -> None:
    import bench.score.spans as spans

    rng = random.Random(3)
    raw = [_random_doc(rng) for _ in range(25)]
    docs, preds = [], []
    for n, (text, gold, pred) in enumerate(raw):
        entities = [
            Entity(id=f"e{i}", type=t if t != "COUNT" else "GROUP", mentions=[Span(start=s, end=e, text=text[s:e])])
            for i, (s, e, t) in enumerate(gold)
        ]
        docs.append(Document(doc_id=str(n), text=text, entities=entities))
        preds.append(PredDocument(str(n), tuple(PredMention(*m) for m in pred)))
    whole = span_stats(docs, preds)
    monkeypatch.setattr(spans, "CHUNK_DOCS", 4)
    chunked = span_stats(docs, preds)
    assert all(np.array_equal(a, b) for a, b in zip(whole, chunked))
