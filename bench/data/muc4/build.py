"""Convert the whole MUC-4 archive: the three splits and the places knowledge base.

Deterministic: the same archive gives byte-identical files (documents in corpus order,
keys in model order, no timestamps). ``bench data convert-muc4`` writes them to
``annotations/muc4/`` and ``bench data validate --split muc4/...`` compares the committed
files with a fresh conversion.

>>> from bench import paths
>>> conversion = convert(paths.MUC4_ARCHIVE, splits=("test",))   # doctest: +SKIP
>>> len(conversion.splits["test"])                                # doctest: +SKIP
200
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.data.model import Document, KBEntry
from bench.data.muc4.archive import PARTS, PLACE_FILES, SPLIT_PARTS, Archive, ArchiveError
from bench.data.muc4.convert import MessageConverter
from bench.data.muc4.keys import KeyFormatError, KeyTemplate, read_key_file
from bench.data.muc4.places import PlaceKB, parse_location
from bench.data.muc4.texts import split_messages

SPLITS: tuple[str, ...] = ("train", "dev", "test")


class ConversionError(Exception):
    """The archive cannot be converted (unreadable member, a key line or message that does not parse)."""


@dataclass
class Conversion:
    splits: dict[str, list[Document]]
    kb: list[KBEntry]
    places_from_keys: int


def _keys(archive: Archive, part: str) -> dict[str, list[KeyTemplate]]:
    by_message: dict[str, list[KeyTemplate]] = {}
    for name in PARTS[part].keys:
        try:
            templates = read_key_file(archive.text(name), name)
        except KeyFormatError as err:
            raise ConversionError(str(err)) from err
        for template in templates:
            by_message.setdefault(template.message_id, []).append(template)
    return by_message


def build_kb(archive: Archive, keys: dict[str, dict[str, list[KeyTemplate]]]) -> PlaceKB:
    """The places KB from the documentation, grown by every key's locations (all parts)."""
    kb = PlaceKB()
    kb.read_nations(archive.text(PLACE_FILES["nations"]))
    kb.read_containing(archive.text(PLACE_FILES["containing"]), multi=False)
    kb.read_containing(archive.text(PLACE_FILES["containing_multi"]), multi=True)
    kb.read_set_list(archive.text(PLACE_FILES["set_list"]))
    kb.read_synonyms(archive.text(PLACE_FILES["synonyms"]))
    for part in PARTS:
        for templates in keys[part].values():
            for template in templates:
                fill = template.joined("INCIDENT: LOCATION")
                if template.number is not None and fill:
                    for reading in parse_location(fill)[1]:
                        kb.resolve_path(reading, record=True)
    return kb


def _part_documents(archive: Archive, part: str, keys: dict[str, list[KeyTemplate]], kb: PlaceKB) -> list[Document]:
    spec = PARTS[part]
    messages = [m for name in spec.texts for m in split_messages(archive.text(name), name)]
    mixed = {}
    if spec.mixed_case is not None:
        mixed = {m.doc_id: m.text for m in split_messages(archive.text(spec.mixed_case), spec.mixed_case)}
    seen = set()
    documents = []
    for message in messages:
        if message.doc_id in seen:
            raise ConversionError(f"{message.file}:{message.line}: {message.doc_id}: message listed twice")
        seen.add(message.doc_id)
        if message.doc_id not in keys:
            raise ConversionError(f"{message.file}:{message.line}: {message.doc_id}: no answer key")
        original = mixed.get(message.doc_id)
        if spec.mixed_case is not None and (original is None or original.upper() != message.text):
            raise ConversionError(f"{spec.mixed_case}: {message.doc_id}: not the upper-case text's original")
        documents.append(MessageConverter(message, keys[message.doc_id], kb).convert(original))
    for doc_id in sorted(set(keys) - seen):
        raise ConversionError(f"{spec.keys[0]}: {doc_id}: answer key for a message the corpus lacks")
    return documents


def convert(archive_path: Path, splits: Sequence[str] = SPLITS) -> Conversion:
    """Convert ``splits`` of the archive (the KB always covers every part's keys)."""
    try:
        archive = Archive(archive_path)
        keys = {part: _keys(archive, part) for part in PARTS}
        kb = build_kb(archive, keys)
        converted = {
            split: [doc for part in SPLIT_PARTS[split] for doc in _part_documents(archive, part, keys[part], kb)]
            for split in splits
        }
    except ArchiveError as err:
        raise ConversionError(str(err)) from err
    return Conversion(converted, kb.kb_entries(), len(kb.from_keys))


def to_jsonl(records: Iterable[Any]) -> str:
    """Every field of every record (``context={"complete": True}``), one JSON object a line."""
    return "".join(
        json.dumps(r.model_dump(mode="json", context={"complete": True}), ensure_ascii=False) + "\n" for r in records
    )


def output_files(conversion: Conversion, folder: Path) -> dict[Path, str]:
    """The files a conversion writes: ``<split>.jsonl`` per converted split and ``kb.jsonl``."""
    files = {folder / f"{split}.jsonl": to_jsonl(docs) for split, docs in conversion.splits.items()}
    files[folder / "kb.jsonl"] = to_jsonl(conversion.kb)
    return files
