"""``bench submit --check DIR``: validate an entry folder as CI does before a pull request is merged.

Checks, each reported as one line naming the file (nothing is written):

- ``metadata.json`` validates (``bench.leaderboard.metadata``: strict, unknown keys refused)
  and names a registered split;
- ``predictions.jsonl`` is a real file that validates against that split's gold;
- ``results.json`` is there and **rescoring equals it**: the predictions, scored again with
  the stored bootstrap settings, give the stored signature and the stored scores;
- ``raw_outputs.jsonl``, when present, is a real file of JSON objects, one per line (the
  replayable raw outputs of a generative entry);
- no other entry of the same leaderboard has the same name (``metadata.name_key``) on the
  same split (the folder's parent is taken as ``submissions/``).

>>> check_entry(Path("/nonexistent"))[0].endswith("not an entry folder")
True
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.data.problems import ProblemsError
from bench.leaderboard.metadata import Metadata, name_key, parse_metadata
from bench.leaderboard.submit import METADATA_FILE, PREDICTIONS_FILE, RAW_FILE, RESULTS_FILE
from bench.resultsio import read_json


def _real_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _raw_problems(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                return [f"{path}:{number}: not JSON ({err.msg})"]
            if not isinstance(record, dict):
                return [f"{path}:{number}: expected a JSON object"]
    return []


def _duplicates(folder: Path, meta: Metadata) -> list[str]:
    assert meta.name is not None
    key, out = name_key(meta.name), []
    for other in sorted(
        p for p in folder.parent.iterdir() if p.is_dir() and p != folder and not p.name.startswith(".")
    ):
        try:
            data = read_json(other / METADATA_FILE, max_bytes=1_000_000)
        except ProblemsError:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            continue
        if name_key(data["name"]) == key and data.get("split", meta.split) == meta.split:
            out.append(f"{folder / METADATA_FILE}: duplicate: {other.name} has the same name on {meta.split}")
    return out


def check_entry(folder: Path) -> list[str]:
    """Every problem of the entry folder, one line each; an empty list means it passes."""
    from bench.resultsio import load_gold, score_file

    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        return [f"{folder}: not an entry folder"]
    try:
        meta = parse_metadata(read_json(folder / METADATA_FILE, max_bytes=1_000_000), str(folder / METADATA_FILE))
    except ProblemsError as err:
        return [str(p) for p in err.problems]
    problems = _duplicates(folder, meta)
    raw = folder / RAW_FILE
    if raw.exists():
        problems += _raw_problems(raw) if _real_file(raw) else [f"{raw}: not a real file"]
    predictions, stored_path = folder / PREDICTIONS_FILE, folder / RESULTS_FILE
    if not _real_file(predictions):
        return problems + [f"{predictions}: missing or not a real file"]
    try:
        stored = read_json(stored_path)
    except ProblemsError as err:
        return problems + [str(p) for p in err.problems]
    boot = stored.get("bootstrap") if isinstance(stored, dict) else None
    if (
        not isinstance(boot, dict)
        or not isinstance(boot.get("resamples"), int)
        or not isinstance(boot.get("seed"), int)
    ):
        return problems + [f"{stored_path}: no bootstrap settings (resamples, seed): not a results file"]
    try:
        rescored = score_file(predictions, load_gold(meta.split), bootstrap=boot["resamples"], seed=boot["seed"])
    except ProblemsError as err:
        return problems + [str(p) for p in err.problems[:5]]
    results = rescored.to_json()
    if results["signature"] != stored.get("signature"):
        problems.append(f"{stored_path}: signature {stored.get('signature')!r} differs from {results['signature']!r}")
    elif json.dumps(results["scores"], sort_keys=True) != json.dumps(stored.get("scores"), sort_keys=True):
        problems.append(f"{stored_path}: stored scores differ from the rescored ones")
    return problems
