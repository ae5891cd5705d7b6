"""The null system: every document, no mentions, no events. It scores 0 recall everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.data.model import Document


class EmptyExtractor:
    name = "empty"
    needs_gold = False

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        return [{"doc_id": doc.doc_id, "mentions": [], "events": []} for doc in documents]
