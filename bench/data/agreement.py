"""Inter-annotator agreement, measured with the scorer itself.

Pass B is written out as predictions by the oracle writer (its own annotation, in the
predictions format) and scored against pass A as gold: span F1 on mentions (seqeval,
strict IOB2), and F1 on event actors, locations, counts and attributions, exactly as a
system would be scored. F1 is reported in both directions (A as reference, then B).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.data.compile import compile_document
from bench.data.model import Document, KBEntry

AGREEMENT_FIELDS: tuple[str, ...] = (
    "span",
    "span.PERSON",
    "span.GROUP",
    "span.LOCATION",
    "span.COUNT",
    "span_partial",
    "actor",
    "location",
    "count",
    "attribution",
    "overall",
)


def compile_pass(folder: Path, doc_ids: list[str], seeds_dir: Path) -> list[Document]:
    return [
        compile_document(folder / f"{d}.yaml", (seeds_dir / f"{d}.txt").read_bytes().decode("utf-8")) for d in doc_ids
    ]


def _f1(reference: list[Document], other: list[Document], kb: Mapping[str, KBEntry]) -> dict[str, dict[str, float]]:
    from bench.extractors.oracle import oracle_record
    from bench.score.evaluate import evaluate

    results = evaluate(reference, kb, [oracle_record(d) for d in other], bootstrap=0)
    return {key: {m: results.scores[key][m] for m in ("precision", "recall", "f1")} for key in AGREEMENT_FIELDS}


def agreement(pass_a: list[Document], pass_b: list[Document], kb: Mapping[str, KBEntry]) -> dict[str, Any]:
    """Per-field P/R/F1 with A as reference, and F1 with B as reference."""
    a_ref = _f1(pass_a, pass_b, kb)
    b_ref = _f1(pass_b, pass_a, kb)
    per_doc = {a.doc_id: _f1([a], [b], kb) for a, b in zip(pass_a, pass_b)}
    return {
        "documents": [d.doc_id for d in pass_a],
        "a_as_reference": a_ref,
        "b_as_reference_f1": {k: v["f1"] for k, v in b_ref.items()},
        "per_document_f1": {doc: {k: v["f1"] for k, v in scores.items()} for doc, scores in per_doc.items()},
    }
