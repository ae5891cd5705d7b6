"""Shared fixtures: a tiny synthetic split, built in code (never the real gold annotations).

``tiny_split`` is three documents and a five-entry knowledge base:
- ``d1``: one prison break with actors, two locations, two counts and a claim;
- ``d2``: two events (a prison break and a background attack);
- ``d3``: no events at all.
``write_split`` writes it (or any documents) as gold files for the command-line tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # test helpers (helpers.py, ...) import as top-level modules

from bench.data.model import Claim, Count, CountValue, Document, Entity, Event, KBEntry, Span
from bench.normalize.numbers import parse_count


def span(text: str, needle: str, n: int = 1) -> Span:
    """The ``n``-th occurrence of ``needle`` in ``text`` as a ``Span``."""
    start = -1
    for _ in range(n):
        start = text.index(needle, start + 1)
    return Span(start=start, end=start + len(needle), text=needle)


def entity(text: str, entity_id: str, kind: str, *mentions: Any, kb: str | None = None) -> Entity:
    spans = [span(text, m) if isinstance(m, str) else span(text, *m) for m in mentions]
    return Entity(id=entity_id, type=kind, kb=kb, mentions=spans)


def count(
    text: str,
    count_id: str,
    mention: Any,
    category: str,
    victims: str | None = None,
    source: str | None = None,
    value: CountValue | None = None,
) -> Count:
    where = span(text, mention) if isinstance(mention, str) else span(text, *mention)
    return Count(
        id=count_id,
        mention=where,
        category=category,
        victims=victims,
        value=value or parse_count(where.text),
        source=source,
    )


D1 = (
    "Isis gunmen stormed Gweiran Prison in Hassakeh. Kurdish officials said at least five guards "
    "were killed and hundreds of inmates escaped. The Islamic State claimed responsibility."
)
D2 = (
    "In 2013 militants attacked Abu Ghraib in Baghdad. The ministry said 260 prisoners escaped. "
    "Separately, a car bomb in Taji killed twelve people."
)
D3 = "Officials in Baghdad met on Tuesday."


def build_tiny_split() -> tuple[list[Document], dict[str, KBEntry]]:
    d1 = Document(
        doc_id="d1",
        text=D1,
        entities=[
            entity(D1, "isis", "GROUP", "Isis gunmen", "The Islamic State", kb="isis"),
            entity(D1, "gweiran", "LOCATION", "Gweiran Prison", kb="gweiran_prison"),
            entity(D1, "hassakeh", "LOCATION", "Hassakeh", kb="hassakeh"),
            entity(D1, "officials", "GROUP", "Kurdish officials"),
        ],
        events=[
            Event(
                id="e1",
                type="prison_break",
                actors=["isis"],
                locations=["gweiran", "hassakeh"],
                counts=[
                    count(D1, "e1.c1", "at least five", "killed", "security", "officials"),
                    count(D1, "e1.c2", "hundreds", "escaped", None, "officials"),
                ],
                claims=[Claim(id="e1.k1", kind="responsibility", actor="isis", source="isis")],
            )
        ],
    )
    d2 = Document(
        doc_id="d2",
        text=D2,
        entities=[
            entity(D2, "militants", "GROUP", "militants"),
            entity(D2, "abu_ghraib", "LOCATION", "Abu Ghraib", kb="abu_ghraib_prison"),
            entity(D2, "baghdad", "LOCATION", "Baghdad", kb="baghdad"),
            entity(D2, "ministry", "GROUP", "The ministry"),
            entity(D2, "taji", "LOCATION", "Taji"),
        ],
        events=[
            Event(
                id="break",
                type="prison_break",
                actors=["militants"],
                locations=["abu_ghraib", "baghdad"],
                counts=[count(D2, "break.c1", "260", "escaped", None, "ministry")],
            ),
            Event(
                id="bomb",
                type="attack",
                locations=["taji"],
                counts=[count(D2, "bomb.c1", "twelve", "killed", "civilians")],
            ),
        ],
    )
    d3 = Document(doc_id="d3", text=D3, entities=[entity(D3, "baghdad", "LOCATION", "Baghdad", kb="baghdad")])
    kb = {
        e.id: e
        for e in [
            KBEntry(
                id="abu_ghraib_prison",
                type="LOCATION",
                name="Abu Ghraib prison",
                aliases=["Abu Ghraib", "Baghdad Central Prison"],
                parent="baghdad",
            ),
            KBEntry(id="baghdad", type="LOCATION", name="Baghdad", aliases=["Bagdad"]),
            KBEntry(
                id="gweiran_prison",
                type="LOCATION",
                name="Gweiran Prison",
                aliases=["Ghwayran prison", "Sina'a prison"],
                parent="hassakeh",
            ),
            KBEntry(id="hassakeh", type="LOCATION", name="Hassakeh", aliases=["Hasakah", "Al-Hasakah"]),
            KBEntry(id="isis", type="GROUP", name="Islamic State", aliases=["ISIS", "IS", "ISIL", "Daesh"]),
        ]
    }
    return [d1, d2, d3], kb


@pytest.fixture
def tiny_split() -> tuple[list[Document], dict[str, KBEntry]]:
    """Three synthetic gold documents and their knowledge base (see the module docstring)."""
    return build_tiny_split()


def write_split(folder: Path, docs: list[Document], kb: dict[str, KBEntry]) -> tuple[Path, Path]:
    """Write gold files the way ``bench data compile`` does; return (split, kb) paths."""
    from bench.data.compile import to_jsonl

    split, kb_path = folder / "split.jsonl", folder / "kb.jsonl"
    split.write_text(to_jsonl(docs), encoding="utf-8")
    kb_path.write_text(to_jsonl(kb.values()), encoding="utf-8")
    return split, kb_path


@pytest.fixture
def tiny_files(tmp_path: Path, tiny_split) -> tuple[Path, Path]:
    """``tiny_split`` written to gold files: (split path, kb path)."""
    return write_split(tmp_path, *tiny_split)


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
