"""Attribution by pattern: who reports a number, and who claims, accuses or denies.

- ``X said|told|reported ...``: X is the nearest person or group before the verb, skipping an
  apposition ("Jane Doe, a spokeswoman for the army, said"); "he said" resolves to the last
  person who reported something; "..., said the mayor" and "according to X" look after.
- ``X reports:`` on a line of its own makes X the source of the following lines.
- A number takes the nearest reporting cue before it in its sentence, else the first one
  after it, else the open block's source, else ``None`` (the article's own voice).
- ``X claimed responsibility`` is a responsibility claim by X; ``X blamed|accused Y`` an
  accusation of Y by X; ``Y is responsible|behind`` an accusation (or, when the reporting
  party is Y itself, a responsibility claim); ``X denied involvement`` a denial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baselines.assemble.entities import Entity
from baselines.lexicon import (
    ACCUSATION_CUE,
    BLOCK_HEADER,
    DENIAL_CUE,
    REPORTING_VERBS,
    RESPONSIBILITY_CUE,
    RESPONSIBLE_CUE,
)
from baselines.spans import Mention
from baselines.text import Sentence

_REPORT = re.compile(
    r"\baccording (?:to|with)\b|\b(?:" + "|".join(re.escape(v) for v in REPORTING_VERBS) + r")\b(?!\s+responsibility)",
    re.I,
)
_SHORT_GAP = re.compile(r"\s*,?\s*(?:[\w'’-]+\s+){0,3}", re.I)
_APPOSITION = re.compile(
    r"\s*,\s*(?:a|an|the|who|which|whose|its|his|her|near|reporting|based|one)\b[^,;:“”\"]{1,140},\s*(?:[\w'’-]+\s+){0,2}",
    re.I,
)
# A cited headline: “... 17 dead,” McClatchy Newspapers, 5/8/11
_CITATION = re.compile(r"[,.]?[”\"]\s*,?\s*")
_PRONOUN = re.compile(r"\b(he|she)\s+(?:\w+\s+)?$", re.I)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    subject: Entity | None


@dataclass(frozen=True)
class ClaimFound:
    kind: str
    actor: Entity
    source: Entity | None
    start: int


@dataclass
class Context:
    """A document's text, its non-COUNT mentions and their entities, plus reading state."""

    text: str
    mentions: list[Mention]
    entity: dict[Mention, Entity]
    block_sources: dict[int, Entity] = field(default_factory=dict)
    last_person: Entity | None = None

    def within(self, start: int, end: int, types: tuple[str, ...] = ("PERSON", "GROUP")) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end and m.type in types]


def _subject_before(
    ctx: Context, sent: Sentence, cue_start: int, types: tuple[str, ...] = ("PERSON", "GROUP")
) -> Entity | None:
    before = ctx.text[sent.start : cue_start]
    pronoun = _PRONOUN.search(before)
    if pronoun and not ctx.within(cue_start - len(pronoun.group()), cue_start, types):
        return ctx.last_person
    candidates = list(reversed(ctx.within(sent.start, cue_start, types)[-6:]))
    for m in candidates:
        if _APPOSITION.fullmatch(ctx.text[m.end : cue_start]):
            return ctx.entity[m]
    for m in candidates:
        if _SHORT_GAP.fullmatch(ctx.text[m.end : cue_start]):
            return ctx.entity[m]
    return None


def _subject_after(ctx: Context, start: int, end: int, words: int = 2) -> Entity | None:
    for m in ctx.within(start, end):
        gap = ctx.text[start : m.start]
        return ctx.entity[m] if re.fullmatch(rf"\s*(?:[\w'’-]+\s+){{0,{words}}}", gap) else None
    return None


def reporting_cues(ctx: Context, sent: Sentence) -> list[Cue]:
    """Reporting cues of a sentence with their subjects (updates the last reporting person)."""
    cues = []
    for match in _REPORT.finditer(ctx.text, sent.start, sent.end):
        if match.group().lower().startswith("according"):
            subject = _subject_after(ctx, match.end(), min(sent.end, match.end() + 60), 4)
        else:
            before = ctx.text[sent.start : match.start()]
            subject = _subject_before(ctx, sent, match.start())
            if subject is None and (re.search(r"[,”\"]\s*$", before) or not before.strip()):
                subject = _subject_after(ctx, match.end(), min(sent.end, match.end() + 40))
        if subject is not None and subject.type == "PERSON" and subject.kind == "person":
            ctx.last_person = subject
        cues.append(Cue(match.start(), match.end(), subject))
    if not cues:
        for match in _CITATION.finditer(ctx.text, sent.start, sent.end):
            cited = ctx.within(match.end(), min(sent.end, match.end() + 60), ("GROUP",))
            if cited and cited[0].start == match.end() and "“" in ctx.text[sent.start : match.start()]:
                cues.append(Cue(match.start(), match.end(), ctx.entity[cited[0]]))
    return cues


def open_blocks(ctx: Context, sents: list[Sentence], limit: int = 4) -> None:
    """Record "X reports:" headers: X is the source of up to ``limit`` following blocks."""
    for sent in sents:
        line = ctx.text[sent.start : sent.end]
        if BLOCK_HEADER.match(line):
            found = ctx.within(sent.start, sent.end)
            if found:
                for block in range(sent.block + 1, sent.block + 1 + limit):
                    ctx.block_sources[block] = ctx.entity[found[0]]


def count_source(ctx: Context, sent: Sentence, cues: list[Cue], start: int) -> Entity | None:
    """The innermost reporting party of the number starting at ``start``."""
    before = [c for c in cues if c.end <= start]
    after = [c for c in cues if c.start >= start]
    if before:
        return before[-1].subject
    if after:
        return after[0].subject
    return ctx.block_sources.get(sent.block)


def _armed_before(ctx: Context, sent: Sentence, start: int) -> Entity | None:
    armed = [ctx.entity[m] for m in ctx.within(sent.start, start, ("GROUP",)) if ctx.entity[m].kind == "armed"]
    return armed[-1] if armed else None


# A claim denied or only supposed before its cue: "no group has", "neither X nor Y have", "none
# of them has", "X has not yet", "it should have".
_NOT_CLAIMED = re.compile(
    r"\b(?:no|neither|nor|none|nobody|never|not yet|yet to|(?:has|have|had|did|does|do)(?:n['’]t| not)|"
    r"should|would|could|might|may|must)\b",
    re.I,
)


def find_claims(ctx: Context, sent: Sentence, cues: list[Cue]) -> list[ClaimFound]:
    """Responsibility claims, accusations and denials stated in one sentence."""
    text, found = ctx.text, []
    for match in RESPONSIBILITY_CUE.finditer(text, sent.start, sent.end):
        clause = re.split(r"[,;:]", text[max(sent.start, match.start() - 80) : match.start()])[-1]
        if _NOT_CLAIMED.search(clause):
            continue  # "no group has claimed responsibility", "it should have claimed it"
        actor = _subject_before(ctx, sent, match.start(), ("GROUP",)) or _armed_before(ctx, sent, match.start())
        if actor is None and re.match(r"\s+by\b", text[match.end() : match.end() + 5]):
            actor = _subject_after(ctx, match.end(), min(sent.end, match.end() + 40), 3)
        if actor is not None:
            found.append(ClaimFound("responsibility", actor, actor, match.start()))
    for match in ACCUSATION_CUE.finditer(text, sent.start, sent.end):
        groups = ctx.within(match.end(), min(sent.end, match.end() + 80), ("GROUP",))
        actor = ctx.entity[groups[0]] if groups else None
        if actor is not None:
            found.append(ClaimFound("accusation", actor, _subject_before(ctx, sent, match.start()), match.start()))
    for match in RESPONSIBLE_CUE.finditer(text, sent.start, sent.end):
        actor = _subject_before(ctx, sent, match.start(), ("GROUP",))
        if actor is None or actor.kind not in ("armed", "other"):
            continue
        reporters = [c.subject for c in cues if c.subject is not None]
        source = reporters[0] if reporters else ctx.block_sources.get(sent.block)
        kind = "responsibility" if source is actor else "accusation"
        found.append(ClaimFound(kind, actor, source, match.start()))
    for match in DENIAL_CUE.finditer(text, sent.start, sent.end):
        actor = _subject_before(ctx, sent, match.start(), ("GROUP",))
        if actor is not None:
            found.append(ClaimFound("denial", actor, actor, match.start()))
    return found
