"""CEAF-REE: the document-level role-filler metric of the MUC-4 literature (GRIT, GTT, IterX).

As GRIT's ``eval.py`` defines it (Du et al., 2021):

- every string is normalised (lower case, ASCII punctuation deleted, the articles *a*, *an*,
  *the* dropped, whitespace collapsed: ``grit_normalize``);
- per document and per role, gold entities (each the set of its alternative strings) and
  predicted entities (each the set of the strings a system gives for one filler) are matched
  one-to-one by ``scipy.optimize.linear_sum_assignment``, maximising the summed similarity;
- the similarity (``phi_strict``) is 1 when every string of the predicted entity is one of
  the gold entity's strings, else 0;
- precision = matched / predicted entities, recall = matched / gold entities, summed over
  documents per role; the micro average sums over roles. F1 is 0 when P + R is 0.

Documents are scored as a whole: the fillers of all templates of a document are pooled
per role (templates are not aligned). Differences from GRIT's script, none of which
changes a score it computes: a predicted entity with no non-empty string is dropped (GRIT
would count it as matching anything), duplicate strings within an entity count once, and
a document with no prediction scores as one with empty predictions.

The five MUC-4 roles are ``PerpInd``, ``PerpOrg``, ``Target``, ``Victim``, ``Weapon``
(``muc4_role_entities`` reads them from converted gold); BREAKOUT's own roles are
``actor`` (PerpInd and PerpOrg together) and ``location`` (``breakout_role_entities``,
``prediction_role_entities``). ``bench eval`` reports CEAF-REE over BREAKOUT's roles on every
split as a diagnostic (``ceaf_ree``): each document's matched / predicted / gold entities per
role are statistics columns (``ceaf.actor``, ``ceaf.location``, ``ceaf`` micro), so the
diagnostic has bootstrap intervals like every score (``document_stats``).

>>> gold = {"d1": {"PerpOrg": [["FMLN", "Farabundo Marti National Liberation Front"]]}}
>>> ceaf_ree(gold, {"d1": {"PerpOrg": [["the FMLN"]]}}).micro.f1
1.0
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bench.data.model import Document, KBEntry, MucTemplate
from bench.normalize import normalize_text
from bench.predictions.model import PredDocument
from bench.score.assign import best_pairs

MUC4_ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
BREAKOUT_ROLES: tuple[str, ...] = ("actor", "location")
_TEMPLATE_ROLES = {
    "PerpInd": "perp_individuals",
    "PerpOrg": "perp_organizations",
    "Target": "targets",
    "Victim": "victims",
    "Weapon": "weapons",
}
_PUNCTUATION = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")

Entities = Sequence[Sequence[str]]
RoleEntities = Mapping[str, Entities]


def grit_normalize(text: str) -> str:
    """GRIT's normalisation: lower case, punctuation deleted, articles dropped, spaces collapsed.

    >>> grit_normalize("The F.M.L.N.'s  men")
    'fmlns men'
    """
    return " ".join(_ARTICLES.sub(" ", text.lower().translate(_PUNCTUATION)).split())


def phi_strict(gold: frozenset[str], pred: frozenset[str]) -> float:
    """1 when every predicted string is one of the gold entity's strings."""
    return 1.0 if pred <= gold else 0.0


@dataclass(frozen=True)
class PRF:
    """Sufficient statistics of one role (or the micro average) and the scores from them."""

    matched: float = 0.0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold)

    def to_json(self) -> dict[str, float]:
        return {
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class CeafResult:
    roles: dict[str, PRF]
    micro: PRF
    per_document: dict[str, dict[str, PRF]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"roles": {r: s.to_json() for r, s in self.roles.items()}, "micro": self.micro.to_json()}


def _clusters(entities: Entities, normalize: Callable[[str], str]) -> list[frozenset[str]]:
    clusters = []
    for entity in entities:
        strings = frozenset(s for s in (normalize(m) for m in entity) if s)
        if strings:
            clusters.append(strings)
    return clusters


def match_role(gold: Entities, pred: Entities, normalize: Callable[[str], str] = grit_normalize) -> PRF:
    """One document, one role: the optimal one-to-one matching of predicted to gold entities."""
    gold_c, pred_c = _clusters(gold, normalize), _clusters(pred, normalize)
    if not gold_c or not pred_c:
        return PRF(0.0, len(pred_c), len(gold_c))
    scores = np.array([[phi_strict(g, p) for p in pred_c] for g in gold_c])
    pairs = best_pairs(scores)  # scipy only when the matching is not forced
    return PRF(float(sum(scores[i, j] for i, j in pairs)), len(pred_c), len(gold_c))


def ceaf_ree(
    gold: Mapping[str, RoleEntities],
    pred: Mapping[str, RoleEntities],
    *,
    roles: Sequence[str] | None = None,
    normalize: Callable[[str], str] = grit_normalize,
) -> CeafResult:
    """CEAF-REE of predictions against gold, both ``{doc_id: {role: [[string, ...], ...]}}``.

    ``roles`` defaults to every role the gold names. A predicted document the gold lacks is
    an error (``ValueError``); a gold document with no prediction has empty predictions.
    """
    unknown = sorted(set(pred) - set(gold))
    if unknown:
        raise ValueError(f"predictions for documents the gold lacks: {', '.join(unknown[:5])}")
    chosen = list(roles) if roles is not None else sorted({r for doc in gold.values() for r in doc})
    totals = dict.fromkeys(chosen, PRF())
    per_document = {}
    for doc_id in sorted(gold):
        found = {
            role: match_role(gold[doc_id].get(role, ()), pred.get(doc_id, {}).get(role, ()), normalize)
            for role in chosen
        }
        per_document[doc_id] = found
        for role, stats in found.items():
            totals[role] = totals[role] + stats
    micro = sum(totals.values(), PRF())
    return CeafResult(totals, micro, per_document)


# -- gold and predictions as role entities ----------------------------------------------------


def _templates(doc: Document, threatened: bool) -> list[MucTemplate]:
    found = [ev.muc4 for ev in doc.events if ev.muc4 is not None]
    if threatened and doc.muc4 is not None:
        found += doc.muc4.threatened
    return sorted(found, key=lambda t: t.template)


def muc4_role_entities(doc: Document, *, threatened: bool = True) -> dict[str, list[list[str]]]:
    """The five MUC-4 roles of a converted document, as GRIT's preprocessing builds them.

    Every filler of every template (with ``threatened``, also those of threatened
    incidents, as GRIT has them), ``?`` fillers included. A filler whose strings (lower
    case) are a subset or a superset of an entity already listed for the role is that
    entity (the first one is kept); then only the strings found in the text are kept, and
    an entity with none is dropped. Victim is HUM TGT: NAME, as in GRIT.
    """
    result: dict[str, list[list[str]]] = {}
    for role, attribute in _TEMPLATE_ROLES.items():
        listed: list[tuple[set[str], list[str]]] = []
        for template in _templates(doc, threatened):
            for filler in getattr(template, attribute):
                lowered = {s.lower() for s in filler.strings}
                if any(lowered <= seen or seen <= lowered for seen, _ in listed):
                    continue
                located = {normalize_text(m.text) for m in filler.mentions}
                listed.append((lowered, [s for s in filler.strings if normalize_text(s) in located]))
        result[role] = [strings for _, strings in listed if strings]
    return result


def _entity_strings(doc: Document, entity_id: str, kb: Mapping[str, KBEntry] | None) -> list[str]:
    entity = doc.entity(entity_id)
    strings = [m.text for m in entity.mentions] + list(entity.aliases)
    if kb is not None and entity.kb is not None and entity.kb in kb:
        strings += [kb[entity.kb].name, *kb[entity.kb].aliases]
    return list(dict.fromkeys(strings))


def breakout_role_entities(doc: Document, kb: Mapping[str, KBEntry] | None = None) -> dict[str, list[list[str]]]:
    """BREAKOUT's roles of a gold document: every actor and every location entity of its
    events once, with its mentions and aliases (and KB names with ``kb``) as strings. As in
    GRIT's preprocessing only fillers found in the text count: an entity with no mention (a
    place a converted key only infers, named by the KB) is left out; entities with the same
    normalised strings (two places both called "San Salvador") are one gold entity, since no
    string can tell them apart."""
    result: dict[str, list[list[str]]] = {}
    for role, attribute in (("actor", "actors"), ("location", "locations")):
        ids = dict.fromkeys(i for ev in doc.events for i in getattr(ev, attribute) if doc.entity(i).mentions)
        unique: dict[frozenset[str], list[str]] = {}
        for strings in (_entity_strings(doc, i, kb) for i in ids):
            key = frozenset(n for n in map(grit_normalize, strings) if n)
            if key:
                unique.setdefault(key, strings)
        result[role] = list(unique.values())
    return result


def _text(value: Any) -> str:
    return value.get("text", "") if isinstance(value, dict) else str(value)


def prediction_role_entities(record: Mapping[str, Any]) -> dict[str, list[list[str]]]:
    """A predictions-format record as BREAKOUT roles: each distinct actor or location string
    of its events (distinct after ``grit_normalize``) one predicted entity."""
    result: dict[str, list[list[str]]] = {}
    for role, attribute in (("actor", "actors"), ("location", "locations")):
        seen: dict[str, str] = {}
        for event in record.get("events", ()):
            for value in event.get(attribute, ()):
                text = _text(value)
                seen.setdefault(grit_normalize(text), text)
        result[role] = [[text] for norm, text in seen.items() if norm]
    return result


def breakout_ceaf(
    docs: Iterable[Document], records: Iterable[Mapping[str, Any]], kb: Mapping[str, KBEntry] | None = None
) -> CeafResult:
    """CEAF-REE over BREAKOUT's roles (actor, location) of gold documents and prediction records."""
    gold = {doc.doc_id: breakout_role_entities(doc, kb) for doc in docs}
    pred = {str(r["doc_id"]): prediction_role_entities(r) for r in records}
    return ceaf_ree(gold, pred, roles=BREAKOUT_ROLES)


def pred_role_entities(pred: PredDocument) -> dict[str, list[list[str]]]:
    """``prediction_role_entities`` of a validated ``PredDocument``."""
    return prediction_role_entities(
        {"events": [{"actors": list(e.actors), "locations": list(e.locations)} for e in pred.events]}
    )


def document_stats(
    doc: Document, pred: PredDocument, kb: Mapping[str, KBEntry] | None = None
) -> dict[str, tuple[float, float, float]]:
    """One document's CEAF-REE statistics over BREAKOUT's roles: ``ceaf.<role>`` and the
    micro ``ceaf`` as (tp, fp, fn) = (matched, predicted - matched, gold - matched)."""
    gold, found = breakout_role_entities(doc, kb), pred_role_entities(pred)
    out: dict[str, tuple[float, float, float]] = {}
    micro = PRF()
    for role in BREAKOUT_ROLES:
        stats = match_role(gold.get(role, ()), found.get(role, ()))
        micro = micro + stats
        out[f"ceaf.{role}"] = (stats.matched, stats.predicted - stats.matched, stats.gold - stats.matched)
    out["ceaf"] = (micro.matched, micro.predicted - micro.matched, micro.gold - micro.matched)
    return out
