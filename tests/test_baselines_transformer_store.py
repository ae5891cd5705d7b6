"""The transformer's training data options, early stopping and its trained-model cache (tiny model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from baselines.transformer import TransformerExtractor
from baselines.transformer import context as context_module
from baselines.transformer import train as train_module
from baselines.transformer.corpus import load_corpus, sources
from baselines.transformer.labels import LABEL2ID
from baselines.transformer.store import ModelStore, documents_digest, key_of
from bench.extractors import blind
from tests.test_baselines_transformer import synthetic_split, tiny_model  # noqa: F401 (fixture)


def _write(path: Path, docs: list) -> Path:
    path.write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    docs = synthetic_split()
    return {
        "train": _write(tmp_path / "train.jsonl", docs[:2]),
        "dev": _write(tmp_path / "dev.jsonl", docs[2:]),
        "lodo": _write(tmp_path / "lodo.jsonl", docs),
    }


def _spy_on_training(monkeypatch: pytest.MonkeyPatch) -> list[list]:
    """The training windows of every (default, ``bigru``) head trained from now on, one list per call."""
    calls: list[list] = []
    real = context_module.train_context

    def spy(model, features, windows, **kwargs):
        calls.append(list(windows))
        return real(model, features, windows, **kwargs)

    monkeypatch.setattr(context_module, "train_context", spy)
    return calls


def _extractor(model: Path, files: dict[str, Path], cache: Path, **kw: object) -> TransformerExtractor:
    options = {"train": str(files["train"]), "dev": str(files["dev"]), "lodo": str(files["lodo"]), "epochs": 4}
    return TransformerExtractor(model=str(model), cache=str(cache), progress=False, **{**options, **kw})


def test_token_f1_by_hand() -> None:
    o, b, i = LABEL2ID["O"], LABEL2ID["B-GROUP"], LABEL2ID["I-GROUP"]
    # gold: O B I B ; predicted: O B B O -> tp 1 (B), fp 1 (B for I), fn 2 (I, last B)
    assert train_module.token_f1(torch.tensor([o, b, b, o]), torch.tensor([o, b, i, b])) == pytest.approx(0.4)
    assert train_module.token_f1(torch.tensor([o, o]), torch.tensor([o, o])) == 0.0
    assert train_module.token_f1(torch.tensor([b, i]), torch.tensor([b, i])) == 1.0


def test_sources_and_corpus_labels(files: dict[str, Path]) -> None:
    assert sources("muc4/train, none,") == ["muc4/train"] and sources("none") == [] and sources(None) == []
    corpus = load_corpus(f"{files['train']},{files['dev']}")
    assert [d.doc_id for d in corpus.documents] == ["n1", "n2", "n3"]
    assert corpus.labels == (str(files["train"]), str(files["dev"]))
    assert load_corpus("muc4/dev").labels == ("muc4/dev@1",)
    assert corpus.digest == documents_digest(reversed(corpus.documents))  # order-invariant


def test_key_is_canonical_and_sensitive() -> None:
    assert key_of({"a": 1, "b": [1, 2]}) == key_of({"b": [1, 2], "a": 1})
    assert key_of({"a": 1}) != key_of({"a": 2})


def test_store_round_trip_and_broken_entries_are_misses(tmp_path: Path) -> None:
    store = ModelStore(tmp_path)
    key = key_of({"x": 1})
    assert store.get(key) is None
    store.put(key, {"w": torch.arange(3.0)}, {"report": {"best_epoch": 2}})
    tensors, meta = store.get(key)  # type: ignore[misc]
    assert torch.equal(tensors["w"], torch.arange(3.0)) and meta["report"] == {"best_epoch": 2}
    assert [p.name for p in store.path(key).parent.iterdir()] == [key]  # no staging folder left behind
    (store.path(key) / "meta.json").write_text("{broken", encoding="utf-8")
    assert store.get(key) is None
    (store.path(key) / "meta.json").write_text(json.dumps({"key": "other"}), encoding="utf-8")
    assert store.get(key) is None


def test_early_stopping_keeps_the_best_dev_epoch(tiny_model: Path, files: dict[str, Path], tmp_path: Path) -> None:  # noqa: F811
    extractor = _extractor(tiny_model, files, tmp_path / "cache", epochs=30, patience=2, lodo="none")
    extractor.predict(blind(synthetic_split()))
    [report] = extractor.metadata["folds"].values()
    assert report["dev_token_f1"] is not None and report["cache"] == "miss"
    assert report["best_epoch"] <= report["epochs_run"] <= 30
    if report["epochs_run"] < 30:
        assert report["epochs_run"] - report["best_epoch"] == 2  # stopped after `patience` epochs without gain
    meta = extractor.metadata
    assert meta["train"]["sources"] == [str(files["train"])] and meta["dev"]["documents"] == 1
    assert "early stopping on" in meta["protocol"]


def test_a_cached_model_is_reused_and_any_change_retrains(
    tiny_model: Path,  # noqa: F811
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = synthetic_split()
    calls = _spy_on_training(monkeypatch)
    cache = tmp_path / "cache"
    first = _extractor(tiny_model, files, cache).predict(blind(docs))
    assert len(calls) == 4  # the base head, then one model per held-out seed document
    again = _extractor(tiny_model, files, cache)
    assert again.predict(blind(docs)) == first and len(calls) == 4
    assert {r["cache"] for r in again.metadata["folds"].values()} == {"hit"}
    _extractor(tiny_model, files, cache, warm_epochs=2).predict(blind(docs))
    assert len(calls) == 7  # a fold option: the folds' keys change, the base's does not
    _extractor(tiny_model, files, cache, lr=1e-3).predict(blind(docs))
    assert len(calls) == 11  # another option, another key
    _write(files["train"], docs[:1])
    _extractor(tiny_model, files, cache).predict(blind(docs))
    assert len(calls) == 15  # other training data, another key
    _extractor(tiny_model, files, "none").predict(blind(docs))
    assert len(calls) == 19  # cache=none trains every time


def test_the_evaluated_split_is_never_injected_as_training_data() -> None:
    from bench.extractors.options import with_split

    options = with_split(TransformerExtractor, {}, Path("annotations/muc4/test.jsonl"))
    assert "gold" not in options and "lodo" not in options


def test_events_only_leaves_out_training_documents_without_an_event(
    tiny_model: Path,  # noqa: F811
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = synthetic_split()
    empty = docs[0].model_copy(update={"doc_id": "empty", "events": []})
    _write(files["train"], [empty, docs[1]])
    calls = _spy_on_training(monkeypatch)
    for events_only in (True, False):
        _extractor(tiny_model, files, "none", lodo="none", events_only=events_only).predict(blind(docs[:1]))
    assert [len(windows) for windows in calls] == [
        1,
        2,
    ]  # one window per short document: the event-less one only without events_only
