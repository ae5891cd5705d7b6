"""Consistency checks over seeds, gold split and knowledge base (``bench data validate``).

Each check returns ``Problem`` records; nothing raises. The checks:
- seeds: every file listed in ``seeds/SHA256SUMS`` exists with that hash, and no other
  ``.txt`` file is present;
- knowledge base: well-formed, parents resolve to LOCATION ids, no parent cycles;
- gold split: well-formed (typed model), one line per document, the text equals the seed
  article byte for byte, every span's text equals ``text[start:end]``, ids are unique,
  every entity reference resolves with the right type, every ``kb`` id resolves with the
  entity's type, and no two mentions (entity or count) overlap (unless the document says
  it has no span layer, as a converted MUC-4 message, whose mentions are the key's
  overlapping strings); the mentions of MUC-4 role fillers are the text at their offsets,
  their entities are actors of their event, and a TST4 message's original-case text is
  its text in mixed case;
- sources: the committed compiled files equal a fresh compile of ``annotations/src``;
- a converted split (MUC-4): its files and its KB equal a fresh conversion of the archive.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path

from bench.data.model import Document, KBEntry, MucTemplate, Span
from bench.data.problems import Problem, ProblemsError

ACTOR_TYPES = ("PERSON", "GROUP")
MUC4_ROLES = ("perp_individuals", "perp_organizations", "targets", "victims", "victim_descriptions", "weapons")


def check_seeds(seeds_dir: Path, manifest: Path) -> list[Problem]:
    if not manifest.exists():
        return [Problem(manifest, None, "manifest", "missing")]
    problems, listed = [], set()
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        listed.add(name)
        path = seeds_dir / name
        if not path.exists():
            problems.append(Problem(manifest, Path(name).stem, "file", f"listed seed {name} is missing", line=number))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(
                Problem(
                    path,
                    Path(name).stem,
                    "sha256",
                    f"seed file changed: sha256 differs from {manifest.name} line {number}",
                )
            )
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.name not in listed:
            problems.append(Problem(path, path.stem, "file", f"seed not listed in {manifest.name}"))
    return problems


def check_kb(kb: Mapping[str, KBEntry], kb_path: Path) -> list[Problem]:
    problems = []
    for entry in kb.values():
        if entry.parent is None:
            continue
        parent = kb.get(entry.parent)
        if parent is None:
            problems.append(Problem(kb_path, None, f"kb.{entry.id}.parent", f"unknown kb id {entry.parent!r}"))
        elif entry.type != "LOCATION" or parent.type != "LOCATION":
            problems.append(
                Problem(kb_path, None, f"kb.{entry.id}.parent", "only places have parents, and parents are places")
            )
        seen, node = {entry.id}, parent
        while node is not None and node.parent is not None:
            if node.parent in seen:
                problems.append(Problem(kb_path, None, f"kb.{entry.id}.parent", f"cycle through {node.parent!r}"))
                break
            seen.add(node.parent)
            node = kb.get(node.parent)
    return problems


def _spans(doc: Document) -> Iterator[tuple[str, Span]]:
    for entity in doc.entities:
        for i, span in enumerate(entity.mentions):
            yield f"entities[{entity.id}].mentions[{i}]", span
    for event in doc.events:
        if event.trigger:
            yield f"events[{event.id}].trigger", event.trigger
        for count in event.counts:
            yield f"events[{event.id}].counts[{count.id}].mention", count.mention
        for claim in event.claims:
            for role in ("via", "cue"):
                span = getattr(claim, role)
                if span is not None:
                    yield f"events[{event.id}].claims[{claim.id}].{role}", span
        if event.muc4 is not None:
            yield from _filler_spans(f"events[{event.id}].muc4", event.muc4)
    if doc.muc4 is not None:
        for template in doc.muc4.threatened:
            yield from _filler_spans(f"muc4.threatened[{template.template}]", template)
    for count in doc.totals:
        yield f"totals[{count.id}].mention", count.mention


def _filler_spans(where: str, template: MucTemplate) -> Iterator[tuple[str, Span]]:
    for role in MUC4_ROLES:
        for i, filler in enumerate(getattr(template, role)):
            for j, span in enumerate(filler.mentions):
                yield f"{where}.{role}[{i}].mentions[{j}]", span


def _tagged_spans(doc: Document) -> list[tuple[Span, str]]:
    """The spans of the span layer: entity mentions and count mentions."""
    tagged = [(m, f"entities[{e.id}]") for e in doc.entities for m in e.mentions]
    tagged += [(c.mention, f"events[{ev.id}].counts[{c.id}]") for ev in doc.events for c in ev.counts]
    tagged += [(c.mention, f"totals[{c.id}]") for c in doc.totals]
    return sorted(tagged, key=lambda t: (t[0].start, t[0].end))


def check_document(
    doc: Document, kb: Mapping[str, KBEntry], path: Path, line: int | None = None, seed_text: str | None = None
) -> list[Problem]:
    problems: list[Problem] = []

    def add(item: str, message: str) -> None:
        problems.append(Problem(path, doc.doc_id, item, message, line=line))

    if seed_text is not None and doc.text != seed_text:
        add("text", "differs from the seed article")
    for item, span in _spans(doc):
        if span.end > len(doc.text):
            add(item, f"span {span.start}-{span.end} ends past the text ({len(doc.text)} characters)")
        elif doc.text[span.start : span.end] != span.text:
            add(
                item, f"offsets {span.start}-{span.end} point at {doc.text[span.start : span.end]!r}, not {span.text!r}"
            )
    if doc.span_layer:  # a converted corpus (span_layer false) has overlapping key strings as mentions
        tagged = _tagged_spans(doc)
        for (a, where_a), (b, where_b) in itertools.pairwise(tagged):
            if b.start < a.end:
                add(
                    where_b, f"mention {b.text!r} ({b.start}-{b.end}) overlaps {where_a} {a.text!r} ({a.start}-{a.end})"
                )
    if doc.muc4 is not None and doc.muc4.mixed_case_text is not None and doc.muc4.mixed_case_text.upper() != doc.text:
        add("muc4.mixed_case_text", "is not the text in its original case (its upper case differs from the text)")
    types = {}
    for entity in doc.entities:
        if entity.id in types:
            add(f"entities[{entity.id}]", "duplicate entity id")
        types[entity.id] = entity.type
        if entity.kb is not None:
            entry = kb.get(entity.kb)
            if entry is None:
                add(f"entities[{entity.id}].kb", f"unknown kb id {entity.kb!r}")
            elif entry.type != entity.type:
                add(f"entities[{entity.id}].kb", f"kb id {entity.kb!r} is a {entry.type}, the entity a {entity.type}")

    def ref(item: str, entity_id: str | None, allowed: tuple[str, ...]) -> None:
        if entity_id is None:
            return
        if entity_id not in types:
            add(item, f"unknown entity {entity_id!r}")
        elif types[entity_id] not in allowed:
            add(item, f"entity {entity_id!r} is a {types[entity_id]}, expected {' or '.join(allowed)}")

    ids: set[str] = set()
    for event in doc.events:
        for ident in [event.id, *(c.id for c in event.counts), *(k.id for k in event.claims)]:
            if ident in ids:
                add(f"events[{event.id}]", f"duplicate id {ident!r}")
            ids.add(ident)
        for i, actor in enumerate(event.actors):
            ref(f"events[{event.id}].actors[{i}]", actor, ACTOR_TYPES)
        for i, location in enumerate(event.locations):
            ref(f"events[{event.id}].locations[{i}]", location, ("LOCATION",))
        for count in event.counts:
            ref(f"events[{event.id}].counts[{count.id}].source", count.source, ACTOR_TYPES)
        for claim in event.claims:
            ref(f"events[{event.id}].claims[{claim.id}].actor", claim.actor, ACTOR_TYPES)
            ref(f"events[{event.id}].claims[{claim.id}].source", claim.source, ACTOR_TYPES)
        if event.muc4 is not None:
            for role in ("perp_individuals", "perp_organizations"):
                for i, filler in enumerate(getattr(event.muc4, role)):
                    ref(f"events[{event.id}].muc4.{role}[{i}].entity", filler.entity, ACTOR_TYPES)
                    if filler.entity is not None and filler.entity not in event.actors:
                        add(
                            f"events[{event.id}].muc4.{role}[{i}].entity",
                            f"{filler.entity!r} is not an actor of the event",
                        )
    for count in doc.totals:
        if count.id in ids:
            add(f"totals[{count.id}]", f"duplicate id {count.id!r}")
        ids.add(count.id)
        ref(f"totals[{count.id}].source", count.source, ACTOR_TYPES)
    return problems


def check_split(split_path: Path, kb: dict[str, KBEntry], seeds_dir: Path | None) -> list[Problem]:
    from bench.data.load import load_split, read_jsonl_records

    try:
        load_split(split_path)
        records = read_jsonl_records(split_path, Document, "doc_id")
    except ProblemsError as err:
        return err.problems
    problems = []
    if seeds_dir is not None:
        present = {doc.doc_id for _, doc in records}
        for seed in sorted(seeds_dir.glob("*.txt")):
            if seed.stem not in present:
                problems.append(
                    Problem(split_path, seed.stem, "doc_id", f"seed article {seed.name} has no gold document")
                )
    for line, doc in records:
        seed_text = None
        if seeds_dir is not None:
            seed = seeds_dir / f"{doc.doc_id}.txt"
            if not seed.exists():
                problems.append(Problem(split_path, doc.doc_id, "doc_id", f"no seed article {seed.name}", line=line))
            else:
                seed_text = seed.read_bytes().decode("utf-8")
        problems.extend(check_document(doc, kb, split_path, line, seed_text))
    return problems


def check_compiled(sources_dir: Path, seeds_dir: Path, split_path: Path, kb_path: Path) -> list[Problem]:
    from bench.data.compile import compile_all

    try:
        split, kb = compile_all(sources_dir, seeds_dir)
    except ProblemsError as err:
        return err.problems
    problems = []
    for path, fresh in ((split_path, split), (kb_path, kb)):
        if not path.exists() or path.read_text(encoding="utf-8") != fresh:
            problems.append(
                Problem(
                    path,
                    None,
                    "file",
                    f"stale: differs from a fresh compile of {sources_dir}; run 'bench data compile'",
                )
            )
    return problems


def check_converted(archive: Path, part: str, split_path: Path, kb_path: Path) -> list[Problem]:
    """The committed files of a converted split (and its KB) equal a fresh conversion."""
    from bench.data.muc4.build import ConversionError, convert, to_jsonl

    try:
        conversion = convert(archive, splits=(part,))
    except ConversionError as err:
        return [Problem(archive, None, "archive", str(err))]
    problems = []
    for path, fresh in ((split_path, to_jsonl(conversion.splits[part])), (kb_path, to_jsonl(conversion.kb))):
        if not Path(path).exists() or Path(path).read_text(encoding="utf-8") != fresh:
            problems.append(
                Problem(
                    path,
                    None,
                    "file",
                    f"stale: differs from a fresh conversion of {archive}; run 'bench data convert-muc4'",
                )
            )
    return problems


def _is_builtin(split_path: Path, kb_path: Path) -> bool:
    from bench import paths

    return (
        Path(split_path).resolve() == paths.GOLD_SPLIT.resolve() and Path(kb_path).resolve() == paths.GOLD_KB.resolve()
    )


def validate_all(
    *,
    seeds_dir: Path | None,
    manifest: Path,
    split_path: Path,
    kb_path: Path,
    sources_dir: Path | None,
    converted: tuple[Path, str] | None = None,
) -> list[Problem]:
    """Every check, in order; an empty list means seeds, gold and knowledge base are consistent.

    ``converted`` is ``(archive, part)`` for a split converted from a raw corpus: its files
    must then equal a fresh conversion.
    """
    from bench.data.load import load_kb

    problems = check_seeds(seeds_dir, manifest) if seeds_dir is not None else []
    try:
        kb = load_kb(kb_path)
    except ProblemsError as err:
        return problems + err.problems
    problems += check_kb(kb, kb_path)
    problems += check_split(split_path, kb, seeds_dir)
    if sources_dir is not None and seeds_dir is not None and sources_dir.exists() and _is_builtin(split_path, kb_path):
        problems += check_compiled(sources_dir, seeds_dir, split_path, kb_path)
    if converted is not None:
        problems += check_converted(converted[0], converted[1], split_path, kb_path)
    return problems
