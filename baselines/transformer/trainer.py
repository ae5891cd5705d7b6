"""Training one tagger per fold of the transformer baseline, or loading it from the model store.

Windows and frozen-encoder features of every training, development and leave-one-out document
are computed once and shared by the folds; only what a fold misses in the store is trained.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
        self.base_key = ""  # the store key of the ``bigru`` base head (set by the extractor)
        self._base: tuple[dict[str, Any], dict[str, Any]] | None = None
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
        from baselines.transformer.infer import default_budget, encode

        if key not in self._features:
            pad = self.tokenizer.pad_token_id or 0
            self._features[key] = encode(
                self.base, self._doc_windows()[key], default_budget(self.device), self.device, pad
            )
        return self._features[key]

    def model_for(self, key: str, held_out: str | None, bar: Any) -> tuple[Any, Any, dict[str, Any]]:
        """(model, contextual head or ``None``, report) of the fold that holds out ``held_out``."""
        from baselines.transformer.context import build_head
        from baselines.transformer.train import fresh_copy

        o = self.owner
        if o.head == "bigru":
            model, head = self.base, build_head(self.base.config.hidden_size, o.hidden, o.seed)
            target = head
        else:
            model, head = fresh_copy(self.base, o.seed), None
            target = model.classifier if o.mode == "head" else model
        cached = o.store.get(key) if o.store else None
        if cached is not None:
            tensors, meta = cached
            target.load_state_dict(tensors)
            return model, head, {**meta.get("report", {}), "cache": "hit", "key": key}
        report = self._fit_context(head, held_out, bar) if head is not None else self._fit(model, held_out, bar)
        self._put(key, target.state_dict(), report)
        return model, head, {**report, "cache": "miss" if o.store else "off", "key": key}

    def _put(self, key: str, tensors: dict[str, Any], report: dict[str, Any]) -> None:
        o = self.owner
        if o.store:
            o.store.put(
                key, tensors, {"report": report, "metadata": {k: v for k, v in o.metadata.items() if k != "folds"}}
            )

    def _keys(self, held_out: str | None) -> tuple[list[str], list[str], list[str]]:
        """Window keys of the training documents, the fold's ``lodo`` documents (repeated
        ``lodo_weight`` times) and the development documents."""
        o = self.owner
        windows = self._doc_windows()
        train = [k for k in windows if k.startswith("train:") and k not in self.empty]
        lodo = [k for k in windows if k.startswith("lodo:") and k != f"lodo:{held_out}"] * o.lodo_weight
        return train, lodo, [k for k in windows if k.startswith("dev:")]

    def _data(self, keys: Sequence[str]) -> tuple[list[Any], list[Any]]:
        """(features, windows) of the documents under ``keys``, in order."""
        windows = self._doc_windows()
        return [f for k in keys for f in self._feature(k)], [w for k in keys for w in windows[k]]

    def _base_head(self, bar: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """The ``bigru`` base head's weights (trained on ``train`` alone, early-stopped on ``dev``)
        and its report: from memory, the store, or trained now."""
        from baselines.transformer.context import build_head, train_context

        o = self.owner
        if not self.base_key:
            raise RuntimeError("FoldTrainer.base_key is not set: the extractor sets it before training")
        if self._base is None:
            cached = o.store.get(self.base_key) if o.store else None
            if cached is not None:
                self._base = (cached[0], {**cached[1].get("report", {}), "cache": "hit"})
            else:
                train, _, dev = self._keys(None)
                head = build_head(self.base.config.hidden_size, o.hidden, o.seed)
                report = self._timed(
                    bar, "training the base head", train_context, head, *self._data(train), epochs=o.epochs,
                    lr=o.lr, seed=o.seed, dev=self._data(dev) if dev else None, patience=o.patience,
                    o_weight=o.o_weight,
                )  # fmt: skip
                self._put(self.base_key, head.state_dict(), report)
                self._base = (head.state_dict(), {**report, "cache": "miss" if o.store else "off"})
        return self._base

    @staticmethod
    def _timed(
        bar: Any,
        label: str,
        train: Callable[..., dict[str, Any]],
        model: Any,
        per_window: Sequence[Any],
        *args: Any,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """``train(model, per_window, *args, **kwargs)``'s report, with the number of training
        windows (``per_window`` holds one item per window: windows, or their features) and seconds;
        a ``label`` task of ``bar`` follows the epochs (``kwargs["epochs"]``) while it trains."""
        import time

        task = bar.add_task(label, total=kwargs["epochs"])
        started = time.perf_counter()
        try:
            report = train(
                model, per_window, *args, on_epoch=lambda epoch, _loss: bar.update(task, completed=epoch), **kwargs
            )
        finally:
            bar.remove_task(task)
        return {**report, "train_windows": len(per_window), "seconds": round(time.perf_counter() - started, 1)}

    @staticmethod
    def _label(held_out: str | None) -> str:
        return f"training without {held_out or '(none: outside lodo)'}"

    def _fit_context(self, head: Any, held_out: str | None, bar: Any) -> dict[str, Any]:
        """Train a fold's ``bigru`` head: ``warm_epochs`` from the base head, or from scratch."""
        from baselines.transformer.context import WARM_LR_FACTOR, train_context

        o = self.owner
        train, lodo, dev = self._keys(held_out)
        if self.owner.warm(self.train, self.lodo) and lodo:
            state, base_report = self._base_head(bar)
            head.load_state_dict(state)
            report = self._timed(
                bar, self._label(held_out), train_context, head, *self._data(train + lodo), epochs=o.warm_epochs,
                lr=o.lr * WARM_LR_FACTOR, seed=o.seed, o_weight=o.o_weight,
            )  # fmt: skip
            return {**report, "base": base_report}
        return self._timed(
            bar, self._label(held_out), train_context, head, *self._data(train + lodo), epochs=o.epochs, lr=o.lr,
            seed=o.seed, dev=self._data(dev) if dev else None, patience=o.patience, o_weight=o.o_weight,
        )  # fmt: skip

    def _fit(self, model: Any, held_out: str | None, bar: Any) -> dict[str, Any]:
        """Train a fold's ``linear`` head (``head`` mode) or whole model (``full`` mode)."""
        from baselines.transformer.train import fine_tune, train_head

        o = self.owner
        train, lodo, dev = self._keys(held_out)
        if o.mode == "head":
            return self._timed(
                bar, self._label(held_out), train_head, model, *self._data(train + lodo), epochs=o.epochs,
                lr=o.lr, seed=o.seed, dev=self._data(dev) if dev else None, batch_tokens=o.batch_tokens,
                patience=o.patience, o_weight=o.o_weight,
            )  # fmt: skip
        windows = self._doc_windows()
        return self._timed(
            bar, self._label(held_out), fine_tune, model, [w for k in train + lodo for w in windows[k]],
            epochs=o.epochs, lr=o.lr, batch_size=o.batch_size, seed=o.seed, device=self.device,
            pad_id=self.tokenizer.pad_token_id or 0, dev=[w for k in dev for w in windows[k]] or None,
            patience=o.patience, o_weight=o.o_weight,
        )  # fmt: skip

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
        train, lodo, _ = self._keys(held_out)
        vectors, labels = examples([(documents[k], windows[k], self._feature(k)) for k in train + lodo])
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
        from baselines.transformer.infer import default_budget, encode
        from baselines.transformer.labels import make_windows

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
