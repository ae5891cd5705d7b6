"""Trained taggers on disk: train once, then every evaluation loads the cached weights.

A trained model is stored under ``<cache>/transformer/<key[:2]>/<key>/`` (``<cache>`` is
``bench.paths.cache_root()``: ``$BREAKOUT_CACHE``, else ``~/.cache/breakout``) as
``weights.safetensors`` (only the trained tensors: the classification head in ``head`` mode,
every weight in ``full`` mode) and ``meta.json`` (what was trained on what). The key is the
sha256 of the canonical JSON of everything that changes the weights: the encoder's digest,
the training documents' digest, the development documents' digest and every training option.
A folder is written beside its final place and renamed into it, so a reader sees a whole
entry or none; a broken entry is a miss. Weights are never committed.

>>> key_of({"b": 1, "a": [1, 2]}) == key_of({"a": [1, 2], "b": 1})
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench import paths
from bench.data.model import Document

STORE_VERSION = 1
WEIGHTS, META = "weights.safetensors", "meta.json"


def default_dir() -> Path:
    return paths.cache_root() / "transformer"


def key_of(payload: dict[str, Any]) -> str:
    """sha256 of ``payload``'s canonical JSON (sorted keys, no spaces) and the store version."""
    canonical = json.dumps({"store": STORE_VERSION, **payload}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def documents_digest(documents: Iterable[Document]) -> str:
    """sha256 over the documents' canonical JSON in ``doc_id`` order (text and annotations)."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        digest.update(doc.model_dump_json().encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


class ModelStore:
    """``get``/``put`` of trained tensors by key; ``folder`` defaults to ``default_dir()``."""

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_dir()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """(tensors, meta) for ``key``, or ``None`` when absent or unreadable."""
        from safetensors.torch import load_file

        entry = self.path(key)
        try:
            meta = json.loads((entry / META).read_text(encoding="utf-8"))
            if meta.get("key") != key:
                return None
            return load_file(str(entry / WEIGHTS)), meta
        except (OSError, ValueError, RuntimeError):
            return None

    def put(self, key: str, tensors: dict[str, Any], meta: dict[str, Any]) -> Path | None:
        """Store ``tensors`` and ``meta`` under ``key`` atomically; ``None`` if it cannot be written."""
        from safetensors.torch import save_file

        final = self.path(key)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}.", dir=final.parent))
        except OSError:
            return None  # a cache that cannot be written only costs time
        try:
            save_file({k: v.detach().contiguous().cpu() for k, v in tensors.items()}, str(staging / WEIGHTS))
            text = json.dumps({**meta, "key": key}, sort_keys=True, indent=1) + "\n"
            (staging / META).write_text(text, encoding="utf-8")
            if final.exists():
                shutil.rmtree(final, ignore_errors=True)
            os.replace(staging, final)
            return final
        except OSError:
            return None
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
