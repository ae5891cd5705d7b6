"""On-disk cache of completions: an identical request is answered from disk.

A request's key is the sha256 of its canonical JSON: the endpoint, the model, the
messages (which hold the prompt template, the shots and the document) and every
setting that changes the completion (decoding, temperature, seed, max_tokens). One file
per key, ``<dir>/<key[:2]>/<key>.json``, written atomically, so concurrent workers and
concurrent runs never see half a file. Only successful responses are stored. Keys never
hold the API key (it is not part of a request body).

The folder is ``cache_dir``, else ``$BREAKOUT_CACHE``, else ``$XDG_CACHE_HOME/breakout``
(``~/.cache/breakout``), with ``generative/`` below it. ``bench eval --no-cache`` skips it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from bench import paths
from bench.io import atomic_write_text

CACHE_VERSION = 1


def default_dir() -> Path:
    return paths.cache_root() / "generative"


def request_key(request: dict[str, Any]) -> str:
    canonical = json.dumps({"v": CACHE_VERSION, **request}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Cache:
    """get/put of JSON responses by request; a broken or unreadable entry is a miss."""

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_dir()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, request: dict[str, Any]) -> dict[str, Any] | None:
        key = request_key(request)
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("response"), dict):
            return None
        return entry["response"]

    def put(self, request: dict[str, Any], response: dict[str, Any]) -> None:
        key = request_key(request)
        entry = {"key": key, "request": request, "response": response}
        try:
            atomic_write_text(self._path(key), json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        except OSError:
            pass  # a cache that cannot be written only costs time
