"""Knowledge-base link warnings (``bench data validate``; errors with ``--strict``).

A KB link is what lets a system's "Al Khalis prison" match an entity the text only calls
"the prison": an entity a KB name denotes must carry that id. Three warnings:

- *unlinked*: an entity without ``kb``, one of whose mentions equals (after the v1 string
  normalisation) the name or an alias of a KB id of the same type;
- *other name*: an entity linked to X, one of whose mentions equals a name of another id Y
  of the same type and no name of X or of X's parent places - the kb follows the name the
  text uses, so the mention belongs to an entity of Y (guidelines, "Knowledge base");
- *unused*: a KB id that no entity of the split links to and that is no used id's parent.

>>> from bench.data.model import Document, Entity, KBEntry, Span
>>> kb = {"tikrit": KBEntry(id="tikrit", type="LOCATION", name="Tikrit")}
>>> doc = Document(doc_id="d", text="Tikrit", entities=[
...     Entity(id="t", type="LOCATION", mentions=[Span(start=0, end=6, text="Tikrit")])])
>>> [p.message for p in kb_link_warnings([doc], kb, "gold.jsonl")]
["mention 'Tikrit' is a name of kb id 'tikrit', but the entity has no kb"]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from bench.data.model import Document, KBEntry
from bench.data.problems import Problem
from bench.normalize.text import normalize_text


def _names(kb: Mapping[str, KBEntry]) -> dict[tuple[str, str], set[str]]:
    """``(type, normalised name) -> kb ids`` for every KB name and alias."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in kb.values():
        for name in (entry.name, *entry.aliases):
            normal = normalize_text(name)
            if normal:
                index[(entry.type, normal)].add(entry.id)
    return index


def kb_link_warnings(
    docs: Sequence[Document], kb: Mapping[str, KBEntry], file: Path | str, *, unused: bool = True
) -> list[Problem]:
    """Unlinked entities, mentions that name another id, and (``unused``) unused KB ids (see
    the module doc). A gazetteer shared by several splits passes ``unused=False``."""
    index = _names(kb)
    warnings: list[Problem] = []
    used: set[str] = set()
    for doc in docs:
        for entity in doc.entities:
            if entity.kb:
                used.add(entity.kb)
            for mention in entity.mentions:
                ids = index.get((entity.type, normalize_text(mention.text)), set())
                where = f"entities[{entity.id}]"
                if entity.kb is None and ids:
                    warnings.append(
                        Problem(
                            file,
                            doc.doc_id,
                            where,
                            f"mention {mention.text!r} is a name of kb id {_one(ids)}, but the entity has no kb",
                        )
                    )
                elif entity.kb is not None and ids and not ids & _lineage(kb, entity.kb):
                    warnings.append(
                        Problem(
                            file,
                            doc.doc_id,
                            where,
                            f"mention {mention.text!r} is a name of kb id {_one(ids)}, not of the entity's {entity.kb!r}",
                        )
                    )
    if not unused:
        return warnings
    needed = set().union(*(_lineage(kb, kb_id) for kb_id in used)) if used else set()
    for kb_id in sorted(set(kb) - needed):
        warnings.append(Problem(file, None, f"kb.{kb_id}", "unused kb id: no entity links to it or to a child of it"))
    return warnings


def _lineage(kb: Mapping[str, KBEntry], kb_id: str) -> set[str]:
    """``kb_id`` and its ancestors: a facility may be called by its town's name ("the Taji ... prisons")."""
    found = {kb_id}
    node = kb.get(kb_id)
    while node is not None and node.parent is not None and node.parent not in found:
        found.add(node.parent)
        node = kb.get(node.parent)
    return found


def _one(ids: set[str]) -> str:
    return " or ".join(repr(i) for i in sorted(ids))
