"""Files pinned by sha256: the model packages the baselines load are checked before use.

A baseline that loads a model from an installed package (the MiniLM encoder, the spaCy
pipeline) pins the files that decide its output, so every published score comes from the same
bytes. ``verify_files`` checks them and raises the caller's error with one line naming the file.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()); _ = (folder / "w").write_bytes(b"")
>>> verify_files(folder, {"w": EMPTY_SHA256}, ValueError, "reinstall it")
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@lru_cache(maxsize=64)
def _sha256(path: Path, size: int, mtime: float) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes (memoised by path, size and modification time)."""
    stat = path.stat()
    return _sha256(path, stat.st_size, stat.st_mtime)


def package_dir(package: str) -> Path | None:
    """The folder of an installed package, or ``None`` when it is not installed."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def verify_files(folder: Path, pinned: Mapping[str, str], error: type[Exception], fix: str) -> None:
    """Check every pinned file of ``folder``; raise ``error`` (one line, saying ``fix``) otherwise."""
    for relative, expected in sorted(pinned.items()):
        path = folder / relative
        if not path.is_file():
            raise error(f"{path}: missing; {fix}")
        digest = file_sha256(path)
        if digest != expected:
            raise error(
                f"{path}: sha256 {digest} is not the pinned {expected}; the file has been changed or corrupted: {fix}"
            )
