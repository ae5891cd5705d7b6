"""The dataset card makes ``datasets.load_dataset("annotations")`` work offline, typed."""

import os

import pytest

from bench import paths
from bench.data.load import gold_hash, hf_cache_dir, load_kb, load_split


@pytest.fixture(scope="module")
def hf_split():
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    import datasets

    return datasets.load_dataset(str(paths.ANNOTATIONS_DIR), split="test", cache_dir=str(hf_cache_dir()))


def test_hf_dataset_matches_typed_objects(hf_split):
    docs = {d.doc_id: d for d in load_split()}
    assert sorted(hf_split["doc_id"]) == sorted(docs)
    for row in hf_split:
        doc = docs[row["doc_id"]]
        assert row["text"] == doc.text
        assert [c["value"]["stated"] for ev in row["events"] for c in ev["counts"]] == [
            c.value.stated for ev in doc.events for c in ev.counts
        ]
        assert [k["kind"] for ev in row["events"] for k in ev["claims"]] == [
            k.kind for ev in doc.events for k in ev.claims
        ]
        assert [c["value"]["low"] for c in row["totals"]] == [c.value.low for c in doc.totals]


def test_lists_of_records_are_lists_not_sequences(hf_split):
    import datasets

    assert isinstance(hf_split.features["entities"], datasets.List)
    assert isinstance(hf_split.features["events"].feature["counts"], datasets.List)
    assert hf_split.features["events"].feature["counts"].feature["value"]["stated"].dtype == "int32"


def test_kb_config_loads():
    import datasets

    kb = datasets.load_dataset(str(paths.ANNOTATIONS_DIR), "kb", split="kb", cache_dir=str(hf_cache_dir()))
    assert sorted(kb["id"]) == sorted(load_kb())


def test_gold_hash_is_twelve_hex_and_depends_on_kb(tmp_path):
    digest = gold_hash()
    assert len(digest) == 12 and int(digest, 16) >= 0
    kb = tmp_path / "kb.jsonl"
    kb.write_bytes(paths.GOLD_KB.read_bytes() + b"\n")
    assert gold_hash(paths.GOLD_SPLIT, kb) != digest


def test_cache_folder_follows_the_gold(tmp_path, monkeypatch) -> None:
    """A changed data file gets a fresh datasets cache (a shared one serves the old gold)."""
    import shutil

    copy = tmp_path / "annotations"
    shutil.copytree(paths.ANNOTATIONS_DIR, copy, ignore=shutil.ignore_patterns("src", "agreement"))
    monkeypatch.setattr(paths, "ANNOTATIONS_DIR", copy)
    monkeypatch.setattr(paths, "DATA_DIR", copy / "data")
    before = hf_cache_dir()
    (copy / "data" / "kb.jsonl").write_text("", encoding="utf-8")
    assert hf_cache_dir() != before
