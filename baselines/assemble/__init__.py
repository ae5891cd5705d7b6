"""Event assembly shared by the baselines: typed spans in, events in the prediction format out.

``assemble(text, mentions)`` takes the span layer of a document (PERSON, GROUP, LOCATION and
COUNT mentions, from rules or from a tagger) and builds the events of SPEC section 2: each
count gets a category, victims and a source, each claim its kind, actor and source, and
sentences are grouped into incidents (``baselines.assemble.events``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from baselines.assemble.attribution import Context, count_source, find_claims, open_blocks, reporting_cues
from baselines.assemble.counts import categorize
from baselines.assemble.entities import Entity, cluster
from baselines.assemble.events import (
    Draft,
    Segmenter,
    facility_words,
    is_event_place,
    is_generic,
    sentence_date,
    sentence_type,
    story_date,
)
from baselines.numbers import count_text
from baselines.spans import Mention
from baselines.text import Sentence, dateline_date, dateline_end, sentences

__all__ = ["assemble"]

_PRISONER_ACTS = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:riot\w*|revolt\w*|mutin\w*|started|seized|attacked|fought|took over|escaped|tried to escape|attempted|broke)\b",
    re.I,
)


# (text, sentence start, sentence end, start, end) -> (category, victims class) or None: ``categorize``'s shape
Categorize = Callable[[str, int, int, int, int], "tuple[str, str | None] | None"]


def _counts(
    ctx: Context, sent: Sentence, found: list[Mention], cues: list, decide: Categorize = categorize
) -> list[tuple[Mention, dict]]:
    out, previous_class = [], None
    for mention in found:
        surface = count_text(ctx.text, mention.start, mention.end)
        if surface is None:
            continue
        start = ctx.text.index(surface, mention.start)
        decided = decide(ctx.text, sent.start, sent.end, start, start + len(surface))
        if decided is None:
            continue
        category, people = decided
        record: dict[str, Any] = {"category": category}
        if category in ("killed", "wounded"):
            record["victims"] = people or previous_class or "mixed"
        previous_class = people or previous_class
        record["value"] = surface
        source = count_source(ctx, sent, cues, start)
        record["source"] = source.name if source else None
        out.append((Mention(start, start + len(surface), "COUNT"), record))
    return out


def _actors(ctx: Context, sent: Sentence, counts: list[Mention], stype: str | None) -> list[Entity]:
    actors: list[Entity] = []
    for m in ctx.within(sent.start, sent.end, ("GROUP",)):
        entity = ctx.entity[m]
        after_number = any(0 <= m.start - c.end <= 2 for c in counts)
        if entity.kind == "armed" and not after_number:
            actors.append(entity)
        elif (
            entity.kind == "prisoners"
            and stype == "prison_break"
            and not after_number
            and _PRISONER_ACTS.match(ctx.text, m.end)
        ):
            actors.append(entity)
    return actors


def _render(event: Draft) -> dict[str, Any]:
    return {
        "type": event.type,
        "actors": list(dict.fromkeys(e.name for e in event.actors)),
        "locations": list(dict.fromkeys(e.name for e in event.locations)),
        "counts": event.counts,
        "claims": event.claims,
    }


def assemble(
    text: str, mentions: Sequence[Mention], categorize_count: Categorize | None = None
) -> tuple[list[dict[str, Any]], list[Mention]]:
    """Events of ``text`` given its typed spans, and the COUNT spans the events used.

    ``categorize_count`` replaces the rule that gives a number its category and victims
    (``baselines.assemble.counts.categorize``; same arguments, same result)."""
    cut = dateline_end(text)  # a dateline places nothing: the story starts after it
    sents = [s if s.start >= cut else replace(s, start=cut) for s in sentences(text) if s.end > cut]
    named = sorted(m for m in mentions if m.type != "COUNT")
    numbers = sorted(m for m in mentions if m.type == "COUNT")
    ctx = Context(text, named, cluster(text, named))
    open_blocks(ctx, sents)
    segmenter = Segmenter(story=story_date(dateline_date(text)))
    used: list[Mention] = []
    for sent in sents:
        cues = reporting_cues(ctx, sent)
        claims = find_claims(ctx, sent, cues)
        sentence = text[sent.start : sent.end]
        if is_generic(sentence):
            continue
        found = [m for m in numbers if sent.start <= m.start < sent.end]
        counts = _counts(ctx, sent, found, cues, categorize_count or categorize)
        stype = sentence_type(sentence, {record["category"] for _, record in counts})
        if stype is None and not claims:
            continue
        places = [
            ctx.entity[m]
            for m in ctx.within(sent.start, sent.end, ("LOCATION",))
            if is_event_place(text, m.start, m.end, ctx.entity[m].kind)
        ]
        event = segmenter.assign(stype, sentence_date(sentence), places, sent.block, facility_words(sentence))
        if event is None:
            continue
        event.add(event.locations, places)
        event.add(event.actors, _actors(ctx, sent, [m for m, _ in counts], stype))
        event.add(event.actors, [c.actor for c in claims if c.kind == "responsibility"])
        event.counts.extend(record for _, record in counts)
        event.claims.extend(
            {"kind": c.kind, "actor": c.actor.name, "source": c.source.name if c.source else None} for c in claims
        )
        used.extend(m for m, _ in counts)
    events = [_render(e) for e in segmenter.events if e.actors or e.locations or e.counts or e.claims]
    return events, used
