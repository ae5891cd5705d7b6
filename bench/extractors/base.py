"""The extractor protocol: the one interface every system, baseline or user model, implements.

>>> class Nothing:
...     name = "nothing"
...     needs_gold = False
...     def predict(self, documents):
...         return [{"doc_id": d.doc_id, "mentions": [], "events": []} for d in documents]
>>> isinstance(Nothing(), Extractor)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from bench.data.model import Document


@runtime_checkable
class Extractor(Protocol):
    """A named system mapping documents to prediction records (SPEC section 2).

    ``predict`` receives documents with only ``doc_id`` and ``text`` filled in (see
    ``blind``) unless the class sets ``needs_gold = True`` (the oracle does), and returns
    one JSON-ready dict per document, in any order.
    """

    name: str

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]: ...


def blind(documents: Sequence[Document]) -> list[Document]:
    """Copies of ``documents`` without any annotation, so no extractor can peek at the gold."""
    return [Document(doc_id=d.doc_id, text=d.text) for d in documents]
