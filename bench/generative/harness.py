"""What the lm-evaluation-harness task and the Inspect task share: documents, prompts, statistics.

Both harnesses hand BREAKOUT one completion per document. ``document_statistics`` parses it
exactly as ``--extractor openai`` does (``bench.generative.parse``: a completion that does
not parse or validate is the empty prediction) and reduces it to the document's row of
sufficient statistics (``bench.score.evaluate.statistics``); ``f1`` pools rows by summing
them, as ``bench eval`` does, so the harnesses report the same micro F1s as ``bench eval``
on the same outputs.

>>> rows = [document_statistics("breakout/test", d["doc_id"], '{"events": []}')[0] for d in documents("breakout/test")]
>>> f1(rows, "overall")
0.0
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bench.generative.prompt import DEFAULT_ZERO_SHOT, load_template

if TYPE_CHECKING:  # pragma: no cover
    from bench.resultsio import Gold

SCORED: tuple[str, ...] = ("overall", "actor", "location", "count", "attribution")


@functools.cache
def gold(split: str) -> Gold:
    """A registered split's checked gold, loaded once per process."""
    from bench.resultsio import load_gold
    from bench.splits import get_split

    return load_gold(get_split(split))


def documents(split: str) -> list[dict[str, str]]:
    """The split's documents as ``{"doc_id", "text"}`` rows (no annotations)."""
    return [{"doc_id": d.doc_id, "text": d.text} for d in gold(split).docs]


def prompt_text(text: str, prompt: str = DEFAULT_ZERO_SHOT) -> str:
    """System and user sections of a template as one prompt."""
    return load_template(prompt).single_text(text)


def prompt_messages(text: str, prompt: str = DEFAULT_ZERO_SHOT) -> list[dict[str, str]]:
    return load_template(prompt).messages(text)


def document_statistics(split: str, doc_id: str, completion: str | None) -> tuple[list[float], str]:
    """The row of sufficient statistics of one document's completion, and how it parsed."""
    from bench.generative.parse import parse_completion
    from bench.predictions.validate import validate_records
    from bench.score.evaluate import statistics

    checked = gold(split)
    doc = next(d for d in checked.docs if d.doc_id == doc_id)
    parsed = parse_completion(completion, doc_id, doc.text)
    preds = validate_records([parsed.record], [doc], "<completion>")
    table, _ = statistics([doc], checked.kb, preds)
    return [float(x) for x in table.matrix[0]], parsed.status


def f1(rows: Sequence[Sequence[float]], metric: str) -> float:
    """Micro F1 of ``metric`` (``overall`` is the headline) over the summed rows."""
    import numpy as np

    from bench.score.stats import COLUMNS, scores_from_totals

    totals = np.sum(np.asarray(rows, dtype=float).reshape(-1, len(COLUMNS)), axis=0)
    return float(scores_from_totals(totals)[metric]["f1"])
