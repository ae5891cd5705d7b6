"""Integrity checks the scorer needs from any gold split before it scores against it.

``bench.data.load`` checks each record's shape; a split written by hand or by another tool
can still refer to entities that do not exist or carry spans that are not the text at
their offsets. Scoring such a split would silently give wrong numbers, so ``bench eval``,
``bench validate`` and ``bench predict`` refuse it (exit 3) with one line per problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Optional, Sequence, Union

from bench.data.model import Document, KBEntry, Span
from bench.data.problems import Problem


def gold_problems(docs: Sequence[Document], kb: Mapping[str, KBEntry], file: Union[Path, str]) -> list[Problem]:
    """Dangling entity references, unknown KB ids and spans that do not match the text."""
    problems: list[Problem] = []
    for doc in docs:
        def add(item: str, message: str) -> None:
            problems.append(Problem(Path(file), doc.doc_id, item, message))

        def check_span(item: str, where: Optional[Span]) -> None:
            if where is not None and doc.text[where.start:where.end] != where.text:
                add(item, f"span {where.start}:{where.end} is not {where.text!r} in the document text")

        ids = {e.id for e in doc.entities}
        for entity in doc.entities:
            if entity.kb is not None and entity.kb not in kb:
                add(f"entities.{entity.id}.kb", f"unknown knowledge-base id {entity.kb!r}")
            for n, mention in enumerate(entity.mentions):
                check_span(f"entities.{entity.id}.mentions[{n}]", mention)

        def ref(item: str, entity_id: Optional[str]) -> None:
            if entity_id is not None and entity_id not in ids:
                add(item, f"unknown entity {entity_id!r}")

        for i, event in enumerate(doc.events):
            for role in ("actors", "locations"):
                for j, entity_id in enumerate(getattr(event, role)):
                    ref(f"events[{i}].{role}[{j}]", entity_id)
            check_span(f"events[{i}].trigger", event.trigger)
            for j, count in enumerate(event.counts):
                check_span(f"events[{i}].counts[{j}].mention", count.mention)
                ref(f"events[{i}].counts[{j}].source", count.source)
            for j, claim in enumerate(event.claims):
                ref(f"events[{i}].claims[{j}].actor", claim.actor)
                ref(f"events[{i}].claims[{j}].source", claim.source)
                check_span(f"events[{i}].claims[{j}].via", claim.via)
                check_span(f"events[{i}].claims[{j}].cue", claim.cue)
    return problems
