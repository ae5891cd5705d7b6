"""Counts (HUM TGT: NUMBER with its EFFECT and TYPE) and claims (PERP: ORGANIZATION CONFIDENCE).

Counts. The NUMBER, TYPE and EFFECT fills of a template each name their human target by a
cross-reference (``6: "JESUITS"``); the k-th fill naming a target in one slot goes with the
k-th fill naming it in another (a key may list the same description twice, once per
effect). A target whose effect is DEATH gives a ``killed`` count, INJURY a ``wounded`` one,
with ``victims`` from its TYPE (``bench.data.muc4.numbers.victims_of``) and its value from
the NUMBER (the first alternative; the others in ``alternatives``). An effect with
alternatives of two categories (``INJURY / DEATH``) gives an optional count for each; with
an alternative that is no casualty (``DEATH / NO DEATH``), an optional one. ``?`` on the
NUMBER or the EFFECT makes the count optional. HUM TGT: TOTAL NUMBER gives one more count
when every target of the template has the same casualty effect. A count's mention is the
number expression nearest to a mention of its target (``bench.data.muc4.locate``); where
the text never writes the number, the target's mention.

Claims. CLAIMED OR ADMITTED -> ``responsibility`` (source: the organisation itself);
SUSPECTED OR ACCUSED and SUSPECTED OR ACCUSED BY AUTHORITIES -> ``accusation`` (no source:
MUC-4 does not name the accuser); REPORTED AS FACT, POSSIBLE and ACQUITTED -> no claim.
Alternatives are treated as for effects (one kind: a claim; several, or a non-claim
alternative: optional claims).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from bench.data.model import Claim, Count, CountValue, KeyRef, Span
from bench.data.muc4.keys import Fill, KeyLine, KeyTemplate, parse_fill
from bench.data.muc4.locate import TextIndex
from bench.data.muc4.numbers import EFFECT_CATEGORIES, muc_number, victims_of
from bench.normalize import NumberParseError, normalize_text, parse_count

CLAIM_KINDS = {
    "CLAIMED OR ADMITTED": "responsibility",
    "SUSPECTED OR ACCUSED": "accusation",
    "SUSPECTED OR ACCUSED BY AUTHORITIES": "accusation",
}
_WINDOW = 100  # characters between a number and its target's mention
_WINDOW_ONE = 15  # "ONE" / "1" only right before the target ("ONE SOLDIER")

Reporter = Callable[[KeyRef, str, str], None]


def _kinds(values: tuple[str, ...], table: dict[str, str]) -> tuple[list[str], bool]:
    """The distinct kinds the alternatives map to, and whether the mapping is certain."""
    mapped = [table.get(v.strip("() ")) for v in values]
    kinds = sorted({m for m in mapped if m is not None})
    return kinds, len(kinds) == 1 and None not in mapped


def _lookup(table: dict[tuple[tuple[str, ...], int], tuple[KeyLine, Fill]], key: tuple[tuple[str, ...], int]):
    """The fill of ``table`` for a target: same strings and rank, else overlapping strings."""
    if key in table:
        return table[key]
    wanted = {normalize_text(s) for s in key[0]}
    overlapping = [k for k in table if wanted & {normalize_text(s) for s in k[0]}]
    for k in sorted(overlapping, key=lambda k: (k[1] != key[1], k[1])):
        return table[k]
    return None


def _as_written(mention: Span, value: CountValue) -> CountValue:
    """The value as SPEC 1.3 reads the located expression ("MORE THAN 60": low 61), when it
    states the key's number with the key's modifier; else the key's value."""
    try:
        written = parse_count(mention.text)
    except NumberParseError:
        return value
    if (written.stated, written.modifier) == (value.stated, value.modifier):
        return written
    return value


def _gap(a: Span, b: Span) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


class CountMapper:
    """Counts and claims of one template."""

    def __init__(
        self,
        template: KeyTemplate,
        index: TextIndex,
        orgs: list[tuple[tuple[str, ...], str | None]],
        report: Reporter,
    ) -> None:
        self.template = template
        self.index = index
        self.orgs = orgs
        self._report = report

    def ref(self, slot: str, line: KeyLine) -> KeyRef:
        return KeyRef(file=self.template.file, line=line.line, template=self.template.number, slot=slot)

    def report(self, slot: str, line: KeyLine, reason: str, filler: str | None = None) -> None:
        self._report(self.ref(slot, line), filler if filler is not None else line.text, reason)

    def _by_target(self, slot: str) -> dict[tuple[tuple[str, ...], int], tuple[KeyLine, Fill]]:
        found: dict[tuple[tuple[str, ...], int], tuple[KeyLine, Fill]] = {}
        seen: Counter[tuple[str, ...]] = Counter()
        for line in self.template.fills(slot):
            fill = parse_fill(line.text)
            if fill.repaired:
                self.report(slot, line, "key_malformed")
            target = tuple(fill.xref or ()) if fill.xref not in (None, ("-",)) else ()
            found[(target, seen[target])] = (line, fill)
            seen[target] += 1
        return found

    # -- mentions ---------------------------------------------------------------------------
    def _mention(self, value: CountValue, targets: list[Span]) -> tuple[Span | None, bool]:
        """``(mention, is_number)``: the number expression near a target, else a target."""
        fallback = targets[0] if targets else None
        candidates: list[tuple[int, Span]] = []
        numbers = self.index.numbers
        if value.stated is not None:
            window = _WINDOW_ONE if value.stated == 1 else _WINDOW
            for number in numbers:
                if number.value.stated != value.stated:
                    continue
                span = number.span if number.value.modifier == value.modifier else number.bare
                if not targets:
                    candidates.append((0, span))
                    break
                for target in targets:
                    before = value.stated != 1 or span.end <= target.start
                    if before and _gap(span, target) <= window:
                        candidates.append((_gap(span, target), span))
        elif value.high is not None:  # a range: "6 TO 8", "BETWEEN 6 AND 8"
            for low in numbers:
                if low.value.stated != value.low:
                    continue
                for high in numbers:
                    if high.value.stated == value.high and 0 < high.bare.start - low.bare.end <= 12:
                        span = self.index.span(low.bare.start, high.bare.end)
                        distance = min((_gap(span, t) for t in targets), default=0)
                        if distance <= _WINDOW:
                            candidates.append((distance, span))
        if candidates:
            return min(candidates, key=lambda c: (c[0], c[1].start))[1], True
        if targets and value.stated is not None:
            fallback = min(targets, key=lambda t: t.start)
        return fallback, False

    # -- counts -----------------------------------------------------------------------------
    def counts(self, prefix: str) -> list[Count]:
        numbers = self._by_target("HUM TGT: NUMBER")
        effects = self._by_target("HUM TGT: EFFECT OF INCIDENT")
        types = self._by_target("HUM TGT: TYPE")
        made: list[Count] = []
        for target_key, (line, fill) in numbers.items():
            effect = _lookup(effects, target_key)
            categories, certain = _kinds(effect[1].values, EFFECT_CATEGORIES) if effect else ([], False)
            if not categories:
                self.report("HUM TGT: NUMBER", line, "number_without_casualty")
                continue
            values = []
            for alternative in fill.values:
                if alternative.strip() == "-":
                    continue
                parsed = muc_number(alternative)
                if parsed is None:
                    self.report("HUM TGT: NUMBER", line, "number_unparsed", alternative)
                elif parsed not in values:
                    values.append(parsed)
            if not values:
                if not any(v.strip() != "-" for v in fill.values):
                    self.report("HUM TGT: NUMBER", line, "casualty_without_number")
                continue
            type_fill = _lookup(types, target_key)
            victims = victims_of(type_fill[1].values if type_fill else ())
            targets = self.index.find_any(target_key[0])
            mention, is_number = self._mention(values[0], targets)
            if mention is None:
                self.report("HUM TGT: NUMBER", line, "count_not_located")
                continue
            if not is_number:
                self.report("HUM TGT: NUMBER", line, "count_number_not_in_text")
            values[0] = _as_written(mention, values[0]) if is_number else values[0]
            optional = fill.optional or bool(effect and effect[1].optional) or not certain
            for category in categories:
                made.append(
                    Count(
                        id=f"{prefix}.c{len(made) + 1}",
                        mention=mention,
                        category=category,  # type: ignore[arg-type]
                        victims=victims,  # type: ignore[arg-type]
                        value=values[0],
                        optional=optional,
                        alternatives=values[1:],
                        key=self.ref("HUM TGT: NUMBER", line),
                    )
                )
        for target_key, (line, fill) in effects.items():
            if _lookup(numbers, target_key) is not None:
                continue
            if _kinds(fill.values, EFFECT_CATEGORIES)[0]:
                self.report("HUM TGT: EFFECT OF INCIDENT", line, "casualty_without_number")
        made += self._total(prefix, len(made), effects, types)
        return made

    def _total(self, prefix: str, start: int, effects: dict, types: dict) -> list[Count]:
        lines = self.template.fills("HUM TGT: TOTAL NUMBER")
        if not lines:
            return []
        line = lines[0]
        fill = parse_fill(line.text)
        kinds = {tuple(_kinds(f.values, EFFECT_CATEGORIES)[0]) for _, f in effects.values()}
        certain = all(_kinds(f.values, EFFECT_CATEGORIES)[1] for _, f in effects.values())
        values = [v for v in (muc_number(a) for a in fill.values) if v is not None]
        if len(kinds) != 1 or len(next(iter(kinds))) != 1 or not certain or not values:
            self.report("HUM TGT: TOTAL NUMBER", line, "total_number_not_mapped")
            return []
        (category,) = next(iter(kinds))
        all_types = [v for _, f in types.values() for v in f.values]
        targets = self.index.find_any([s for key in effects for s in key[0]])
        mention, is_number = self._mention(values[0], targets)
        if mention is None:
            self.report("HUM TGT: TOTAL NUMBER", line, "count_not_located")
            return []
        if not is_number:
            self.report("HUM TGT: TOTAL NUMBER", line, "count_number_not_in_text")
        else:
            values[0] = _as_written(mention, values[0])
        return [
            Count(
                id=f"{prefix}.c{start + 1}",
                mention=mention,
                category=category,  # type: ignore[arg-type]
                victims=victims_of(all_types),  # type: ignore[arg-type]
                value=values[0],
                optional=fill.optional,
                alternatives=values[1:],
                key=self.ref("HUM TGT: TOTAL NUMBER", line),
            )
        ]

    # -- claims -----------------------------------------------------------------------------
    def _org(self, xref: tuple[str, ...]) -> tuple[bool, str | None]:
        """``(resolved, entity)`` of the organisation a confidence fill names."""
        wanted = {normalize_text(s) for s in xref}
        for strings, entity in self.orgs:
            if wanted & {normalize_text(s) for s in strings}:
                return True, entity
        return False, None

    def claims(self, prefix: str) -> list[Claim]:
        made: list[Claim] = []
        slot = "PERP: ORGANIZATION CONFIDENCE"
        for line in self.template.fills(slot):
            fill = parse_fill(line.text)
            kinds, certain = _kinds(fill.values, CLAIM_KINDS)
            if not kinds:
                continue
            resolved, entity = self._org(tuple(fill.xref or ()))
            if not resolved:
                self.report(slot, line, "xref_unresolved")
                continue
            if entity is None:
                self.report(slot, line, "claim_actor_not_in_text")
                continue
            for kind in kinds:
                made.append(
                    Claim(
                        id=f"{prefix}.k{len(made) + 1}",
                        kind=kind,  # type: ignore[arg-type]
                        actor=entity,
                        source=entity if kind == "responsibility" else None,
                        optional=fill.optional or not certain,
                        key=self.ref(slot, line),
                    )
                )
        return made
