"""Logs of other harnesses to BREAKOUT predictions: ``bench import lm-eval`` / ``bench import inspect``.

- lm-evaluation-harness: the per-sample file ``--log_samples`` writes
  (``samples_breakout_<date>.jsonl``): one JSON object per document with the task's ``doc``
  (our ``doc_id`` and the split) and ``filtered_resps`` (the completion that was scored).
- Inspect AI: an eval log (``.eval`` or ``.json``) of ``bench/generative/inspect_task.py``,
  read with ``inspect_ai.log.read_eval_log``; each sample's ``id`` is the ``doc_id`` and
  its ``output.completion`` the completion.

Each completion is parsed as ``--extractor openai`` parses it, so the predictions (and the
validity diagnostics) are what the harness scored. Every document of the split must have a
completion; a problem is a ``ProblemsError`` naming the file, line and document.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.data.model import Document
from bench.data.problems import Problem, ProblemsError
from bench.generative.client import Completion


@dataclass
class Imported:
    """Completions by doc_id and the split the log names (if it names one)."""

    completions: dict[str, str | None]
    split: str | None


def read_lm_eval(path: Path) -> Imported:
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ProblemsError([Problem(file, None, "file", f"cannot read: {err}")]) from err
    completions: dict[str, str | None] = {}
    splits: set[str] = set()
    problems = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            sample = json.loads(line)
            doc = sample["doc"]
            doc_id = doc["doc_id"]
            response = sample.get("filtered_resps", sample.get("resps"))
        except (ValueError, KeyError, TypeError) as err:
            problems.append(
                Problem(file, None, "line", f"not an lm-eval sample of the breakout task ({err})", line=number)
            )
            continue
        while isinstance(response, list):  # filtered_resps: [text]; resps: [[text]]
            response = response[0] if response else None
        if doc_id in completions:
            problems.append(Problem(file, doc_id, "doc", "the document appears twice", line=number))
        completions[doc_id] = response if isinstance(response, str) else None
        if isinstance(doc.get("split"), str):
            splits.add(doc["split"])
    if problems:
        raise ProblemsError(problems)
    return Imported(completions, splits.pop() if len(splits) == 1 else None)


def read_inspect(path: Path) -> Imported:
    file = Path(path)
    try:
        from inspect_ai.log import read_eval_log
    except ImportError as err:
        raise ProblemsError(
            [Problem(file, None, "file", "reading Inspect logs needs inspect-ai: pip install inspect-ai")]
        ) from err
    try:
        log = read_eval_log(str(file))
    except Exception as err:
        raise ProblemsError(
            [Problem(file, None, "file", f"not an Inspect eval log: {type(err).__name__}: {err}")]
        ) from err
    completions: dict[str, str | None] = {}
    for sample in log.samples or []:
        completions[str(sample.id)] = sample.output.completion if sample.output else None
    split = (log.eval.task_args or {}).get("split") or (log.eval.metadata or {}).get("split")
    return Imported(completions, split if isinstance(split, str) else None)


def to_predictions(
    imported: Imported, docs: Sequence[Document], source: Path
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Predictions for every document of the split, and the validity block."""
    from bench.generative.extractor import outcome_of
    from bench.generative.validity import summarise

    missing = [d.doc_id for d in docs if d.doc_id not in imported.completions]
    known = {d.doc_id for d in docs}
    problems = [Problem(source, doc_id, "doc_id", "no completion for this document of the split") for doc_id in missing]
    problems += [
        Problem(source, doc_id, "doc_id", "unknown document: not in the split")
        for doc_id in imported.completions
        if doc_id not in known
    ]
    if problems:
        raise ProblemsError(problems)
    outcomes = [
        outcome_of(doc, Completion(imported.completions[doc.doc_id], None, None, None, None, 0, 0.0), False, {})
        for doc in docs
    ]
    for outcome in outcomes:
        outcome["validity"].seconds = None  # the log does not say; not 0
    validity = summarise([o["validity"] for o in outcomes])
    return [o["record"] for o in outcomes], validity
