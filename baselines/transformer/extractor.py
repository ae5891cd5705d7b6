"""The transformer baseline: an encoder tagger trained on MUC-4 and the seed articles.

Training data (every source is an option, see ``baselines.transformer.corpus``):

- ``train`` (default ``muc4/train``): role fillers as spans (perpetrators, places, counts);
- ``lodo`` (default ``breakout/test``): the seed articles' full span layer, which gives the
  labels MUC-4 lacks (persons who are not perpetrators, sources), used leave-one-document-out:
  a document of this split is tagged by a model that never saw it; any other document by a
  model trained on all of it. Its windows are repeated ``lodo_weight`` times;
- ``dev`` (default ``muc4/dev``): early stopping and model selection (token F1 after each
  epoch, ``patience`` epochs without gain), never trained on.

No test split is trained on except through ``lodo``'s cross-validation. A trained model is
cached (``baselines.transformer.store``) under a key of the encoder, the data digests and
every option, so only the first evaluation trains. The shared event assembly
(``baselines.assemble``) turns the spans into events. torch and transformers are imported
inside methods: importing this module is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from baselines.spans import Mention
from baselines.transformer.corpus import Corpus, load_corpus
from baselines.transformer.store import ModelStore, documents_digest, key_of
from baselines.transformer.trainer import FoldTrainer, progress_bar
from baselines.truecase import assemble_recased
from bench import paths
from bench.data.model import Document

MODES = {"head": {"epochs": 60, "lr": 5e-3}, "full": {"epochs": 8, "lr": 5e-5}}
HEADS = {"linear": {"epochs": 60, "lr": 5e-3}, "bigru": {"epochs": 8, "lr": 2e-3}}  # ``head`` mode's heads
DEFAULT_TRAIN, DEFAULT_DEV = "muc4/train", "muc4/dev"
COUNTS = ("rule", "classifier")  # who decides a count's category and victims (baselines.transformer.counts)


class TransformerExtractor:
    """Fine-tuned encoder tagger + shared assembly (name ``transformer``).

    Options: ``model`` (local folder or cached hub id; default the pinned all-MiniLM-L6-v2),
    ``train``/``dev``/``lodo`` (sources, see the module docstring; ``none`` for none),
    ``lodo_weight``, ``patience``, ``o_weight`` (loss weight of ``O`` tokens, above 0),
    ``events_only`` (train only on documents with an event), ``counts`` (``rule`` or
    ``classifier``: who decides a count's category and victims), ``mode`` (``head``: frozen
    encoder, cached outputs, trained head; ``full``: all weights), ``layers`` (keep the first N
    encoder layers; ``None`` for all), ``head`` (in ``head`` mode: ``bigru``, a bidirectional GRU
    of ``hidden`` units per direction over each window's frozen outputs, or ``linear``, the v2
    token classifier), ``warm_epochs`` (``bigru`` with both ``train`` and ``lodo``: a base head
    is trained on ``train`` alone, early-stopped on ``dev``, and each fold continues from it for
    this many epochs on ``train`` plus its ``lodo`` documents; 0 trains every fold from scratch),
    ``epochs`` (at most; defaults per mode and head) and ``lr``,
    ``batch_size`` (windows per step in ``full`` mode), ``batch_tokens`` (tokens per step of
    the ``linear`` head), ``max_length``/``stride`` (token windows), ``seed``, ``device`` (``auto``
    picks cuda when available), ``threads`` (``torch.set_num_threads``), ``cache`` (the model
    store's folder, or ``none`` to train every time) and ``progress``.
    """

    name = "transformer"
    needs_gold = False

    def __init__(
        self,
        model: str | None = None,
        train: str | None = DEFAULT_TRAIN,
        dev: str | None = DEFAULT_DEV,
        lodo: str | Path | None = None,
        lodo_weight: int = 10,
        patience: int = 3,
        o_weight: float = 0.1,
        events_only: bool = True,
        counts: str = "rule",
        mode: str = "head",
        head: str = "bigru",
        hidden: int = 128,
        warm_epochs: int = 1,
        layers: int | None = 3,
        epochs: int | None = None,
        lr: float | None = None,
        batch_size: int = 8,
        batch_tokens: int = 2048,
        max_length: int = 256,
        stride: int = 32,
        seed: int = 13,
        device: str = "auto",
        threads: int | None = None,
        cache: str | Path | None = None,
        progress: bool = True,
    ) -> None:
        if counts not in COUNTS:
            raise ValueError(f"counts must be one of {', '.join(COUNTS)}, not {counts!r}")
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if head not in HEADS:
            raise ValueError(f"head must be one of {', '.join(HEADS)}, not {head!r}")
        self.model, self.train, self.dev = model, train, dev
        self.lodo = str(lodo) if lodo is not None else str(paths.GOLD_SPLIT)
        self.lodo_weight, self.patience = max(1, int(lodo_weight)), max(1, int(patience))
        self.o_weight, self.events_only, self.counts = float(o_weight), bool(events_only), counts
        self.mode, self.layers = mode, int(layers) if layers else None
        self.head = head if mode == "head" else None
        self.hidden = int(hidden)
        if self.hidden < 1:
            raise ValueError(f"hidden must be at least 1, not {hidden!r}")
        if not self.o_weight > 0:  # a batch of O tokens alone would weigh nothing: a loss of 0 / 0
            raise ValueError(f"o_weight must be above 0, not {o_weight!r}")
        self.warm_epochs = max(0, int(warm_epochs)) if self.head == "bigru" else None
        defaults = HEADS[head] if self.head else MODES[mode]
        self.epochs = int(epochs if epochs is not None else defaults["epochs"])
        self.lr = float(lr) if lr is not None else defaults["lr"]
        self.batch_size, self.batch_tokens = int(batch_size), int(batch_tokens)
        self.max_length, self.stride = int(max_length), int(stride)
        self.seed, self.device, self.progress = int(seed), device, bool(progress)
        self.threads = int(threads) if threads else None
        no_cache = cache is not None and str(cache).strip().lower() in {"none", "off", ""}
        self.store = None if no_cache else ModelStore(cache)
        self.metadata: dict[str, Any] = {"name": self.name}

    # -- data -------------------------------------------------------------------------------

    def _corpora(self) -> tuple[Corpus, Corpus, Corpus]:
        train, dev, lodo = load_corpus(self.train), load_corpus(self.dev), load_corpus(self.lodo)
        if not train.documents and len(lodo.documents) < 2:
            raise ValueError(
                f"{self.lodo}: {len(lodo.documents)} gold document(s) and no 'train' split; "
                "leave-one-document-out training needs at least 2"
            )
        return train, dev, lodo

    @staticmethod
    def _folds(documents: Sequence[Document], lodo_ids: set[str]) -> list[tuple[str | None, list[Document]]]:
        """(held-out doc_id, or ``None`` for documents outside ``lodo``; documents to tag)."""
        folds: dict[str | None, list[Document]] = {}
        for doc in documents:
            folds.setdefault(doc.doc_id if doc.doc_id in lodo_ids else None, []).append(doc)
        return sorted(folds.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))

    def _options(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "head": self.head,
            "hidden": self.hidden if self.head == "bigru" else None,
            "warm_epochs": self.warm_epochs,
            "layers": self.layers,
            "epochs": self.epochs,
            "lr": self.lr,
            "batch_size": self.batch_size if self.mode == "full" else None,
            "batch_tokens": self.batch_tokens if self.head == "linear" else None,
            "max_length": self.max_length,
            "stride": self.stride,
            "seed": self.seed,
            "patience": self.patience,
            "lodo_weight": self.lodo_weight,
            "o_weight": self.o_weight,
            "events_only": self.events_only,
        }

    def warm(self, train: Corpus, lodo: Corpus) -> bool:
        """Whether folds continue from a base head trained on ``train`` alone (see ``warm_epochs``)."""
        return bool(self.warm_epochs and train.documents and lodo.documents)

    def _protocol(self, train: Corpus, dev: Corpus, lodo: Corpus) -> str:
        parts = [f"trained on {', '.join(train.labels)}"] if train.labels else []
        if lodo.documents:
            parts.append(
                f"plus {', '.join(lodo.labels)} by leave-one-document-out cross-validation (a document of it "
                "is tagged by a model that never saw it)"
            )
        parts.append(f"early stopping on {', '.join(dev.labels)}" if dev.labels else "no early stopping")
        if self.warm(train, lodo):
            stopping = " (the early stopping applies to the base)" if dev.labels else ""
            parts.append(
                f"each fold continues {self.warm_epochs} epoch(s) from a base head trained on "
                f"{', '.join(train.labels)} alone{stopping}"
            )
        return "; ".join(parts)

    # -- prediction -------------------------------------------------------------------------

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        import torch
        import transformers

        from baselines.transformer.encoder import resolve
        from baselines.transformer.infer import default_budget, tag_texts
        from baselines.transformer.train import load_base, pick_device

        train, dev, lodo = self._corpora()
        if self.threads:
            torch.set_num_threads(self.threads)
        encoder = resolve(self.model)
        device = pick_device(self.device)
        tokenizer, base = load_base(encoder.location, encoder.local_files_only, self.layers)
        folds = self._folds(documents, {d.doc_id for d in lodo.documents})
        common = {
            "encoder": encoder.sha256 or encoder.name,
            "dev": dev.digest,
            "options": self._options(),
            "versions": [torch.__version__, transformers.__version__],
            # ``full`` mode weighs O tokens by o_weight since 2026-12-07 (before: unweighted): new keys
            **({"full_loss": "o_weighted"} if self.mode == "full" else {}),
        }
        self.metadata.update(
            protocol=self._protocol(train, dev, lodo),
            train=train.describe(),
            dev=dev.describe(),
            lodo=lodo.describe(),
            encoder=encoder.name,
            encoder_sha256=encoder.sha256,
            **self._options(),
            device=device,
            torch=torch.__version__,
            transformers=transformers.__version__,
            cache=str(self.store.folder) if self.store else None,
            folds={},
        )
        trainer = FoldTrainer(self, tokenizer, base, device, train, dev, lodo)
        base_options = {k: v for k, v in self._options().items() if k not in ("warm_epochs", "lodo_weight")}
        trainer.base_key = key_of({**common, "options": base_options, "train": train.digest, "stage": "base"})
        results: dict[str, dict[str, Any]] = {}
        with progress_bar(self.progress) as bar:
            fold_task = bar.add_task("folds", total=len(folds))
            for held_out, docs in folds:
                seen = [d for d in lodo.documents if d.doc_id != held_out]
                key = key_of({**common, "train": train.digest, "lodo": documents_digest(seen)})
                model, head, report = trainer.model_for(key, held_out, bar)
                self.metadata["folds"][held_out or "(outside lodo)"] = report
                model.to(device)
                texts = [d.text for d in docs]
                budget = default_budget(device)
                spans = tag_texts(
                    model, tokenizer, texts, max_tokens=budget, max_length=self.max_length, stride=self.stride,
                    device=device, head=head,
                )  # fmt: skip
                deciders = trainer.count_deciders(key, held_out, docs) if self.counts == "classifier" else {}
                for doc, found in zip(docs, spans):
                    results[doc.doc_id] = self._record(doc, found, deciders.get(doc.doc_id))
                bar.advance(fold_task)
        return [results[doc.doc_id] for doc in documents]

    @staticmethod
    def _record(document: Document, spans: list[Mention], decide: Any = None) -> dict[str, Any]:
        events, _ = assemble_recased(document.text, spans, decide)  # all-capitals text through a re-cased copy
        return {"doc_id": document.doc_id, "mentions": [m.as_json() for m in spans], "events": events}
