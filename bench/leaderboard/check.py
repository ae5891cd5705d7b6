"""``bench submit --check DIR``: validate an entry folder as CI does before a pull request is merged.

Checks, each reported as one line naming the file (nothing is written):

- ``metadata.json`` validates (``bench.leaderboard.metadata``: strict, unknown keys refused,
  every required field there, the licence an SPDX id or ``proprietary``) and names a
  registered split;
- a generative entry (``system_type`` llm-zero-shot, llm-few-shot, fine-tuned) has
  ``raw_outputs.jsonl``, whose records state the generation settings (temperature,
  max_tokens, seed or none, decoding mode, prompt hash, model: ``bench.leaderboard.generation``)
  of one run, in the decoding mode the metadata declares;
- ``predictions.jsonl`` is a real file that validates against that split's gold;
- ``results.json`` is there and **rescoring equals it**: the predictions, scored again with
  the stored bootstrap settings, give the stored signature and the stored scores;
- ``raw_outputs.jsonl``, when present, is a real file of JSON objects, one per line (the
  replayable raw outputs of a generative entry);
- no other entry of the same leaderboard (the folder's parent is taken as ``submissions/``)
  on the same split has the same duplicate key (name, model snapshot, prompt hash, decoding
  mode: ``generation.duplicate_key``); one with the same name but another snapshot, prompt
  or decoding is refused too, as a new version that needs its own name (the board shows one
  row per name).

>>> check_entry(Path("/nonexistent"))[0].endswith("not an entry folder")
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.data.problems import ProblemsError
from bench.leaderboard.generation import DuplicateKey, Generation, check_runs, duplicate_key, read_generation, run_files
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


def _other_key(name: str, other: Path, data: dict[str, Any]) -> DuplicateKey:
    """Another entry's duplicate key, from its raw files (its metadata may be of an older version)."""
    raw = other / RAW_FILE
    generation = read_generation(raw)[0] if _real_file(raw) else None
    if generation is None:
        return name, None, None, str(data.get("decoding", "n/a"))
    return name, generation.model, generation.prompt_sha256, generation.decoding


def _duplicates(folder: Path, meta: Metadata, generation: Generation | None) -> list[str]:
    assert meta.name is not None
    key, out = duplicate_key(meta, generation), []
    for other in sorted(
        p for p in folder.parent.iterdir() if p.is_dir() and p != folder and not p.name.startswith(".")
    ):
        try:
            data = read_json(other / METADATA_FILE, max_bytes=1_000_000)
        except ProblemsError:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            continue
        if name_key(data["name"]) != key[0] or data.get("split", meta.split) != meta.split:
            continue
        theirs = _other_key(key[0], other, data)
        where = f"{folder / METADATA_FILE}: "
        if theirs == key:
            out.append(
                f"{where}duplicate: {other.name} has the same name, model snapshot, prompt hash and decoding on {meta.split}"
            )
        else:
            parts = [p for p, a, b in zip(("model snapshot", "prompt hash", "decoding"), key[1:], theirs[1:]) if a != b]
            out.append(
                f"{where}name taken: {other.name} has the same name on {meta.split} with another {', '.join(parts)}; "
                "a new version needs its own name"
            )
    return out


def _generation(folder: Path, meta: Metadata) -> tuple[Generation | None, list[str]]:
    raw = folder / RAW_FILE
    if not meta.generative:
        if raw.exists():
            return None, _raw_problems(raw) if _real_file(raw) else [f"{raw}: not a real file"]
        return None, []
    if not _real_file(raw):
        return None, [f"{raw}: missing or not a real file: a {meta.system_type} entry must include its raw outputs"]
    generation, problems = check_runs(run_files(folder), meta)
    return generation, [p if p.startswith(str(folder)) else f"{folder / METADATA_FILE}: {p}" for p in problems]


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
    generation, problems = _generation(folder, meta)
    problems += _duplicates(folder, meta, generation)
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
