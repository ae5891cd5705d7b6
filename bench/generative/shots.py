"""Few-shot examples without test leakage.

Shots are gold documents rendered in the decoding format (``answer``: the predictions
format without ``doc_id`` and ``mentions``; the oracle's rendering, so shots say exactly
what the scorer wants). Where they come from:

- the split being evaluated (``shots_from=None``): **leave-one-document-out** - the
  shots for a document are other documents of the split, never the document itself;
- any registered split by name (``shots_from="muc4/train"``, ``bench.splits``); the
  document being predicted is excluded from it too, should it appear there.

A document is excluded by its ``doc_id`` and by its text, so a copy under another id
cannot leak either. The ``k`` shots are the shortest eligible documents (ties by
``doc_id``): deterministic, and the cheapest prompt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.data.model import Document
from bench.extractors.oracle import oracle_record
from bench.generative.prompt import Shot


def answer_of(doc: Document) -> dict[str, Any]:
    """A gold document's answer in the decoding format (what a model should write)."""
    return {"events": oracle_record(doc)["events"]}


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ShotPool:
    """Gold documents to draw shots from, and where they came from (for the metadata)."""

    documents: list[Document]
    split: str
    leave_one_out: bool

    def for_document(self, doc_id: str, text: str, k: int) -> list[Shot]:
        """``k`` shots for one document, never the document itself."""
        if k <= 0:
            return []
        own = _text_key(text)
        eligible = [d for d in self.documents if d.doc_id != doc_id and _text_key(d.text) != own]
        if len(eligible) < k:
            raise ValueError(
                f"{k} shot(s) asked for {doc_id!r}, but {self.split} has only {len(eligible)} other document(s)"
            )
        chosen = sorted(eligible, key=lambda d: (len(d.text), d.doc_id))[:k]
        return [Shot(doc_id=d.doc_id, text=d.text, answer=answer_of(d)) for d in chosen]

    def protocol(self, k: int) -> dict[str, Any]:
        if k <= 0:
            return {"k": 0, "protocol": "zero-shot"}
        how = (
            "leave-one-document-out: each document's shots are other documents of the split being predicted"
            if self.leave_one_out
            else "shots from another split; the predicted document is never one of them"
        )
        return {"k": k, "split": self.split, "protocol": how, "selection": "the k shortest eligible documents"}


def load_pool(shots_from: str | None, gold: str | Path | None) -> ShotPool:
    """The pool for ``shots_from`` (a registered split name) or, if None, the evaluated split ``gold``."""
    from bench.data.load import load_split
    from bench.splits import custom_split, get_split

    evaluated = custom_split(Path(gold), None) if gold is not None else None
    if shots_from is None:
        if evaluated is None:
            raise ValueError("shots need a split: give shots_from=SPLIT, or run through bench, which passes the split")
        return ShotPool(load_split(evaluated.gold), evaluated.label, leave_one_out=True)
    split = get_split(shots_from)  # raises UnknownSplit (a LookupError) with the known names
    same = evaluated is not None and Path(split.gold).resolve() == Path(evaluated.gold).resolve()
    return ShotPool(load_split(split.gold), split.label, leave_one_out=same)


def shot_ids(shots: Sequence[Shot]) -> list[str]:
    return [s.doc_id for s in shots]
