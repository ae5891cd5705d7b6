"""What the transformer trains on: documents named by a registered split or a gold file.

``train``, ``dev`` and ``lodo`` options name one or more sources, comma-separated: a
registered split (``muc4/train``) or a gold JSONL path; ``none`` (or an empty value) names
nothing. Each source is reported as ``name@version`` (a split) or its path, with the
documents' digest, so the metadata says exactly what a model saw.

>>> sources("muc4/train, none")
['muc4/train']
>>> sources(None)
[]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from baselines.transformer.store import documents_digest
from bench.data.model import Document

NONE = {"", "none", "-"}


def sources(spec: str | Path | None) -> list[str]:
    """The comma-separated sources of an option value, without ``none``."""
    if spec is None:
        return []
    return [part.strip() for part in str(spec).split(",") if part.strip().lower() not in NONE]


@dataclass(frozen=True)
class Corpus:
    """Documents and where they came from (``labels``: ``name@version`` or a path)."""

    documents: tuple[Document, ...]
    labels: tuple[str, ...]

    @functools.cached_property
    def digest(self) -> str:
        return documents_digest(self.documents)

    def describe(self) -> dict[str, object]:
        return {"sources": list(self.labels), "documents": len(self.documents), "sha256": self.digest}


def load_corpus(spec: str | Path | None) -> Corpus:
    """The documents of every source in ``spec`` (registered split names or gold files)."""
    from bench.data.load import load_split
    from bench.splits import get_split, registry

    documents: list[Document] = []
    labels: list[str] = []
    for source in sources(spec):
        if source in registry():
            split = get_split(source)
            path, label = split.gold, split.label
        else:
            path, label = Path(source), source
        documents += load_split(path)
        labels.append(label)
    return Corpus(tuple(documents), tuple(labels))
