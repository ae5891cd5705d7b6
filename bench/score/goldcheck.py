"""Integrity checks the scorer needs from any gold split before it scores against it.

``bench.data.load`` checks each record's shape; a split written by hand or by another tool
can still refer to entities that do not exist, carry spans that are not the text at their
offsets, or overlap mentions (which the span layer cannot tag). Scoring such a split would
silently give wrong numbers, so ``bench eval``, ``bench validate`` and ``bench predict``
refuse it (exit 3) with one line per problem. The checks are those of
``bench data validate`` (``bench.data.validate.check_document``), minus the seed files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from bench.data.model import Document, KBEntry
from bench.data.problems import Problem
from bench.data.validate import check_document


def gold_problems(docs: Sequence[Document], kb: Mapping[str, KBEntry], file: Path | str) -> list[Problem]:
    """Dangling entity references, unknown KB ids, wrong types, bad or overlapping spans."""
    return [problem for doc in docs for problem in check_document(doc, dict(kb), Path(file))]
