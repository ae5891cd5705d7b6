"""The signature every result carries, and the gold hash inside it.

``breakout:v1|split:<name>@<version>|gold:sha256=<12 hex>|scorer=<version>|norm=v1|boot=<resamples>:<seed>``

- ``breakout:v1``: the task specification version;
- ``split:``: the split's name and version (``bench.splits``; ``custom@-`` for gold files
  that are no registered split), so results of different splits never compare;
- ``gold:sha256=``: the first 12 hex digits of sha256 over the split file, a NUL byte and
  the knowledge-base file (``bench.data.load.gold_hash``). For gold given as objects, the
  same hash over their canonical serialisation (``content_hash``), which equals the file
  hash for files written by ``bench data compile``;
- ``scorer=``: ``SCORER_VERSION``, bumped whenever a score could change (tokenisation,
  matching rules, conventions);
- ``norm=``: the string and number normalisation version;
- ``boot=N:S``: bootstrap resamples and seed.

Two results are comparable only when their signatures are equal; ``differences`` says
which parts differ.

>>> make_signature("0123456789ab", 1000, 0, split="breakout/test@1")
'breakout:v1|split:breakout/test@1|gold:sha256=0123456789ab|scorer=1.1|norm=v1|boot=1000:0'
>>> parse_signature(make_signature("0123456789ab", 1000, 0, split="breakout/test@1"))["split"]
'breakout/test@1'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence

from bench.data.model import Document, KBEntry
from bench.normalize.text import NORM_VERSION

TASK_VERSION = "v1"
SCORER_VERSION = "1.1"
_PATTERN = re.compile(
    r"breakout:(?P<task>v\d+)\|split:(?P<split>[0-9A-Za-z_.\-/]+@[0-9A-Za-z_.\-]+)\|gold:sha256=(?P<gold>[0-9a-f]{12})\|scorer=(?P<scorer>[0-9A-Za-z.\-]+)"
    r"\|norm=(?P<norm>v\d+)\|boot=(?P<boot>\d+:\d+)"
)


def make_signature(gold_hash: str, resamples: int, seed: int, *, split: str) -> str:
    """The signature of a result; ``split`` is ``Split.label`` (``name@version``)."""
    return (
        f"breakout:{TASK_VERSION}|split:{split}|gold:sha256={gold_hash}|scorer={SCORER_VERSION}"
        f"|norm={NORM_VERSION}|boot={resamples}:{seed}"
    )


def parse_signature(signature: str) -> dict[str, str]:
    """The parts of a signature; raises ``ValueError`` if it is not one."""
    match = _PATTERN.fullmatch(signature)
    if not match:
        raise ValueError(f"not a BREAKOUT signature: {signature!r}")
    return match.groupdict()


def differences(a: str, b: str) -> list[str]:
    """Human-readable differences between two signatures (empty: comparable)."""
    pa, pb = parse_signature(a), parse_signature(b)
    names = {
        "task": "task version",
        "split": "split (name@version)",
        "gold": "gold data (sha256)",
        "scorer": "scorer version",
        "norm": "normalisation version",
        "boot": "bootstrap resamples:seed",
    }
    return [f"{names[k]} differs: {pa[k]} vs {pb[k]}" for k in names if pa[k] != pb[k]]


def content_hash(documents: Sequence[Document], kb: Mapping[str, KBEntry]) -> str:
    """The gold hash of in-memory gold, as ``gold_hash`` would give for its compiled files."""
    from bench.data.compile import to_jsonl

    digest = hashlib.sha256(to_jsonl(documents).encode("utf-8"))
    digest.update(b"\0")
    digest.update(to_jsonl(kb.values()).encode("utf-8"))
    return digest.hexdigest()[:12]
