"""Validity and cost of a generative entry, recomputed at build time from its raw outputs.

An entry with ``raw_outputs.jsonl`` (``bench submit --raw``) is replayed offline
(``bench.generative.replay``: the same parser on the same completions as the live run) and
its validity pooled by ``bench.generative.validity.summarise``: parse and schema failures,
ungrounded strings, tokens and seconds per document. The stored ``results.json`` is never
trusted for these figures. An entry may hold the raw outputs of further runs,
``raw_outputs.run<k>.jsonl`` (k = 2, 3, ...): each is replayed and scored too, and the
board shows the range of the headline F1 over all runs.

A raw file that cannot be replayed against the current split (other documents, another
text, not a raw-outputs file) gives no validity and a one-line reason instead; the
entry's scores, computed from its predictions, are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.data.problems import ProblemsError
from bench.leaderboard.generation import run_files


@dataclass
class Generative:
    """What the raw outputs of one entry say: run 1's validity and raw records, every run's headline."""

    validity: dict[str, Any] | None = None
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)
    headlines: list[float] = field(default_factory=list)  # run 1 first, then run 2, 3, ...
    problem: str | None = None

    @property
    def runs(self) -> int:
        return max(1, len(self.headlines))

    @property
    def run_range(self) -> tuple[float, float] | None:
        return (min(self.headlines), max(self.headlines)) if len(self.headlines) > 1 else None


def _replay(path: Path, gold: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from bench.generative.replay import replay

    outcomes, raw, _ = replay(path, gold.docs)
    return outcomes, raw


def _headline(outcomes: list[dict[str, Any]], gold: Any) -> float:
    from bench.score.evaluate import evaluate

    records = [o["record"] for o in outcomes]
    scored = evaluate(gold.docs, gold.kb, records, bootstrap=0, seed=0, gold_hash=gold.hash, split=gold.split)
    return scored.headline


def generative(folder: Path, gold: Any, *, headline: float | None = None) -> Generative | None:
    """The replayed raw outputs of the entry in ``folder`` (None: not a generative entry).

    ``headline``: run 1's score as computed from ``predictions.jsonl``; the further runs'
    headlines are computed from their replayed predictions (no bootstrap: only F1)."""
    from bench.generative.validity import summarise

    files = run_files(Path(folder))
    if not files:
        return None
    out = Generative()
    try:
        outcomes, raw = _replay(files[0], gold)
        out.validity = summarise([o["validity"] for o in outcomes])
        out.raw = {r["doc_id"]: r for r in raw}
        out.headlines = [headline if headline is not None else _headline(outcomes, gold)]
        for path in files[1:]:
            more, _ = _replay(path, gold)
            out.headlines.append(_headline(more, gold))
    except ProblemsError as err:
        first = err.problems[0]
        out.problem = (
            f"{Path(first.file).name}: cannot be replayed ({len(err.problems)} problems; first: {first.message})"
        )
    return out


def per_document(validity: dict[str, Any], key: str) -> float | None:
    """A validity total divided by the documents (tokens per document), or None if unknown."""
    value, n = validity.get(key), validity.get("documents")
    return value / n if isinstance(value, (int, float)) and isinstance(n, int) and n else None
