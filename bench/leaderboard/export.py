"""Every Eval Ever export: each leaderboard entry's results as one record of that schema.

`Every Eval Ever <https://github.com/evaleval/every_eval_ever>`_ (EvalEval Coalition) is a
shared schema for evaluation results; ``schemas/every_eval_ever.eval.schema.json`` is its
``eval.schema.json`` v0.3.0, vendored unchanged (source and MIT licence in
``schemas/README.md``). One record per entry, built from the board (scores recomputed by
``bench leaderboard build``, never the stored ones):

- ``evaluation_results``: the headline and each field of the split, F1 with its 95%
  percentile-bootstrap interval over documents (``uncertainty.confidence_interval``,
  ``num_bootstrap_samples``, ``num_samples`` = documents), precision, recall, rank and rank
  range in ``score_details.details``; ``source_data`` names the split and its gold sha256;
- ``eval_library``: ``bench`` with the harness version and the score signature;
- ``model_info``: the system's name, ``id`` (the model a generative entry's requests name,
  else ``breakout-leaderboard/<slug>``), size and training-data declaration;
- for generative entries, ``generation_config`` (temperature, max_tokens, prompt template and
  its sha256, decoding, seed: from the entry's raw outputs) and the validity counts.

Records are deterministic: ``retrieved_timestamp`` is the entry's date (its ``date`` at 00:00
UTC, as Unix seconds), never the time of the build; no field is guessed (an unknown engine
or availability is left out or ``unknown``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from bench.io import atomic_write_text
from bench.leaderboard.fmt import columns
from bench.leaderboard.model import HEADLINE, Board, Entry

SCHEMA_VERSION = "0.3.0"
SCHEMA_FILE = Path(__file__).with_name("schemas") / "every_eval_ever.eval.schema.json"
EXPORT_DIR = "every_eval_ever"  # next to the pages


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _strings(items: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """``additional_details``: every value a string (the schema's rule), None left out."""
    return {k: v if isinstance(v, str) else json.dumps(v, sort_keys=True) for k, v in items if v is not None}


def _timestamp(entry: Entry) -> str:
    moment = dt.datetime.combine(entry.meta.date, dt.time(0), tzinfo=dt.timezone.utc)
    return str(int(moment.timestamp()))


def _first_raw(entry: Entry) -> dict[str, Any]:
    gen = entry.generative
    if gen is None or not gen.raw:
        return {}
    return gen.raw[sorted(gen.raw)[0]]


def _model_info(entry: Entry) -> dict[str, Any]:
    meta, training = entry.meta, entry.meta.training_data
    request = _first_raw(entry).get("request") or {}
    model = request.get("model") if isinstance(request.get("model"), str) else None
    info: dict[str, Any] = {
        "name": entry.name,
        "id": model or f"breakout-leaderboard/{entry.slug}",
        "developer": ", ".join(meta.authors),
        "additional_details": {
            "deployment_type": "unknown",
            "model_availability": "unknown",
            **_strings(
                [
                    ("model_size", meta.model_size),
                    ("saw_test_articles", training.saw_test_articles),
                    ("saw_test_articles_how", training.how),
                    ("training_data", ", ".join(training.datasets) or None),
                    ("description", meta.description),
                    ("url", meta.url),
                ]
            ),
        },
    }
    if model is not None:
        info["inference_platform"] = "OpenAI-compatible endpoint"
    if meta.inference_engine is not None:
        info["inference_engine"] = meta.inference_engine.model_dump(exclude_none=True)
    return info


def _generation_config(entry: Entry) -> dict[str, Any] | None:
    first = _first_raw(entry)
    if not first:
        return None
    request, prompt = first.get("request") or {}, first.get("prompt") or {}
    settings = first.get("settings") or {}
    args: dict[str, Any] = {}
    if isinstance(request.get("temperature"), (int, float)):
        args["temperature"] = request["temperature"]
    if isinstance(request.get("max_tokens"), int) and request["max_tokens"] >= 1:
        args["max_tokens"] = request["max_tokens"]
    if isinstance(prompt.get("name"), str):
        args["prompt_template"] = prompt["name"]
    gen = entry.generative
    validity = {k: v for k, v in ((gen.validity if gen else None) or {}).items() if k != "per_document"}
    details = _strings(
        [
            ("prompt_template_sha256", prompt.get("sha256")),
            ("decoding", settings.get("decoding")),
            ("seed", request.get("seed")),
            ("runs", gen.runs if gen else None),
            ("validity", validity or None),
        ]
    )
    return {"generation_args": args, "additional_details": details}


def _result(entry: Entry, board: Board, key: str, label: str, documents: int) -> dict[str, Any] | None:
    score = entry.score(key)
    if score is None:
        return None
    row = (entry.results or {}).get("scores", {}).get(key) or {}
    details = [("precision", row.get("precision")), ("recall", row.get("recall"))]
    if key == HEADLINE and entry.ranked:
        details += [("rank", entry.rank), ("rank_range_95", list(entry.rank_ci) if entry.rank_ci else None)]
        details += [("p_vs_leader", entry.p_value)]
    score_details: dict[str, Any] = {"score": score, "details": _strings(details)}
    ci = entry.ci(key)
    if ci is not None:
        score_details["uncertainty"] = {
            "confidence_interval": {
                "lower": ci[0],
                "upper": ci[1],
                "confidence_level": 0.95,
                "method": "percentile bootstrap over documents",
            },
            "num_samples": documents,
            "num_bootstrap_samples": board.bootstrap,
        }
    what = "mean F1 of the split's fields" if key == HEADLINE else f"micro F1 of the {label} field"
    result: dict[str, Any] = {
        "evaluation_result_id": f"{board.split}/{key}",
        "evaluation_name": f"BREAKOUT {board.split} {label}",
        "source_data": {
            "dataset_name": board.split,
            "source_type": "other",
            "additional_details": {"gold_sha256": board.gold_hash, "documents": str(documents)},
        },
        "metric_config": {
            "evaluation_description": f"{what} (BREAKOUT scorer; signature {entry.signature})",
            "lower_is_better": False,
            "score_type": "continuous",
            "min_score": 0.0,
            "max_score": 1.0,
        },
        "score_details": score_details,
    }
    config = _generation_config(entry)
    if config is not None:
        result["generation_config"] = config
    return result


def export_entry(entry: Entry, board: Board) -> dict[str, Any]:
    """One entry of ``board`` as an Every Eval Ever record (a dict that validates against ``schema()``)."""
    documents = len(entry.drill or []) or int(((entry.results or {}).get("bootstrap") or {}).get("documents") or 0)
    keys = [(HEADLINE, "headline")] + [(key, key) for key, _ in columns(board.split)]
    results = [r for key, label in keys if (r := _result(entry, board, key, label, documents)) is not None]
    stamp = _timestamp(entry)
    return {
        "schema_version": SCHEMA_VERSION,
        "evaluation_id": f"breakout/{board.split}/{entry.slug}/{stamp}",
        "retrieved_timestamp": stamp,
        "source_metadata": {
            "source_name": "BREAKOUT leaderboard",
            "source_type": "evaluation_run",
            "source_organization_name": "BREAKOUT",
            "evaluator_relationship": "other",
            "additional_details": {
                "how": "scores recomputed by `bench leaderboard build` from the entry's submitted predictions",
                "ranked": "yes" if entry.ranked else f"no: {entry.reason or 'listed apart'}",
            },
        },
        "eval_library": {
            "name": "bench (BREAKOUT)",
            "version": str((entry.results or {}).get("harness_version") or board.harness_version),
            "additional_details": {"signature": entry.signature},
        },
        "model_info": _model_info(entry),
        "evaluation_results": results,
    }


def export_board(board: Board) -> dict[str, dict[str, Any]]:
    """Every scored entry of every split's board: ``{"<slug>.json": record}``."""
    out = {}
    for one in board.boards:
        for entry in (*one.ranked, *one.unranked):
            if entry.score() is not None:
                out[f"{entry.slug}.json"] = export_entry(entry, one)
    return out


def write_exports(folder: Path, board: Board) -> list[Path]:
    """Write the records to ``folder`` (each atomically); stale ``*.json`` of removed entries go."""
    from bench.resultsio import dump_json

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    records = export_board(board)
    for old in folder.glob("*.json"):
        if old.name not in records:
            old.unlink()
    written = []
    for name in sorted(records):
        atomic_write_text(folder / name, dump_json(records[name]))
        written.append(folder / name)
    return written


def stale_exports(fresh: Path, target: Path) -> list[str]:
    """Names (relative to ``target``) of export records that differ from a fresh build's in
    ``fresh``, are missing, or should not be there (``bench leaderboard build --check``)."""
    new, old = Path(fresh) / EXPORT_DIR, Path(target) / EXPORT_DIR
    names = {p.name for p in new.glob("*.json")} | {p.name for p in old.glob("*.json")}
    return [
        f"{EXPORT_DIR}/{name}"
        for name in sorted(names)
        if not (new / name).is_file()
        or not (old / name).is_file()
        or (new / name).read_bytes() != (old / name).read_bytes()
    ]
