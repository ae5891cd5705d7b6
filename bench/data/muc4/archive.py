"""The raw MUC-3/MUC-4 archive kept in the project, and which of its files make which split.

The archive (``annotations/muc4/raw/muc34-corpora.tar.gz``, sha256 pinned in the
``SHA256SUMS`` beside it) is read in place: nothing is unpacked. Member names are the
archive's own (``muc34/TASK/CORPORA/tst3/key-tst3.v2``); every pointer into the keys or
the texts that the converted data carries uses them.
"""

from __future__ import annotations

import hashlib
import io
import tarfile
from dataclasses import dataclass
from pathlib import Path

CORPORA = "muc34/TASK/CORPORA"
DOCS = "muc34/TASK/TASKDOC"


@dataclass(frozen=True)
class Part:
    """One MUC test set (or the training set): its text files and key files."""

    name: str
    texts: tuple[str, ...]
    keys: tuple[str, ...]
    mixed_case: str | None = None


def _dev() -> Part:
    ranges = [f"{i:04d}-{i + 99:04d}" for i in range(1, 1300, 100)]
    return Part(
        "DEV",
        tuple(f"{CORPORA}/dev/dev-muc3-{r}" for r in ranges),
        tuple(f"{CORPORA}/dev/key-dev-{r[:4]}.muc4" for r in ranges),
    )


PARTS: dict[str, Part] = {
    "DEV": _dev(),
    "TST1": Part("TST1", (f"{CORPORA}/tst1/tst1-muc3",), (f"{CORPORA}/tst1/key-tst1.v7",)),
    "TST2": Part("TST2", (f"{CORPORA}/tst2/tst2-muc4",), (f"{CORPORA}/tst2/key-tst2.v4",)),
    "TST3": Part("TST3", (f"{CORPORA}/tst3/tst3-muc4",), (f"{CORPORA}/tst3/key-tst3.v2",)),
    "TST4": Part(
        "TST4",
        (f"{CORPORA}/tst4/tst4-muc4",),
        (f"{CORPORA}/tst4/key-tst4.v2",),
        mixed_case=f"{CORPORA}/tst4/tst4-muc4.mixed-case",
    ),
}

# The conventional split of the recent literature (GTT, GRIT, IterX).
SPLIT_PARTS: dict[str, tuple[str, ...]] = {"train": ("DEV",), "dev": ("TST1", "TST2"), "test": ("TST3", "TST4")}

PLACE_FILES = {
    "nations": f"{DOCS}/templ-doc-basic/set-list-foreign-nation.v5",
    "set_list": f"{DOCS}/templ-doc-basic/set-list-location.v4",
    "containing": f"{DOCS}/templ-doc-more/containing-areas-part1.v5",
    "containing_multi": f"{DOCS}/templ-doc-more/containing-areas-part2",
    "synonyms": f"{DOCS}/templ-doc-more/places-synonyms.v3",
}


class ArchiveError(Exception):
    """The archive is missing, unreadable, not the pinned one, or lacks a member."""


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def pinned_sha256(archive: Path) -> str | None:
    """The sha256 that ``SHA256SUMS`` beside the archive lists for it, if any."""
    manifest = Path(archive).parent / "SHA256SUMS"
    if not manifest.exists():
        return None
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.strip().partition("  ")
        if name == Path(archive).name:
            return digest
    return None


class Archive:
    """Text members of the archive, read once into memory (the archive is 1.5 MB)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            data = self.path.read_bytes()
        except OSError as err:
            raise ArchiveError(f"{self.path}: cannot read: {err.strerror}") from err
        pinned = pinned_sha256(self.path)
        if pinned is not None and hashlib.sha256(data).hexdigest() != pinned:
            raise ArchiveError(f"{self.path}: sha256 differs from {self.path.parent / 'SHA256SUMS'}")
        self.members: dict[str, bytes] = {}
        try:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
                for member in tar.getmembers():
                    if member.isfile():
                        handle = tar.extractfile(member)
                        if handle is not None:
                            self.members[member.name] = handle.read()
        except (tarfile.TarError, OSError, EOFError) as err:
            raise ArchiveError(f"{self.path}: not a readable tar.gz archive ({err})") from err

    def text(self, name: str) -> str:
        """A member as text (the corpora are ASCII; decoded as UTF-8, strictly)."""
        if name not in self.members:
            raise ArchiveError(f"{self.path}: no member {name}")
        try:
            return self.members[name].decode("utf-8")
        except UnicodeDecodeError as err:
            raise ArchiveError(f"{self.path}: {name}: not UTF-8 (byte {err.start})") from err
