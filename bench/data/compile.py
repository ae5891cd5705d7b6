"""Compile the human-edited annotation sources into the canonical gold files.

``annotations/src/<doc_id>.yaml`` (one per article) and ``annotations/src/kb.yaml`` become
``annotations/data/test.jsonl`` and ``annotations/data/kb.jsonl``. Mentions are written
as text and occurrence (see ``bench.data.spans``); the compiler turns them into offsets,
normalises count values with ``bench.normalize.parse_count``, gives counts and claims
stable ids, and refuses anything it cannot resolve. Output is deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bench.data.model import Claim, Count, CountValue, Document, Entity, Event, KBEntry, Span
from bench.data.problems import Problem, ProblemsError
from bench.data.spans import SpanRefError, find_occurrences, resolve_span
from bench.normalize.numbers import NumberParseError, parse_count

DOC_KEYS = {"doc_id", "entities", "events", "totals", "notes"}
ENTITY_KEYS = {"type", "kb", "mentions", "note"}
EVENT_KEYS = {"id", "type", "actors", "locations", "trigger", "date", "kb", "counts", "claims", "note"}
COUNT_KEYS = {"mention", "category", "victims", "value", "source", "note"}
CLAIM_KEYS = {"kind", "actor", "source", "via", "cue", "note"}


class _Collector:
    def __init__(self, file: Path, doc_id: str | None) -> None:
        self.file, self.doc_id = file, doc_id
        self.problems: list[Problem] = []

    def add(self, item: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.doc_id, item, message))

    def keys(self, item: str, given: dict, allowed: set[str]) -> None:
        for key in sorted(set(given) - allowed):
            self.add(item, f"unknown key {key!r}")

    def span(self, item: str, text: str, ref: Any) -> Span | None:
        try:
            return resolve_span(text, ref)
        except (SpanRefError, ValidationError) as err:
            self.add(item, str(err).splitlines()[0])
            return None


def _mentions(col: _Collector, item: str, text: str, refs: Iterable[Any]) -> list[Span]:
    spans: list[Span] = []
    for i, ref in enumerate(refs):
        if isinstance(ref, dict) and ref.get("all"):
            needle = str(ref.get("text", ""))
            skip = set(ref.get("except", []))
            starts = [s for n, s in enumerate(find_occurrences(text, needle), 1) if n not in skip]
            if not starts:
                col.add(f"{item}[{i}]", f"{needle!r} does not occur in the document")
            spans.extend(Span(start=s, end=s + len(needle), text=needle) for s in starts)
            continue
        span = col.span(f"{item}[{i}]", text, ref)
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda s: (s.start, s.end))


def _build(col: _Collector, item: str, model: type, **fields: Any) -> Any:
    try:
        return model(**fields)
    except ValidationError as err:
        for e in err.errors():
            loc = ".".join(str(p) for p in e["loc"])
            col.add(f"{item}.{loc}" if loc else item, e["msg"])
        return None


def _count(col: _Collector, item: str, text: str, raw: dict, entity_ids: set[str], count_id: str) -> Count | None:
    col.keys(item, raw, COUNT_KEYS)
    mention = col.span(f"{item}.mention", text, raw.get("mention"))
    if mention is None:
        return None
    value: CountValue | None
    if "value" in raw:
        value = _build(col, f"{item}.value", CountValue, **(raw["value"] or {}))
    else:
        try:
            value = parse_count(mention.text)
        except NumberParseError as err:
            col.add(f"{item}.mention", f"{err} (give an explicit 'value')")
            value = None
    source = raw.get("source")
    if source is not None and source not in entity_ids:
        col.add(f"{item}.source", f"unknown entity {source!r}")
    if value is None:
        return None
    return _build(
        col,
        item,
        Count,
        id=count_id,
        mention=mention,
        category=raw.get("category"),
        victims=raw.get("victims"),
        value=value,
        source=source,
    )


def _claim(col: _Collector, item: str, text: str, raw: dict, entity_ids: set[str], claim_id: str) -> Claim | None:
    col.keys(item, raw, CLAIM_KEYS)
    for role in ("actor", "source"):
        ref = raw.get(role)
        if ref is not None and ref not in entity_ids:
            col.add(f"{item}.{role}", f"unknown entity {ref!r}")
    via = col.span(f"{item}.via", text, raw["via"]) if raw.get("via") is not None else None
    cue = col.span(f"{item}.cue", text, raw["cue"]) if raw.get("cue") is not None else None
    return _build(
        col,
        item,
        Claim,
        id=claim_id,
        kind=raw.get("kind"),
        actor=raw.get("actor"),
        source=raw.get("source"),
        via=via,
        cue=cue,
    )


def _event(col: _Collector, item: str, text: str, raw: dict, entity_ids: set[str]) -> Event | None:
    col.keys(item, raw, EVENT_KEYS)
    event_id = str(raw.get("id", ""))
    for role in ("actors", "locations"):
        for j, ref in enumerate(raw.get(role) or []):
            if ref not in entity_ids:
                col.add(f"{item}.{role}[{j}]", f"unknown entity {ref!r}")
    trigger = col.span(f"{item}.trigger", text, raw["trigger"]) if raw.get("trigger") is not None else None
    counts = [
        _count(col, f"{item}.counts[{j}]", text, c, entity_ids, f"{event_id}.c{j + 1}")
        for j, c in enumerate(raw.get("counts") or [])
    ]
    claims = [
        _claim(col, f"{item}.claims[{j}]", text, c, entity_ids, f"{event_id}.k{j + 1}")
        for j, c in enumerate(raw.get("claims") or [])
    ]
    date = raw.get("date")
    return _build(
        col,
        item,
        Event,
        id=event_id,
        type=raw.get("type"),
        actors=list(raw.get("actors") or []),
        locations=list(raw.get("locations") or []),
        trigger=trigger,
        date=str(date) if date is not None else None,
        kb=raw.get("kb"),
        counts=[c for c in counts if c is not None],
        claims=[c for c in claims if c is not None],
    )


def compile_document(source: Path, text: str) -> Document:
    """Compile one ``<doc_id>.yaml`` against its article text; raise ``ProblemsError``."""
    raw = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    col = _Collector(source, raw.get("doc_id"))
    col.keys("document", raw, DOC_KEYS)
    if raw.get("doc_id") != source.stem:
        col.add("doc_id", f"doc_id {raw.get('doc_id')!r} does not match the file name {source.stem!r}")
    raw_entities: dict[str, dict] = raw.get("entities") or {}
    entities = []
    for entity_id, body in raw_entities.items():
        item = f"entities.{entity_id}"
        col.keys(item, body, ENTITY_KEYS)
        mentions = _mentions(col, f"{item}.mentions", text, body.get("mentions") or [])
        entity = _build(
            col, item, Entity, id=str(entity_id), type=body.get("type"), kb=body.get("kb"), mentions=mentions
        )
        if entity is not None:
            entities.append(entity)
    ids = set(map(str, raw_entities))
    seen_events: set[str] = set()
    events = []
    for i, body in enumerate(raw.get("events") or []):
        event = _event(col, f"events[{i}]", text, body, ids)
        if event is not None:
            if event.id in seen_events:
                col.add(f"events[{i}].id", f"duplicate event id {event.id!r}")
            seen_events.add(event.id)
            events.append(event)
    totals = [
        _count(col, f"totals[{j}]", text, c, ids, f"totals.c{j + 1}") for j, c in enumerate(raw.get("totals") or [])
    ]
    if col.problems:
        raise ProblemsError(col.problems)
    return Document(
        doc_id=source.stem, text=text, entities=entities, events=events, totals=[c for c in totals if c is not None]
    )


def compile_kb(source: Path) -> list[KBEntry]:
    raw = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    col = _Collector(source, None)
    entries = []
    for kb_id, body in sorted(raw.items()):
        entry = _build(col, f"kb.{kb_id}", KBEntry, id=str(kb_id), **(body or {}))
        if entry is not None:
            entries.append(entry)
    if col.problems:
        raise ProblemsError(col.problems)
    return entries


def to_jsonl(records: Iterable[Any]) -> str:
    """The canonical serialisation: one JSON object per line, keys in model order, UTF-8."""
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in records)


def compile_all(sources_dir: Path, seeds_dir: Path) -> tuple[str, str]:
    """Compile every source; return the split and KB file contents. Raises ``ProblemsError``."""
    problems: list[Problem] = []
    documents: list[Document] = []
    for source in sorted(sources_dir.glob("*.yaml")):
        if source.name == "kb.yaml":
            continue
        seed = seeds_dir / f"{source.stem}.txt"
        if not seed.exists():
            problems.append(Problem(source, source.stem, "doc_id", f"no seed article {seed}"))
            continue
        try:
            documents.append(compile_document(source, seed.read_bytes().decode("utf-8")))
        except ProblemsError as err:
            problems.extend(err.problems)
    try:
        kb = compile_kb(sources_dir / "kb.yaml")
    except ProblemsError as err:
        problems.extend(err.problems)
        kb = []
    if problems:
        raise ProblemsError(problems)
    return to_jsonl(documents), to_jsonl(kb)
