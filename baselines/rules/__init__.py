"""The rule-based baseline: lexicon and pattern span tagging, then the shared event assembly.

Options (``--option KEY=VALUE``): ``ner`` picks the proposer of names: ``caps`` (the default:
capitalised runs typed by their head, title, apposition or preposition) or ``spacy`` (the
pinned spaCy ``en_core_web_sm`` NER, ``baselines.spacy_ner``; needs ``pip install -e ".[ner]"``);
``ner_input`` says what spaCy reads in an all-capitals document: ``recased`` (the default: the
re-cased copy of ``baselines.truecase``, same offsets) or ``original`` (the capitals as they are).

>>> from bench.data.model import Document
>>> doc = Document(doc_id="d1", text="Police said 12 inmates escaped from the jail on Monday.")
>>> [e["counts"] for e in RuleExtractor().predict([doc])[0]["events"]]
[[{'category': 'escaped', 'value': '12', 'source': 'Police'}]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from baselines.assemble import assemble
from baselines.rules.tagger import tag
from baselines.spans import Mention
from baselines.truecase import is_all_caps, restore, truecase
from bench.data.model import Document
from bench.extractors.options import OptionError

__all__ = ["NER_INPUTS", "NER_PROPOSERS", "RuleExtractor"]

NER_PROPOSERS = ("caps", "spacy")
NER_INPUTS = ("recased", "original")


class RuleExtractor:
    """Deterministic, dependency-free baseline (name ``rules``); see ``baselines/README.md``."""

    name = "rules"
    needs_gold = False

    def __init__(self, ner: str = "caps", ner_input: str = "recased") -> None:
        if ner not in NER_PROPOSERS:
            raise OptionError(f"ner={ner!r}: unknown proposer; choose one of {', '.join(NER_PROPOSERS)}")
        if ner_input not in NER_INPUTS:
            raise OptionError(f"ner_input={ner_input!r}: unknown; choose one of {', '.join(NER_INPUTS)}")
        if ner_input != "recased" and ner != "spacy":
            raise OptionError(f"ner_input={ner_input!r} only applies to ner=spacy")
        self.ner, self.ner_input = ner, ner_input
        self.metadata: dict[str, Any] = {"name": self.name, "options": {"ner": ner}}
        self._propose: Callable[..., list[Mention]] | None = None
        if ner == "spacy":
            from baselines import spacy_ner

            self._propose = spacy_ner.proposer()
            self.metadata["options"]["ner_input"] = ner_input
            self.metadata["ner_model"] = {"name": spacy_ner.NAME, "files_sha256": "pinned (baselines/spacy_ner.py)"}

    def _proposer(self, original: str, recased: str) -> Callable[[str], list[Mention]] | None:
        """The proposer for one document: spaCy reads ``original`` text when asked to."""
        propose = self._propose
        if propose is None or original == recased:
            return propose
        if self.ner_input == "recased":
            return lambda text: propose(text, recased=True)
        return lambda _text: propose(original)

    def predict_one(self, document: Document) -> dict[str, Any]:
        # All-capitals text (MUC-4 wire copy) is read re-cased (same offsets): the tagger and the
        # assembly rely on capital letters; the strings returned are the document's own.
        text = truecase(document.text) if is_all_caps(document.text) else document.text
        mentions = tag(text, self._proposer(document.text, text))
        events, used_counts = assemble(text, mentions)
        if text != document.text:
            events = restore(events, text, document.text)
        spans = sorted([m for m in mentions if m.type != "COUNT"] + used_counts)
        return {"doc_id": document.doc_id, "mentions": [m.as_json() for m in spans], "events": events}

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        return [self.predict_one(doc) for doc in documents]
