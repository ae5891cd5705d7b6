"""The generation settings of a generative entry, read from its raw outputs (``raw_outputs.jsonl``,
written by ``bench predict --raw-out``: ``bench.generative.raw``), and the entry's duplicate key.

Every record must state the settings the completion was made with - ``request.temperature``,
``request.max_tokens``, ``request.seed`` (an integer, or ``null`` for none sent),
``settings.decoding`` - plus the prompt's sha256 and the model; one entry is one run, so all
records must agree. The model snapshot is the model the server reported
(``response.model``), else the one requested.

The duplicate key of an entry: its name (``metadata.name_key``), model snapshot, prompt hash
and decoding mode (the last three None / ``n/a`` for a non-generative entry).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.generative.raw import RawError, read_raw
from bench.leaderboard.facets import GENERATIVE_DECODING
from bench.leaderboard.metadata import Metadata, name_key

_RUN = re.compile(r"^raw_outputs\.run([2-9]|[1-9][0-9])\.jsonl$")


def run_file_name(k: int) -> str:
    """Where run ``k`` (1, 2, ...) of an entry keeps its raw outputs."""
    return "raw_outputs.jsonl" if k == 1 else f"raw_outputs.run{k}.jsonl"


def run_files(folder: Path) -> list[Path]:
    """``raw_outputs.jsonl`` then ``raw_outputs.run<k>.jsonl`` in run order (regular files only)."""
    first = folder / run_file_name(1)
    if first.is_symlink() or not first.is_file():
        return []
    more = [p for p in folder.iterdir() if _RUN.match(p.name) and p.is_file() and not p.is_symlink()]
    return [first, *sorted(more, key=lambda p: int(_RUN.match(p.name)[1]))]  # type: ignore[index]


@dataclass(frozen=True)
class Generation:
    """One run's settings, as its raw outputs state them."""

    model: str
    prompt_sha256: str
    decoding: str  # the leaderboard's mode (``facets.DECODINGS``)
    temperature: float
    max_tokens: int
    seed: int | None  # None: no seed was sent


DuplicateKey = tuple[str, str | None, str | None, str]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _settings(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    request, settings = record.get("request"), record.get("settings")
    request = request if isinstance(request, dict) else {}
    settings = settings if isinstance(settings, dict) else {}
    prompt, response = record.get("prompt"), record.get("response")
    found = {
        "temperature": request.get("temperature"),
        "max_tokens": request.get("max_tokens"),
        "seed": request.get("seed", "missing"),
        "decoding": settings.get("decoding"),
        "prompt_sha256": prompt.get("sha256") if isinstance(prompt, dict) else None,
        "model": (response.get("model") if isinstance(response, dict) else None) or request.get("model"),
    }
    missing = [
        key
        for key, ok in (
            ("request.temperature", _number(found["temperature"])),
            ("request.max_tokens", isinstance(found["max_tokens"], int) and not isinstance(found["max_tokens"], bool)),
            ("request.seed (an integer, or null for none)", found["seed"] is None or isinstance(found["seed"], int)),
            ("settings.decoding", found["decoding"] in GENERATIVE_DECODING),
            ("prompt.sha256", isinstance(found["prompt_sha256"], str)),
            ("the model (response.model or request.model)", isinstance(found["model"], str)),
        )
        if not ok
    ]
    return found, missing


def read_generation(path: Path) -> tuple[Generation | None, list[str]]:
    """The run's settings from a raw-outputs file, or None and one line per problem."""
    try:
        records = read_raw(path)
    except RawError as err:
        return None, [str(err)]
    if not records:
        return None, [f"{path}: no raw-output records"]
    seen: dict[str, set[str]] = {}
    first: dict[str, Any] = {}
    for doc_id, record in records.items():
        found, missing = _settings(record)
        if missing:
            return None, [f"{path}: {doc_id}: does not state {', '.join(missing)}"]
        first = first or found
        for key, value in found.items():
            seen.setdefault(key, set()).add(repr(value))
    mixed = [f"{key} ({', '.join(sorted(values))})" for key, values in seen.items() if len(values) > 1]
    if mixed:
        return None, [f"{path}: one entry is one run, but the records differ in {'; '.join(mixed)}"]
    decoding = GENERATIVE_DECODING[first["decoding"]]
    return Generation(
        first["model"],
        first["prompt_sha256"],
        decoding,
        float(first["temperature"]),
        first["max_tokens"],
        first["seed"],
    ), []


def duplicate_key(meta: Metadata, generation: Generation | None) -> DuplicateKey:
    """Name, model snapshot, prompt hash and decoding mode: equal keys on one split are one entry."""
    assert meta.name is not None
    if generation is None:
        return name_key(meta.name), None, None, meta.decoding
    return name_key(meta.name), generation.model, generation.prompt_sha256, generation.decoding


def check_runs(files: Sequence[Path], meta: Metadata) -> tuple[Generation | None, list[str]]:
    """Run 1's settings and every problem of a generative entry's raw files: each states its
    settings in the declared decoding, all runs share the model and prompt, and there is one
    file per declared run (``runs``)."""
    first: Generation | None = None
    problems: list[str] = []
    for k, path in enumerate(files, 1):
        generation, found = read_generation(Path(path))
        problems += found
        if generation is None:
            continue
        if generation.decoding != meta.decoding:
            run = f" of run {k} ({Path(path).name})" if k > 1 else ""
            problems.append(
                f"decoding: {meta.decoding!r} declared, but the raw outputs{run} were decoded {generation.decoding!r}"
            )
        if first is None:
            first = generation
        elif (generation.model, generation.prompt_sha256) != (first.model, first.prompt_sha256):
            problems.append(
                f"run {k} ({Path(path).name}) used another model or prompt than run 1: one entry is one system"
            )
    if meta.runs is not None and len(files) != meta.runs:
        problems.append(f"runs: {meta.runs} declared, but {len(files)} raw-output file(s) given (one per run)")
    return first, problems
