"""BIO labels for the span layer: gold mentions to token labels, token predictions to spans.

Tokens come from a fast tokenizer with offset mapping, so every label is tied to character
offsets of the original text. Long documents are cut into overlapping windows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from baselines.english import NAME_PARTICLES
from baselines.numbers import count_text
from baselines.spans import SPAN_TYPES, Mention, keep_flat, trim
from bench.data.model import Document

LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in SPAN_TYPES for p in ("B", "I")))
LABEL2ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}
IGNORE = -100


@dataclass(frozen=True)
class Window:
    """One model input: token ids, their character offsets (``None`` for special tokens)."""

    text_index: int
    input_ids: tuple[int, ...]
    offsets: tuple[tuple[int, int] | None, ...]
    labels: tuple[int, ...] | None = None


def gold_spans(document: Document) -> list[Mention]:
    """The span layer of a gold document: entity mentions typed by entity, counts as COUNT.

    A count whose mention holds no number (MUC-4 locates a count of one at the victim's
    name, "ARNULFO ROMERO") is not a COUNT span: the assembly could not read it.
    """
    text = document.text
    spans = [Mention(m.start, m.end, e.type) for e in document.entities for m in e.mentions]
    spans += [
        Mention(c.mention.start, c.mention.end, "COUNT")
        for ev in document.events
        for c in ev.counts
        if count_text(text, c.mention.start, c.mention.end) is not None
    ]
    return keep_flat(sorted(set(spans), key=lambda m: (m.start, m.start - m.end)))


def token_labels(offsets: Sequence[tuple[int, int] | None], spans: Sequence[Mention]) -> tuple[int, ...]:
    """B/I/O label ids for tokens at ``offsets`` given character ``spans`` (specials ignored)."""
    labels, previous = [], None
    ordered = sorted(spans)
    j = 0
    for offset in offsets:
        if offset is None or offset[0] == offset[1]:
            labels.append(IGNORE)
            continue
        start, end = offset
        while j < len(ordered) and ordered[j].end <= start:
            j += 1
        span = ordered[j] if j < len(ordered) and ordered[j].start < end else None
        if span is None:
            labels.append(LABEL2ID["O"])
            previous = None
            continue
        prefix = "I" if previous == span else "B"
        labels.append(LABEL2ID[f"{prefix}-{span.type}"])
        previous = span
    return tuple(labels)


def make_windows(
    tokenizer: Any, texts: Sequence[str], max_length: int, stride: int, spans: Sequence[Sequence[Mention]] | None = None
) -> list[Window]:
    """Tokenise ``texts`` into overlapping windows (labelled when ``spans`` is given)."""
    if not getattr(tokenizer, "is_fast", False):
        raise TypeError("a fast tokenizer (with offset mapping) is needed")
    encoded = tokenizer(
        list(texts),
        max_length=max_length,
        stride=stride,
        truncation=True,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )
    windows = []
    for i, ids in enumerate(encoded["input_ids"]):
        text_index = encoded["overflow_to_sample_mapping"][i]
        sequence_ids = encoded.sequence_ids(i)
        offsets = tuple(tuple(o) if s is not None else None for o, s in zip(encoded["offset_mapping"][i], sequence_ids))
        labels = token_labels(offsets, spans[text_index]) if spans is not None else None
        windows.append(Window(text_index, tuple(ids), offsets, labels))
    return windows


# Words that lead a name but are none on their own: determiners, titles, name particles
# ("the" + "security forces", "Mr" + "Smith", "La" + "Paz", "San" + "Vicente").
_LEADERS = (
    frozenset("the a an its their his her mr mr. mrs ms dr general gen. al abu prime minister".split()) | NAME_PARTICLES
)


def _joins(text: str, start: int) -> bool:
    """Whether a token starting at ``start`` right after the previous one continues its word:
    letters ("Gw|eiran"), an apostrophe or hyphen ("Iraq|’|s", "Kurdish|-|led"), digits
    around a comma or point ("3|,|000")."""
    left, right = text[start - 1], text[start]
    if left.isalnum() and right.isalnum():
        return True
    if left in "’'-" or right in "’'-":
        return True
    return (left in ",." and right.isdigit()) or (
        right in ",." and left.isdigit() and text[start + 1 : start + 2].isdigit()
    )


def words(text: str, offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Group tokens into words: (start, end, index of the first token)."""
    out: list[tuple[int, int, int]] = []
    for i, (start, end) in enumerate(offsets):
        if out and start == out[-1][1] and start > 0 and _joins(text, start):
            out[-1] = (out[-1][0], end, out[-1][2])
        else:
            out.append((start, end, i))
    return out


def decode(text: str, offsets: Sequence[tuple[int, int]], label_ids: Sequence[int]) -> list[Mention]:
    """Character spans from per-token labels, read per word (its first token's label). An
    ``I`` continues a span of its type; so does a ``B`` right after a span that is only a
    determiner, title or name particle ("the" + "security forces", "Mr" + "Smith", "La" +
    "Paz"). Spans that are only such a word are dropped ("LA" of "LA AURORA AIRPORT" when the
    rest is untagged)."""
    spans: list[Mention] = []
    current: Mention | None = None
    for start, end, first in words(text, offsets):
        label = LABELS[label_ids[first]]
        if label == "O":
            current = None
            continue
        prefix, kind = label.split("-", 1)
        leader = current is not None and text[current.start : current.end].lower() in _LEADERS
        if (
            current is not None
            and current.type == kind
            and (prefix == "I" or leader)
            and not text[current.end : start].strip()
        ):
            current = Mention(current.start, end, kind)
            spans[-1] = current
        else:
            current = Mention(start, end, kind)
            spans.append(current)
    trimmed = [
        t for t in (trim(text, s) for s in spans) if t is not None and text[t.start : t.end].lower() not in _LEADERS
    ]
    return keep_flat(_with_article(text, m) for m in _numbers(text, trimmed))


def _numbers(text: str, spans: list[Mention]) -> list[Mention]:
    """COUNT spans joined when together they form one number expression ("more than" +
    "500", "nearly" [a] "dozen"), then cut to the number expression inside, or dropped."""
    joined: list[Mention] = []
    for m in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and m.type == last.type == "COUNT"
            and re.fullmatch(r"\s+(?:[A-Za-z]+\s+)?", text[last.end : m.start])
            and count_text(text, last.start, m.end) == text[last.start : m.end]
        ):
            joined[-1] = Mention(last.start, m.end, "COUNT")
        else:
            joined.append(m)
    out = []
    for m in joined:
        if m.type != "COUNT":
            out.append(m)
        elif (number := count_text(text, m.start, m.end)) is not None:
            start = text.index(number, m.start)
            out.append(Mention(start, start + len(number), "COUNT"))
    return out


def _with_article(text: str, mention: Mention) -> Mention:
    """Include a directly preceding article: mentions are noun phrases with their article."""
    if mention.type == "COUNT":
        return mention
    match = re.search(r"(?<![\w-])(?:[Tt]he|[Aa]n?)\s+$", text[max(0, mention.start - 5) : mention.start])
    return Mention(mention.start - len(match.group()), mention.end, mention.type) if match else mention
