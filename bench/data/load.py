"""Load gold splits and the knowledge base as typed objects, or as a ``datasets.Dataset``.

>>> from bench import paths
>>> docs = load_split(paths.GOLD_SPLIT)      # doctest: +SKIP
>>> kb = load_kb(paths.GOLD_KB)              # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from bench import paths
from bench.data.model import Document, KBEntry
from bench.data.problems import Problem, ProblemsError

if TYPE_CHECKING:  # pragma: no cover
    import datasets

T = TypeVar("T", bound=BaseModel)


def read_jsonl_records(path: Path, model: type[T], key: str) -> list[tuple[int, T]]:
    problems: list[Problem] = []
    records: list[tuple[int, T]] = []
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise ProblemsError([Problem(Path(path), None, "file", f"cannot read: {err.strerror}")]) from err
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProblemsError([Problem(Path(path), None, "file", f"not UTF-8 (byte {err.start})")]) from err
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 is text
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(Problem(Path(path), None, "line", f"invalid JSON: {err.msg}", line=number))
            continue
        ident = obj.get(key) if isinstance(obj, dict) else None
        try:
            records.append((number, model.model_validate(obj)))
        except ValidationError as err:
            for e in err.errors():
                loc = ".".join(str(p) for p in e["loc"]) or key
                problems.append(Problem(Path(path), ident, loc, e["msg"], line=number))
    if problems:
        raise ProblemsError(problems)
    return records


def load_split(path: Path = paths.GOLD_SPLIT) -> list[Document]:
    """Read a gold split (JSON Lines of ``Document``); raise ``ProblemsError`` if malformed."""
    records = read_jsonl_records(path, Document, "doc_id")
    seen: dict[str, int] = {}
    problems = []
    for line, doc in records:
        if doc.doc_id in seen:
            problems.append(
                Problem(
                    Path(path),
                    doc.doc_id,
                    "doc_id",
                    f"duplicate document (first on line {seen[doc.doc_id]})",
                    line=line,
                )
            )
        seen.setdefault(doc.doc_id, line)
    if problems:
        raise ProblemsError(problems)
    return [doc for _, doc in records]


def load_kb(path: Path = paths.GOLD_KB) -> dict[str, KBEntry]:
    """Read the knowledge base into ``{id: KBEntry}``."""
    return {entry.id: entry for _, entry in read_jsonl_records(path, KBEntry, "id")}


def gold_hash(split_path: Path = paths.GOLD_SPLIT, kb_path: Path = paths.GOLD_KB) -> str:
    """The first 12 hex digits of sha256 over the split file, a NUL byte, and the KB file.

    Both files matter: KB aliases change which predicted strings match.
    """
    digest = hashlib.sha256(Path(split_path).read_bytes())
    digest.update(b"\0")
    digest.update(Path(kb_path).read_bytes())
    return digest.hexdigest()[:12]


def hf_cache_dir() -> Path:
    """A ``datasets`` cache folder for the dataset card's current contents.

    The ``datasets`` cache key of a local folder does not change when its files change (and
    a forced re-read is checked against the cached split sizes), so a shared cache would
    serve, or refuse, an earlier version of the gold. Keying the folder by a hash of the card
    and its data files gives every version its own cache. ``BREAKOUT_CACHE`` moves the root
    (default ``~/.cache/breakout``).
    """
    digest = hashlib.sha256()
    for file in sorted([paths.ANNOTATIONS_DIR / "README.md", *paths.ANNOTATIONS_DIR.rglob("*.jsonl")]):
        digest.update(file.relative_to(paths.ANNOTATIONS_DIR).as_posix().encode() + b"\0" + file.read_bytes())
    root = Path(os.environ.get("BREAKOUT_CACHE", Path.home() / ".cache" / "breakout"))
    return root / "datasets" / digest.hexdigest()[:16]


def load_dataset(split: str = "test", config: str = "default") -> datasets.Dataset:
    """A config of the dataset card as a typed ``datasets.Dataset``, loaded offline.

    >>> load_dataset("kb", config="kb").features["aliases"]  # doctest: +SKIP
    """
    import datasets

    return datasets.load_dataset(str(paths.ANNOTATIONS_DIR), config, split=split, cache_dir=str(hf_cache_dir()))
