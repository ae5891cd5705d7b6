"""Functions of the lm-evaluation-harness task ``breakout`` (see breakout.yaml).

The logic lives in ``bench.generative.harness``; these are the names the YAML points at.
``valid`` is the share of documents whose completion parsed and validated (a validity
diagnostic, reported as its own metric, never folded into the F1s).
"""

from __future__ import annotations

from typing import Any

from bench.generative import harness


def load_split(split: str = "breakout/test", prompt: str = "zero-shot-v2", **_: Any) -> dict[str, Any]:
    """``custom_dataset``: the split's documents (doc_id and text, no annotations) as a ``test``
    dataset; each row also names its split and prompt template, so the functions below need no state."""
    import datasets

    rows = [{**doc, "split": split, "prompt": prompt} for doc in harness.documents(split)]
    return {"test": datasets.Dataset.from_list(rows)}


def doc_to_text(doc: dict[str, Any]) -> str:
    return harness.prompt_text(doc["text"], doc["prompt"])


def process_results(doc: dict[str, Any], results: list[str]) -> dict[str, Any]:
    row, status = harness.document_statistics(doc["split"], doc["doc_id"], results[0] if results else None)
    return {**{metric: row for metric in harness.SCORED}, "valid": float(status == "ok")}


def agg_overall(rows: list[list[float]]) -> float:
    return harness.f1(rows, "overall")


def agg_actor(rows: list[list[float]]) -> float:
    return harness.f1(rows, "actor")


def agg_location(rows: list[list[float]]) -> float:
    return harness.f1(rows, "location")


def agg_count(rows: list[list[float]]) -> float:
    return harness.f1(rows, "count")


def agg_attribution(rows: list[list[float]]) -> float:
    return harness.f1(rows, "attribution")
