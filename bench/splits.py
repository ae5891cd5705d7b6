"""The registry of named splits: which gold files a split has, its version, what it scores.

A split is named ``<benchmark>/<part>`` (``breakout/test``). ``breakout/test`` - the five
seed articles - is the default and the headline benchmark. ``muc4/train``, ``muc4/dev`` and
``muc4/test`` are the MUC-4 corpus converted into the same layers (``bench.data.muc4``);
they have gold for actors, locations, counts and claims, and no span layer. A split says which fields it
has gold for (``fields``) and whether its span layer is annotated (``span``); a score is
reported only for those (SPEC section 4). Its name and version go into the signature of
every result, so results of different splits are never compared or ranked together.

Gold given as files (``--gold FILE``) that are not a registered split's files is the
split ``custom`` (version ``-``), scored on every field.

>>> get_split("breakout/test").label
'breakout/test@2'
>>> get_split("breakout").name
'breakout/test'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import paths

ALL_FIELDS: tuple[str, ...] = ("actor", "location", "count", "attribution")
# MUC-4 names no source for counts or claims: claims are scored as (kind, actor) items, as "claim".
MUC4_FIELDS: tuple[str, ...] = ("actor", "location", "count", "claim")
DEFAULT_SPLIT = "breakout/test"
CUSTOM = "custom"


class UnknownSplit(LookupError):
    """No registered split has this name."""


@dataclass(frozen=True)
class Split:
    """A named, versioned gold split and the fields it is scored on."""

    name: str
    version: str
    gold: Path
    kb: Path
    fields: tuple[str, ...] = ALL_FIELDS
    span: bool = True
    description: str = ""
    converted_from: Path | None = None  # the raw archive a converted split is rebuilt from

    @property
    def label(self) -> str:
        """``name@version``, the split's part of the signature."""
        return f"{self.name}@{self.version}"

    @property
    def benchmark(self) -> str:
        return self.name.split("/", 1)[0]


def registry() -> dict[str, Split]:
    """Every registered split by name (built on each call from ``bench.paths``)."""
    splits = [
        Split(
            name="breakout/test",
            version="2",
            gold=paths.GOLD_SPLIT,
            kb=paths.GOLD_KB,
            description="the five seed articles (the headline benchmark)",
        ),
        *(
            Split(
                name=f"muc4/{part}",
                version="1",
                gold=paths.MUC4_DIR / f"{part}.jsonl",
                kb=paths.MUC4_KB,
                fields=MUC4_FIELDS,
                span=False,
                description=description,
                converted_from=paths.MUC4_ARCHIVE,
            )
            for part, description in (
                ("train", "MUC-4 DEV: 1,300 news reports (training)"),
                ("dev", "MUC-4 TST1+TST2: 200 news reports (development)"),
                ("test", "MUC-4 TST3+TST4: 200 news reports (the test split of the recent literature)"),
            )
        ),
    ]
    return {split.name: split for split in splits}


def get_split(name: str) -> Split:
    """A registered split by name; a benchmark name alone means its ``test`` split."""
    known = registry()
    key = name if "/" in name else f"{name}/test"
    if key not in known:
        raise UnknownSplit(f"unknown split {name!r}; known: {', '.join(sorted(known))}")
    return known[key]


def custom_split(gold: Path | None, kb: Path | None) -> Split:
    """The split of gold files: a registered split when they are its files, else ``custom``."""
    default = get_split(DEFAULT_SPLIT)
    gold_path, kb_path = Path(gold or default.gold), Path(kb or default.kb)
    for split in registry().values():
        if _same(split.gold, gold_path) and _same(split.kb, kb_path):
            return split
    return Split(name=CUSTOM, version="-", gold=gold_path, kb=kb_path, description=f"gold file {gold_path}")


def resolve_split(name: str | None = None, gold: Path | None = None, kb: Path | None = None) -> Split:
    """What ``--split`` / ``--gold`` / ``--kb`` on the command line select.

    ``--split`` names a registered split (``--kb`` may then replace its knowledge base,
    which makes it ``custom``); without it, ``--gold``/``--kb`` files, else the default.
    """
    if name is not None:
        split = get_split(name)
        return split if kb is None else custom_split(split.gold, kb)
    if gold is None and kb is None:
        return get_split(DEFAULT_SPLIT)
    return custom_split(gold, kb)


def _same(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
