"""Command-line plumbing for generative extractors: ``--runs``, ``--raw-out``, ``--no-cache``.

These flags map onto extractor options (``seed``, ``raw_out``, ``cache``), so they work
for any extractor that takes those options (the built-in ``openai``, or a user's); for
one that does not, they are a usage error (exit 2). The raw-outputs sidecar goes next to
the file the command writes (``preds.jsonl`` -> ``preds.raw.jsonl``, ``results.json`` ->
``results.raw.jsonl``) unless ``--raw-out`` says where; with ``--runs K`` run ``k`` writes
``<name>.run<k>.raw.jsonl``. ``--runs K`` runs the extractor K times with seeds
``seed, seed+1, ...`` and reports each run and the mean and range of every F1; the main
scores (and ``--fail-under``) are those of the first run.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from bench.extractors.options import OptionError


def _accepts(name: str, option: str) -> bool:
    from bench.extractors.registry import ExtractorNotFound, resolve

    try:
        factory = resolve(name)
        return option in inspect.signature(factory).parameters
    except (ExtractorNotFound, TypeError, ValueError):
        return False  # an unknown extractor is reported when it is loaded


def raw_path_for_run(path: Path, run: int, runs: int) -> Path:
    """``x.raw.jsonl`` for one run; ``x.run<k>.raw.jsonl`` for run ``k`` of several."""
    if runs <= 1:
        return path
    stem = path.name.removesuffix(".jsonl").removesuffix(".raw")
    return path.with_name(f"{stem}.run{run}.raw.jsonl")


def generative_options(
    name: str, options: dict[str, Any], *, raw_out: Path | None, no_cache: bool, next_to: Path | None
) -> tuple[dict[str, Any], str | None]:
    """``options`` with ``cache``/``raw_out`` set from the flags; and a note for stderr, if any.

    Raises ``OptionError`` when a flag does not apply to the extractor.
    """
    from bench.generative.raw import default_raw_path

    out = dict(options)
    if no_cache:
        if not _accepts(name, "cache"):
            raise OptionError(f"--no-cache: extractor {name!r} has no cache (no 'cache' option)")
        out["cache"] = False
    if raw_out is not None and not _accepts(name, "raw_out"):
        raise OptionError(f"--raw-out: extractor {name!r} writes no raw outputs (no 'raw_out' option)")
    note = None
    if "raw_out" not in out and _accepts(name, "raw_out") and "replay" not in out:
        where = raw_out or (default_raw_path(next_to) if next_to is not None else None)
        if where is not None:
            out["raw_out"] = str(where)
        else:
            note = "note: raw outputs are not kept; give --raw-out FILE (or --out) to keep them"
    return out, note


def run_options(name: str, options: dict[str, Any], runs: int) -> list[dict[str, Any]]:
    """The options of each of ``runs`` runs: seeds ``seed, seed+1, ...``, one raw file each."""
    if runs <= 1:
        return [options]
    if not _accepts(name, "seed"):
        raise OptionError(f"--runs: extractor {name!r} takes no 'seed' option, so its runs would not differ")
    base = options.get("seed")
    if base is None:
        base = 0
    if isinstance(base, bool) or not isinstance(base, int):
        raise OptionError(f"--runs: seed must be an integer, not {base!r}")
    out = []
    for k in range(runs):
        run = {**options, "seed": base + k}
        if "raw_out" in options:
            run["raw_out"] = str(raw_path_for_run(Path(options["raw_out"]), k + 1, runs))
        out.append(run)
    return out


_SCORES = ("overall", "actor", "location", "count", "attribution", "span")


def runs_block(runs: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]]) -> dict[str, Any]:
    """The ``runs`` block of the results JSON from ``(options, results payload, validity)`` per run."""
    each = []
    for k, (options, payload, validity) in enumerate(runs, 1):
        entry: dict[str, Any] = {
            "run": k,
            "seed": options.get("seed"),
            "f1": {key: payload["scores"][key]["f1"] for key in _SCORES},
        }
        if options.get("raw_out"):
            entry["raw_out"] = options["raw_out"]
        if validity is not None:
            entry["validity"] = {key: value for key, value in validity.items() if key != "per_document"}
        each.append(entry)
    summary = {}
    for key in _SCORES:
        values = [e["f1"][key] for e in each]
        summary[key] = {"mean": sum(values) / len(values), "min": min(values), "max": max(values)}
    return {"count": len(each), "runs": each, "f1": summary, "main": "the scores above are those of run 1"}


def runs_lines(block: dict[str, Any]) -> list[str]:
    lines = [
        f"run {e['run']} (seed {e['seed']}): headline {e['f1']['overall']:.3f}"
        + "".join(f", {k} {e['f1'][k]:.3f}" for k in _SCORES[1:5])
        for e in block["runs"]
    ]
    head = block["f1"]["overall"]
    lines.append(
        f"headline over {block['count']} runs: mean {head['mean']:.3f}, range [{head['min']:.3f}, {head['max']:.3f}]"
        " (scores above: run 1)"
    )
    return lines
