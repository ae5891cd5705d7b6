"""Shared plumbing for the leaderboard, ``bench compare`` and ``bench.testing``.

Load the gold split (checked as ``bench eval`` checks it), score a predictions file, read
a results file, and turn either into a ``Side``: the statistics table (for paired tests),
the scores and the signature. Everything raises ``ProblemsError`` on bad input, never
exits, so library users (the pytest helper) get exceptions and the CLI maps them to exit 3.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.data.problems import Problem, ProblemsError
from bench.splits import Split, custom_split, get_split, registry

if TYPE_CHECKING:  # pragma: no cover
    from bench.data.model import Document, KBEntry
    from bench.score.evaluate import Results
    from bench.score.stats import StatsTable

DEFAULT_BOOTSTRAP = 1000
DEFAULT_SEED = 0
PathLike = str | Path


@dataclass
class Gold:
    """A checked gold split: documents, knowledge base, the hash of the two files, the split."""

    docs: list[Document]
    kb: dict[str, KBEntry]
    hash: str
    split: Split

    @property
    def split_path(self) -> Path:
        return self.split.gold

    @property
    def kb_path(self) -> Path:
        return self.split.kb


def as_split(split: Split | PathLike | None = None, kb: PathLike | None = None) -> Split:
    """A ``Split`` from a split, a registered split name, or a gold file path (``custom``).

    A string that names a registered split (``"breakout/test"``, ``"muc4/dev"``) is that
    split; any other string or path is a gold file. ``kb`` replaces the knowledge base.
    """
    if isinstance(split, Split):
        return split if kb is None else custom_split(split.gold, Path(kb))
    if isinstance(split, str) and (split in registry() or f"{split}/test" in registry()):
        return as_split(get_split(split), kb)
    return custom_split(Path(split) if split is not None else None, Path(kb) if kb is not None else None)


def load_gold(split: Split | PathLike | None = None, kb: PathLike | None = None) -> Gold:
    """Load and check a gold split (default: ``breakout/test``); see ``as_split``."""
    from bench.data.load import gold_hash, load_kb, load_split
    from bench.score.goldcheck import gold_problems

    chosen = as_split(split, kb)
    split_path, kb_path = chosen.gold, chosen.kb
    docs, entries = load_split(split_path), load_kb(kb_path)
    if not docs:
        raise ProblemsError([Problem(split_path, None, "file", "the gold split has no documents")])
    problems = gold_problems(docs, entries, split_path)
    if problems:
        raise ProblemsError(problems)
    return Gold(docs, entries, gold_hash(split_path, kb_path), chosen)


def score_file(path: PathLike, gold: Gold, *, bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = DEFAULT_SEED) -> Results:
    """Validate and score a predictions file (raises ``ProblemsError`` if it does not validate)."""
    from bench.predictions.validate import load_predictions
    from bench.score.evaluate import evaluate

    preds = load_predictions(Path(path), gold.docs)
    return evaluate(gold.docs, gold.kb, preds, bootstrap=bootstrap, seed=seed, gold_hash=gold.hash, split=gold.split)


def dump_json(obj: Any) -> str:
    """Canonical JSON for files the harness writes: sorted keys, 2-space indent, final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


_RESULT_KEYS = ("signature", "gold_hash", "harness_version", "scores", "per_document")


def read_results(path: PathLike) -> dict[str, Any]:
    """A results JSON file (``bench eval --out``), with its required keys checked."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ProblemsError([Problem(file, None, "file", f"cannot read: {err}")]) from err
    except json.JSONDecodeError as err:
        raise ProblemsError([Problem(file, None, "file", f"invalid JSON: {err.msg} (line {err.lineno})")]) from err
    if not isinstance(data, dict):
        raise ProblemsError([Problem(file, None, "file", "not a results object")])
    missing = [k for k in _RESULT_KEYS if k not in data]
    if missing:
        raise ProblemsError([Problem(file, None, key, "required key of a results file is missing") for key in missing])
    return data


def looks_like_results(path: PathLike) -> bool:
    """True when ``path`` is a results file rather than predictions (JSON Lines).

    A results file is one JSON object, pretty-printed (its first line is ``{``) or on one
    line with a ``signature`` key; a predictions line is an object with a ``doc_id``.
    """
    try:
        with open(path, "rb") as handle:
            first = handle.readline(1 << 20)
    except OSError:
        return False
    line = first.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    if line == "{":
        return True
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return isinstance(obj, dict) and "signature" in obj and "doc_id" not in obj


@dataclass
class Side:
    """One system in a comparison: where it came from, its scores and its statistics."""

    label: str
    signature: str
    scores: dict[str, Any]
    stats: StatsTable
    results: dict[str, Any]


def side_from_results(data: dict[str, Any], label: str) -> Side:
    """A results dict as a ``Side``; its ``scored`` fields (default: all) are what its headline
    averages."""
    from bench.score.fields import FIELDS
    from bench.score.stats import StatsTable

    scored: dict[str, Any] = data["scored"] if isinstance(data.get("scored"), dict) else {}
    try:
        table = StatsTable.from_per_document(
            data["per_document"],
            fields=tuple(scored.get("fields", FIELDS)),
            span=bool(scored.get("span", True)),
        )
    except (ValueError, AttributeError, TypeError) as err:
        raise ProblemsError([Problem(Path(label), None, "per_document", f"cannot read the statistics: {err}")]) from err
    return Side(label, str(data["signature"]), data["scores"], table, data)


def load_side(
    path: PathLike, gold: Gold | None, *, bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = DEFAULT_SEED
) -> Side:
    """A results file as is, or a predictions file scored now against ``gold``.

    A folder is a leaderboard submission: its ``predictions.jsonl`` is scored.
    """
    file = Path(path)
    if file.is_dir():
        file = file / "predictions.jsonl"
    if looks_like_results(file):
        return side_from_results(read_results(file), str(path))
    if gold is None:
        gold = load_gold()
    results = score_file(file, gold, bootstrap=bootstrap, seed=seed)
    return Side(str(path), results.signature, results.scores, results.stats, results.to_json())


def results_of(
    obj: Any, gold: Gold | None = None, *, bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = DEFAULT_SEED
) -> Side:
    """A ``Side`` from a path (results or predictions), a results dict, a ``Results``, or a
    list of prediction records (scored against ``gold``, default the built-in split)."""
    if isinstance(obj, (str, Path)):
        return load_side(obj, gold, bootstrap=bootstrap, seed=seed)
    if isinstance(obj, dict):
        return side_from_results(obj, "<results>")
    if isinstance(obj, (list, tuple)):
        from bench.score.evaluate import evaluate

        gold = gold if gold is not None else load_gold()
        results = evaluate(
            gold.docs, gold.kb, obj, bootstrap=bootstrap, seed=seed, gold_hash=gold.hash, split=gold.split
        )
        return Side("<predictions>", results.signature, results.scores, results.stats, results.to_json())
    return Side("<results>", obj.signature, obj.scores, obj.stats, obj.to_json())
