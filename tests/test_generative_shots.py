"""Few-shot examples: never the document being predicted; from any registered split by name."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import write_split

from bench import splits
from bench.generative.shots import answer_of, load_pool
from bench.resultsio import load_gold


def test_leave_one_document_out_on_the_split_being_evaluated() -> None:
    gold = load_gold()
    pool = load_pool(None, gold.split.gold)
    assert pool.leave_one_out and pool.split == gold.split.label
    for doc in gold.docs:
        shots = pool.for_document(doc.doc_id, doc.text, len(gold.docs) - 1)
        ids = [s.doc_id for s in shots]
        assert doc.doc_id not in ids and len(set(ids)) == len(gold.docs) - 1
        assert all(s.text != doc.text for s in shots)
        with pytest.raises(ValueError, match="other document"):
            pool.for_document(doc.doc_id, doc.text, len(gold.docs))


def test_shots_are_the_shortest_others_and_say_the_gold(tiny_files, tiny_split) -> None:
    docs, _ = tiny_split
    pool = load_pool(None, tiny_files[0])
    by_length = sorted(docs, key=lambda d: len(d.text))
    shots = pool.for_document("d1", docs[0].text, 1)
    assert [s.doc_id for s in shots] == [next(d.doc_id for d in by_length if d.doc_id != "d1")]
    assert shots[0].answer == answer_of(next(d for d in docs if d.doc_id == shots[0].doc_id))
    assert pool.protocol(1)["protocol"].startswith("leave-one-document-out")
    assert pool.protocol(0) == {"k": 0, "protocol": "zero-shot"}


def test_a_copy_under_another_id_is_excluded_too(tiny_files, tiny_split) -> None:
    docs, _ = tiny_split
    pool = load_pool(None, tiny_files[0])
    shots = pool.for_document("renamed", docs[0].text, 2)  # d1's text under another id
    assert "d1" not in [s.doc_id for s in shots]


def test_shots_from_another_registered_split_by_name(tmp_path, tiny_split, monkeypatch) -> None:
    """The registry names the split (as muc4/train will); its documents are the pool."""
    docs, kb = tiny_split
    train, kb_path = write_split(tmp_path, docs, kb)
    original = splits.registry

    def registry():
        known = original()
        extra = dataclasses.replace(known["breakout/test"], name="tiny/train", gold=train, kb=kb_path)
        return {**known, "tiny/train": extra}

    monkeypatch.setattr(splits, "registry", registry)
    gold = load_gold()
    pool = load_pool("tiny/train", gold.split.gold)
    assert not pool.leave_one_out and pool.split == registry()["tiny/train"].label
    target = gold.docs[0]
    assert {s.doc_id for s in pool.for_document(target.doc_id, target.text, 3)} == {"d1", "d2", "d3"}
    assert "another split" in pool.protocol(3)["protocol"]
    same = load_pool("breakout/test", gold.split.gold)  # naming the evaluated split is still LODO
    assert same.leave_one_out


def test_unknown_split_lists_the_known_ones() -> None:
    with pytest.raises(LookupError, match="breakout/test"):
        load_pool("nope/train", None)
    with pytest.raises(ValueError, match="shots_from"):
        load_pool(None, None)
