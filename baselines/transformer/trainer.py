"""Training one tagger per fold of the transformer baseline, or loading it from the model store.

Windows and frozen-encoder features of every training, development and leave-one-out document
are computed once and shared by the folds; only what a fold misses in the store is trained.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from baselines.transformer.corpus import Corpus
from baselines.transformer.store import key_of
from bench.data.model import Document

if TYPE_CHECKING:
    from baselines.transformer.extractor import TransformerExtractor


def progress_bar(enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=Console(stderr=True), disable=not enabled)


class FoldTrainer:
    """Trains (or loads from the store) one model per fold; windows and features computed once."""

    def __init__(self, owner: TransformerExtractor, tokenizer: Any, base: Any, device: str, *corpora: Corpus) -> None:
        self.owner, self.tokenizer, self.base, self.device = owner, tokenizer, base, device
        self.train, self.dev, self.lodo = corpora
        self._windows: dict[str, list[Any]] | None = None
        self._features: dict[str, list[Any]] = {}
        # MUC-4 annotates role fillers of relevant incidents only: with ``events_only`` a training
        # document without any event (all its names unlabelled) is left out.
        self.empty = {f"train:{d.doc_id}" for d in self.train.documents if owner.events_only and not d.events}

    def _doc_windows(self) -> dict[str, list[Any]]:
        from baselines.transformer.labels import gold_spans, make_windows

        if self._windows is None:
            o = self.owner
            self._windows = {
                f"{part}:{d.doc_id}": make_windows(self.tokenizer, [d.text], o.max_length, o.stride, [gold_spans(d)])
                for part, corpus in (("train", self.train), ("dev", self.dev), ("lodo", self.lodo))
                for d in corpus.documents
            }
        return self._windows

    def _feature(self, key: str) -> list[Any]:
        from baselines.transformer.infer import default_budget
        from baselines.transformer.train import encode

        if key not in self._features:
            pad = self.tokenizer.pad_token_id or 0
            self._features[key] = encode(
                self.base, self._doc_windows()[key], default_budget(self.device), self.device, pad
            )
        return self._features[key]

    def model_for(self, key: str, held_out: str | None, bar: Any) -> tuple[Any, dict[str, Any]]:
        from baselines.transformer.train import fresh_copy

        o = self.owner
        model = fresh_copy(self.base, o.seed)
        cached = o.store.get(key) if o.store else None
        if cached is not None:
            tensors, meta = cached
            target = model.classifier if o.mode == "head" else model
            target.load_state_dict(tensors)
            return model, {**meta.get("report", {}), "cache": "hit", "key": key}
        report = self._fit(model, held_out, bar)
        tensors = model.classifier.state_dict() if o.mode == "head" else model.state_dict()
        if o.store:
            o.store.put(
                key, tensors, {"report": report, "metadata": {k: v for k, v in o.metadata.items() if k != "folds"}}
            )
        return model, {**report, "cache": "miss" if o.store else "off", "key": key}

    def _fit(self, model: Any, held_out: str | None, bar: Any) -> dict[str, Any]:
        import time

        from baselines.transformer.train import fine_tune, train_head

        o = self.owner
        windows = self._doc_windows()
        keys = [k for k in windows if k.startswith("train:") and k not in self.empty]
        lodo_keys = [k for k in windows if k.startswith("lodo:") and k != f"lodo:{held_out}"]
        keys += lodo_keys * o.lodo_weight
        dev_keys = [k for k in windows if k.startswith("dev:")]
        task = bar.add_task(f"training without {held_out or '(none: outside lodo)'}", total=o.epochs)
        progress = lambda epoch, loss: bar.update(task, completed=epoch)  # noqa: E731
        train_windows = [w for k in keys for w in windows[k]]
        dev_windows = [w for k in dev_keys for w in windows[k]]
        started = time.perf_counter()
        if o.mode == "head":
            features = [f for k in keys for f in self._feature(k)]
            dev = ([f for k in dev_keys for f in self._feature(k)], dev_windows) if dev_keys else None
            report = train_head(
                model, features, train_windows, epochs=o.epochs, lr=o.lr, seed=o.seed, dev=dev,
                batch_tokens=o.batch_tokens, patience=o.patience, o_weight=o.o_weight, on_epoch=progress,
            )  # fmt: skip
        else:
            report = fine_tune(
                model, train_windows, epochs=o.epochs, lr=o.lr, batch_size=o.batch_size, seed=o.seed,
                device=self.device, pad_id=self.tokenizer.pad_token_id or 0, dev=dev_windows or None,
                patience=o.patience, on_epoch=progress,
            )  # fmt: skip
        bar.remove_task(task)
        return {**report, "train_windows": len(train_windows), "seconds": round(time.perf_counter() - started, 1)}

    def _documents(self) -> dict[str, Document]:
        return {
            f"{part}:{d.doc_id}": d
            for part, corpus in (("train", self.train), ("dev", self.dev), ("lodo", self.lodo))
            for d in corpus.documents
        }

    def count_model(self, key: str, held_out: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
        """The count classifier of a fold (``baselines.transformer.counts``): from the store, or
        trained on the gold counts of the fold's training documents."""
        from baselines.transformer.counts import examples, train_classifier

        o = self.owner
        key = key_of({"tagger": key, "counts": "classifier-v1"})
        cached = o.store.get(key) if o.store else None
        if cached is not None:
            tensors, meta = cached
            return {**tensors, "classes": meta["classes"]}, {"cache": "hit", "examples": meta.get("examples")}
        windows, documents = self._doc_windows(), self._documents()
        keys = [k for k in windows if k.startswith("train:") and k not in self.empty]
        keys += [k for k in windows if k.startswith("lodo:") and k != f"lodo:{held_out}"] * o.lodo_weight
        vectors, labels = examples([(documents[k], windows[k], self._feature(k)) for k in keys])
        if not labels:
            raise ValueError("counts=classifier: the training documents have no count with a number")
        model = train_classifier(vectors, labels, seed=o.seed)
        tensors = {"weight": model["weight"], "bias": model["bias"]}
        if o.store:
            o.store.put(key, tensors, {"classes": model["classes"], "examples": len(labels)})
        return model, {"cache": "miss" if o.store else "off", "examples": len(labels)}

    def count_deciders(self, key: str, held_out: str | None, docs: Sequence[Document]) -> dict[str, Any]:
        """Per document, a ``categorize`` replacement reading the classifier (see ``counts.decider``)."""
        from baselines.transformer.counts import decider
        from baselines.transformer.infer import default_budget
        from baselines.transformer.labels import make_windows
        from baselines.transformer.train import encode

        o = self.owner
        model, report = self.count_model(key, held_out)
        o.metadata["folds"][held_out or "(outside lodo)"]["count_classifier"] = report
        pad = self.tokenizer.pad_token_id or 0
        out = {}
        for doc in docs:
            windows = make_windows(self.tokenizer, [doc.text], o.max_length, o.stride)
            features = encode(self.base, windows, default_budget(self.device), self.device, pad)
            out[doc.doc_id] = decider(model, windows, features)
        return out
