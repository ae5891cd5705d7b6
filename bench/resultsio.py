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


def score_file(
    path: PathLike,
    gold: Gold,
    *,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    max_bytes: int | None = None,
    errors: bool = False,
) -> Results:
    """Validate and score a predictions file (raises ``ProblemsError`` if it does not validate);
    ``errors=True``: the results carry the missed and spurious items (``bench eval --errors``)."""
    from bench.predictions.validate import MAX_FILE_BYTES, load_predictions
    from bench.score.evaluate import evaluate

    preds = load_predictions(Path(path), gold.docs, max_bytes=max_bytes or MAX_FILE_BYTES)
    return evaluate(
        gold.docs, gold.kb, preds, bootstrap=bootstrap, seed=seed, gold_hash=gold.hash, split=gold.split, errors=errors
    )


def dump_json(obj: Any) -> str:
    """Canonical JSON for files the harness writes: sorted keys, 2-space indent, final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


_RESULT_KEYS = ("signature", "gold_hash", "harness_version", "scores", "per_document")
MAX_RESULTS_BYTES = 50_000_000  # a results file of 10,000 documents is about 25 MB
MAX_DEPTH = 32  # results and metadata files are a few levels deep


def nested_at_most(value: Any, limit: int) -> bool:
    """True when ``value`` nests at most ``limit`` levels (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            if level > limit:
                return False
            stack.extend((child, level + 1) for child in (node.values() if isinstance(node, dict) else node))
    return True


def read_json(path: PathLike, *, max_bytes: int = MAX_RESULTS_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """One JSON document from a file, guarded like the predictions reader: a regular file under
    ``max_bytes``, UTF-8, standard JSON (no NaN), nested at most ``max_depth`` levels.
    Raises ``ProblemsError`` with one line naming the file otherwise."""
    import os
    import stat

    from bench.predictions.reader import LineError, parse_json

    file = Path(path)

    def fail(message: str) -> ProblemsError:
        return ProblemsError([Problem(file, None, "file", message)])

    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            raise fail("not a regular file (a device, pipe or folder)")
        if info.st_size > max_bytes:
            raise fail(f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,}")
        text = file.read_bytes().decode("utf-8")
    except OSError as err:
        raise fail(f"cannot read: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise fail(f"not valid UTF-8 (byte {err.start + 1})") from err
    data = parse_json(text.lstrip("\ufeff"))
    if isinstance(data, LineError):
        raise fail(data.message)
    if not nested_at_most(data, max_depth):
        raise fail(f"invalid JSON: nested more than {max_depth} levels deep")
    return data


def check_per_document(per_document: Any, file: Path) -> list[Problem]:
    """Impossible statistics: not a mapping, NaN or infinite, negative, fractional counts
    (only partial span overlaps are fractional), ``correct > total``."""
    import math

    if not isinstance(per_document, dict):
        return [Problem(file, None, "per_document", "expected a mapping of document ids to statistics")]
    problems: list[Problem] = []
    for doc_id, metrics in per_document.items():
        if not isinstance(metrics, dict):
            problems.append(Problem(file, str(doc_id), "per_document", "expected a mapping of statistics"))
            continue
        for metric, values in metrics.items():
            where = f"per_document.{metric}"
            if not isinstance(values, dict):
                problems.append(Problem(file, str(doc_id), where, "expected a mapping of counts"))
                continue
            for key, value in values.items():
                ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
                if not ok or value < 0:
                    problems.append(Problem(file, str(doc_id), f"{where}.{key}", f"impossible count {value!r}"))
                elif not str(metric).startswith("span_partial") and float(value) != int(value):
                    problems.append(
                        Problem(file, str(doc_id), f"{where}.{key}", f"a count is a whole number, not {value!r}")
                    )
            correct, total = values.get("correct"), values.get("total")
            if isinstance(correct, (int, float)) and isinstance(total, (int, float)) and correct > total:
                problems.append(Problem(file, str(doc_id), where, f"correct {correct} is above total {total}"))
    return problems


def read_results(path: PathLike) -> dict[str, Any]:
    """A results JSON file (``bench eval --out``), with its required keys and statistics checked."""
    file = Path(path)
    data = read_json(file)
    if not isinstance(data, dict):
        raise ProblemsError([Problem(file, None, "file", "not a results object")])
    missing = [k for k in _RESULT_KEYS if k not in data]
    if missing:
        raise ProblemsError([Problem(file, None, key, "required key of a results file is missing") for key in missing])
    if not isinstance(data["signature"], str) or not isinstance(data["scores"], dict):
        raise ProblemsError([Problem(file, None, "signature", "a results file has a signature string and scores")])
    problems = check_per_document(data["per_document"], file)
    if problems:
        raise ProblemsError(problems)
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
    except (ValueError, RecursionError):
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
    """A results file as a ``Side``; its scores are recomputed from ``per_document`` and
    must equal the stored ones (``ProblemsError`` otherwise: a hand-edited or corrupted file).
    Its ``scored`` fields (default: all) are what its headline averages."""
    from bench.score.evaluate import summarise
    from bench.score.fields import DEFAULT_FIELDS
    from bench.score.stats import StatsTable

    file = Path(label)
    if not isinstance(data, dict) or not all(k in data for k in ("signature", "scores", "per_document")):
        raise ProblemsError([Problem(file, None, "file", "not a results object (signature, scores, per_document)")])
    problems = check_per_document(data["per_document"], file)
    if problems:
        raise ProblemsError(problems)
    scored: dict[str, Any] = data["scored"] if isinstance(data.get("scored"), dict) else {}
    try:
        table = StatsTable.from_per_document(
            data["per_document"],
            fields=tuple(scored.get("fields", DEFAULT_FIELDS)),
            span=bool(scored.get("span", True)),
        )
    except (ValueError, AttributeError, TypeError) as err:
        raise ProblemsError([Problem(file, None, "per_document", f"cannot read the statistics: {err}")]) from err
    recomputed, _ = summarise(table, bootstrap=0, seed=0)
    stored = data["scores"] if isinstance(data["scores"], dict) else {}
    for metric, values in recomputed.items():
        for key in ("precision", "recall", "f1", "accuracy"):
            if key not in values:
                continue
            mine, theirs = (
                values[key],
                (stored.get(metric) or {}).get(key) if isinstance(stored.get(metric), dict) else None,
            )
            if not _same(mine, theirs):
                message = f"stored {theirs!r} differs from {mine!r}, recomputed from per_document"
                raise ProblemsError([Problem(file, None, f"scores.{metric}.{key}", message)])
    return Side(label, str(data["signature"]), stored, table, data)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(b, bool) or not isinstance(b, (int, float)):
        return False
    return abs(float(a) - float(b)) <= 1e-9


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
