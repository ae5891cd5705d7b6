"""The transformer baseline, evaluated by leave-one-document-out cross-validation (LODO).

For every document to predict, a token-classification model is fine-tuned on the gold
span layer of the *other* documents of the gold split, tags the held-out document, and the
shared event assembly (``baselines.assemble``) turns its spans into events. A document that
is not in the gold split is tagged by a model trained on all of it. The name
(``transformer-lodo``) and ``metadata`` say so, because the scores are cross-validated, not
those of a model trained once and tested on unseen data.

torch and transformers are imported inside methods: importing this module is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from baselines.assemble import assemble
from baselines.spans import Mention
from bench import paths
from bench.data.model import Document

PROTOCOL = (
    "leave-one-document-out cross-validation: each document is predicted by a model "
    "fine-tuned on the gold annotations of the other documents of the split only"
)


MODES = {"head": {"epochs": 60, "lr": 5e-3}, "full": {"epochs": 8, "lr": 5e-5}}


class TransformerExtractor:
    """Fine-tuned encoder tagger + shared assembly (name ``transformer-lodo``).

    Options: ``model`` (local folder or cached hub id; default the pinned all-MiniLM-L6-v2),
    ``gold`` (the split trained on, default ``bench.paths.GOLD_SPLIT``), ``mode`` (``head``:
    frozen encoder, cached outputs, trained head; ``full``: all weights), ``layers`` (keep the
    first N encoder layers; ``None`` for all), ``epochs`` and ``lr`` (defaults per mode),
    ``batch_size`` (windows per step in ``full`` mode), ``max_length``/``stride`` (token windows), ``seed``, ``device`` (``auto``
    picks cuda when available), ``threads`` (``torch.set_num_threads``, for the whole process;
    1 is fastest on a busy machine) and ``progress`` (a progress bar on stderr).
    """

    name = "transformer-lodo"
    needs_gold = False

    def __init__(
        self,
        model: str | None = None,
        gold: str | Path | None = None,
        mode: str = "head",
        layers: int | None = 3,
        epochs: int | None = None,
        lr: float | None = None,
        batch_size: int = 8,
        max_length: int = 256,
        stride: int = 32,
        seed: int = 13,
        device: str = "auto",
        threads: int | None = None,
        progress: bool = True,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.model, self.gold = model, Path(gold) if gold is not None else paths.GOLD_SPLIT
        self.mode, self.layers = mode, int(layers) if layers else None
        self.epochs = int(epochs if epochs is not None else MODES[mode]["epochs"])
        self.lr = float(lr) if lr is not None else MODES[mode]["lr"]
        self.batch_size, self.max_length, self.stride = int(batch_size), int(max_length), int(stride)
        self.seed, self.device, self.progress = int(seed), device, bool(progress)
        self.threads = int(threads) if threads else None
        self.metadata: dict[str, Any] = {"name": self.name, "protocol": PROTOCOL}

    def _gold(self) -> list[Document]:
        from bench.data.load import load_split

        documents = load_split(self.gold)
        if len(documents) < 2:
            raise ValueError(
                f"{self.gold}: {len(documents)} gold document(s); leave-one-document-out training needs at least 2"
            )
        return documents

    @staticmethod
    def _folds(documents: Sequence[Document], gold_ids: set[str]) -> list[tuple[str | None, list[Document]]]:
        """(held-out doc_id, or ``None`` for documents outside the split; documents to tag)."""
        folds: dict[str | None, list[Document]] = {}
        for doc in documents:
            folds.setdefault(doc.doc_id if doc.doc_id in gold_ids else None, []).append(doc)
        return sorted(folds.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))

    def _describe(self, encoder: Any, device: str, folds: int) -> None:
        import torch
        import transformers

        self.metadata.update(
            gold=str(self.gold),
            folds=folds,
            encoder=encoder.name,
            encoder_sha256=encoder.sha256,
            mode=self.mode,
            layers=self.layers,
            epochs=self.epochs,
            lr=self.lr,
            batch_size=self.batch_size,
            max_length=self.max_length,
            stride=self.stride,
            seed=self.seed,
            device=device,
            torch=torch.__version__,
            transformers=transformers.__version__,
        )

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from baselines.transformer.encoder import resolve
        from baselines.transformer.infer import default_budget, tag_texts
        from baselines.transformer.labels import gold_spans, make_windows
        from baselines.transformer.train import encode, fine_tune, fresh_copy, load_base, pick_device, train_head

        gold = self._gold()
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)
        encoder = resolve(self.model)
        device = pick_device(self.device)
        tokenizer, base = load_base(encoder.location, encoder.local_files_only, self.layers)
        pad = tokenizer.pad_token_id or 0
        windows = {
            d.doc_id: make_windows(tokenizer, [d.text], self.max_length, self.stride, [gold_spans(d)]) for d in gold
        }
        folds = self._folds(documents, set(windows))
        self._describe(encoder, device, len(folds))
        budget = default_budget(device)
        features = (
            {k: encode(base, ws, budget, device, pad) for k, ws in windows.items()} if self.mode == "head" else {}
        )
        results: dict[str, dict[str, Any]] = {}
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), disable=not self.progress) as bar:
            fold_task = bar.add_task("folds", total=len(folds))
            epoch_task = bar.add_task("epochs", total=self.epochs)
            for held_out, docs in folds:
                bar.update(
                    epoch_task, completed=0, description=f"training without {held_out or '(none: outside the split)'}"
                )
                keys = [k for k in windows if k != held_out]
                train = [w for k in keys for w in windows[k]]
                model, progress = (
                    fresh_copy(base, self.seed),
                    (lambda epoch, loss: bar.update(epoch_task, completed=epoch)),
                )
                if self.mode == "head":
                    cached = [f for k in keys for f in features[k]]
                    train_head(model, cached, train, epochs=self.epochs, lr=self.lr, seed=self.seed, on_epoch=progress)
                else:
                    fine_tune(
                        model,
                        train,
                        epochs=self.epochs,
                        lr=self.lr,
                        batch_size=self.batch_size,
                        seed=self.seed,
                        device=device,
                        pad_id=pad,
                        on_epoch=progress,
                    )
                model.to(device)
                spans = tag_texts(
                    model,
                    tokenizer,
                    [d.text for d in docs],
                    max_tokens=budget,
                    max_length=self.max_length,
                    stride=self.stride,
                    device=device,
                )
                for doc, found in zip(docs, spans):
                    results[doc.doc_id] = self._record(doc, found)
                bar.advance(fold_task)
        return [results[doc.doc_id] for doc in documents]

    @staticmethod
    def _record(document: Document, spans: list[Mention]) -> dict[str, Any]:
        events, _ = assemble(document.text, spans)
        return {"doc_id": document.doc_id, "mentions": [m.as_json() for m in spans], "events": events}
