"""Write SAMPLE.md: 20 converted MUC-4 templates drawn at random (seed 11) across the three
splits, each with its answer-key text, the converted event, and the verdict of a hand check.

    python annotations/muc4/sample.py            # rewrite annotations/muc4/SAMPLE.md
    python annotations/muc4/sample.py --check    # exit 1 if SAMPLE.md is not what it writes

The verdicts are in ``VERDICTS`` below, written after reading each key against the text;
when the converter changes, ``--check`` (run by the tests) fails until the file is rewritten,
and the changed entries must be read again.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from bench import paths
from bench.data.load import load_split
from bench.data.model import Document, Event
from bench.data.muc4.archive import Archive

SEED = 11
SIZE = 20
HERE = Path(__file__).resolve().parent

# (doc_id, template) -> verdict of the hand check
VERDICTS: dict[tuple[str, int], str] = {
    (
        "DEV-MUC3-0204",
        1,
    ): "agrees. ARSON becomes an `attack` event; the FMLN's three-way confidence (CLAIMED OR ADMITTED / REPORTED AS FACT / SUSPECTED OR ACCUSED) gives an optional responsibility claim and an optional accusation, as the rule for alternative confidences says; OLD SHACK is kept as a Target.",
    (
        "DEV-MUC3-0210",
        1,
    ): 'agrees. The killed and the wounded police officer are two security counts; the text writes no number for them ("KILLING A NATIONAL POLICE OFFICER", a named officer), so their mentions are the targets. The unharmed Assembly president (NO INJURY OR DEATH) and the PLURAL policemen with no effect give no count and are reported (number_without_casualty).',
    (
        "DEV-MUC3-0324",
        1,
    ): "agrees. A political figure killed: killed.civilians 1, its mention the name; COLOMBIA is not in the text, so it is a KB-only, optional location.",
    (
        "DEV-MUC3-0407",
        1,
    ): 'agrees. "FOUR PEOPLE WERE INJURED": wounded.civilians 4 at FOUR; Medellin and San Diego located; the three physical targets and the weapon kept in the MUC-4 view.',
    (
        "DEV-MUC3-0411",
        1,
    ): 'agrees. An accusation against the Atlacatl Battalion (the text quotes the name, `"ATLACATL" BATTALION`; the normalised match finds it); the two PERP: INDIVIDUAL ID fillers are two actors; the student killed is killed.civilians 1.',
    ("DEV-MUC3-0415", 1): 'agrees. "ONE PERSON WAS KILLED AND 86 OTHERS INJURED": both counts at their numbers.',
    (
        "DEV-MUC3-0661",
        2,
    ): "agrees. Two named victims killed (1 each, mentions the names) and HUM TGT: TOTAL NUMBER 2 as a third killed.civilians count (every target's effect is DEATH). The text's \"TWO BODIES\" is more than 100 characters from the names, so the total's mention falls back to the first name (reported as count_number_not_in_text).",
    (
        "DEV-MUC3-1132",
        4,
    ): 'agrees. "MURDERED THREE PEASANTS": killed.civilians 3 at THREE; the ELN reported as fact gives an actor and no claim.',
    (
        "DEV-MUC3-1150",
        1,
    ): 'agrees. A kidnapping with no effect gives no count: both per-target numbers and the TOTAL NUMBER are reported (number_without_casualty, total_number_not_mapped). The PerpInd entity carries more strings than this template lists ("GUERRILLAS", "A GANG OF KIDNAPPERS"): the key\'s template 2 lists "MEMBERS OF THE CAMILIST UNION" among the same alternatives, and fillers of a message that share a string are one entity (the actors rule).',
    (
        "DEV-MUC3-1150",
        2,
    ): "agrees (the same entity rule as template 1); the kidnapped cattleman has no effect, so no count.",
    (
        "DEV-MUC3-1173",
        1,
    ): 'agrees. One adult and four minors killed, 16 wounded, each at its number; the key\'s malformed line (`"16 OTHERS / "OTHERS"`) is repaired and reported. The key\'s CORRAL DE LAS PIEDRAS is written CORRAL DE PIEDRAS in the text and is in no set list: a KB-only, optional location (place_not_in_text).',
    (
        "DEV-MUC3-1191",
        6,
    ): 'agrees with the key, which looks wrong: it gives 30 / ~30 people killed where the text says "SOME 300 PEOPLE WERE MURDERED". 30 is not in the text, so both counts (the target\'s and the TOTAL NUMBER) take the first occurrence of the target PEOPLE as mention ("MAKE THE PEOPLE BOYCOTT"), not the sentence with the deaths; the span layer is not scored on muc4. Kept as the key says, with ~30 as an alternative value.',
    (
        "DEV-MUC3-1260",
        1,
    ): "agrees. An OPTIONAL template: an optional event; no human target, no count; the targets kept in the MUC-4 view.",
    (
        "DEV-MUC3-1282",
        1,
    ): "agrees. A former president killed: killed.civilians 1 (FORMER GOVERNMENT OFFICIAL counts as civilians), mention the name.",
    (
        "TST1-MUC3-0050",
        1,
    ): "agrees. SIX JESUITS, IGNACIO ELLACURIA (1), FIVE OTHER PRIESTS (5, with 6 as alternative from the key's `5/6`), TWO WOMEN, and the TOTAL NUMBER 8 (every target DEATH; \"EIGHT\" is not in the text, so its mention is the first target): five killed.civilians counts that overlap, as the key's targets do.",
    (
        "TST1-MUC3-0100",
        3,
    ): 'agrees. `? "TERRORISTS"` is an optional actor; "ONE PERSON DIED": killed.civilians 1 at ONE.',
    (
        "TST2-MUC4-0046",
        1,
    ): "agrees. Two readings of the location: CASQUITO is in one only, so optional; COLOMBIA is in both but not in the text, so optional (KB-only); 106 passengers killed at 106.",
    (
        "TST3-MUC4-0013",
        2,
    ): 'agrees. An ATTEMPTED attack is an event; the unharmed target has no effect, so no count. The ARENA entity also has the string GOVERNMENT because the key\'s template 1 lists "NATIONALIST REPUBLICAN ALLIANCE" / "ARENA" / "GOVERNMENT" as alternatives of one filler.',
    (
        "TST3-MUC4-0037",
        2,
    ): 'agrees. `? "DRUG TRAFFICKERS"` optional; "ONE PERSON WAS SERIOUSLY WOUNDED": wounded.civilians 1 at ONE; bomb and dynamite kept as weapons.',
    (
        "TST4-MUC4-0078",
        1,
    ): 'agrees. An OPTIONAL template; "GUERRILLAS KILLED 43 PEASANTS": killed.civilians 43; the physical targets, `?` ones included, kept as Targets; EL SALVADOR not in the text: optional.',
}


def _key_text(archive: Archive, doc: Document, event: Event) -> str:
    assert event.muc4 is not None
    lines = archive.text(event.muc4.key.file).split("\n")
    start = event.muc4.key.line - 2  # the MESSAGE: ID line precedes MESSAGE: TEMPLATE
    end = start + 1
    while end < len(lines) and not lines[end].startswith("0.  MESSAGE: ID") and lines[end].strip():
        end += 1
    return "\n".join(line.rstrip() for line in lines[start:end])


def _names(doc: Document, ids: list[str], optional: list[str]) -> list[str]:
    found = []
    for ident in ids:
        entity = doc.entity(ident)
        strings = sorted({m.text.replace("\n", " ") for m in entity.mentions} | set(entity.aliases))
        label = " / ".join(strings) if strings else f"(KB only: {entity.kb})"
        found.append(f"{ident} = {label}" + (" [optional]" if ident in optional else ""))
    return found


def _record(doc: Document, event: Event) -> str:
    assert event.muc4 is not None
    out = [
        f"event {event.id}: type {event.type}; MUC-4 {event.muc4.incident_type}, {event.muc4.stage}"
        + ("; optional event" if event.optional else "")
        + (f"; date {event.date}" if event.date else ""),
        "actors: " + ("; ".join(_names(doc, event.actors, event.optional_actors)) or "-"),
        "locations: " + ("; ".join(_names(doc, event.locations, event.optional_locations)) or "-"),
    ]
    for count in event.counts:
        value = count.value
        shown = (
            f"{value.modifier} {value.stated}"
            if value.stated is not None
            else f"{value.modifier} {value.low}..{'' if value.high is None else value.high}"
        )
        alternatives = ", ".join(
            f"{a.modifier} {a.stated if a.stated is not None else (a.low, a.high)}" for a in count.alternatives
        )
        out.append(
            f"count {count.label} = {shown}, mention {count.mention.text!r}"
            + (f", alternatives {alternatives}" if alternatives else "")
            + (" [optional]" if count.optional else "")
        )
    for claim in event.claims:
        out.append(
            f"claim {claim.kind}: actor {claim.actor}, source {claim.source}"
            + (" [optional]" if claim.optional else "")
        )
    for role in ("targets", "victims", "weapons"):
        fillers = getattr(event.muc4, role)
        if fillers:
            out.append(
                f"{role}: "
                + "; ".join(" / ".join(f.strings) + ("" if f.mentions else " (not in text)") for f in fillers)
            )
    assert doc.muc4 is not None
    for item in doc.muc4.unmapped:
        if item.key.template == event.muc4.template:
            out.append(f"unmapped ({item.reason}, {'kept' if item.kept else 'dropped'}): {item.filler}")
    return "\n".join(out)


def sample() -> list[tuple[Document, Event]]:
    pool = []
    for part in ("train", "dev", "test"):
        for doc in load_split(paths.MUC4_DIR / f"{part}.jsonl"):
            pool += [(doc, event) for event in doc.events]
    return sorted(random.Random(SEED).sample(pool, SIZE), key=lambda p: (p[0].doc_id, p[1].id))


def render() -> str:
    archive = Archive(paths.MUC4_ARCHIVE)
    parts = [
        "# MUC-4 conversion: a hand-checked sample of 20 templates\n",
        f"Drawn at random (seed {SEED}) from the events of all three splits by `python annotations/muc4/sample.py`,",
        "which writes this file. Each entry gives the answer-key template as the archive has it, the event the",
        "converter made of it (entities by id with their strings; `[optional]` marks optional items), and the",
        "verdict of reading the key against the message text.\n",
    ]
    agree = 0
    for doc, event in sample():
        assert event.muc4 is not None
        verdict = VERDICTS.get((doc.doc_id, event.muc4.template), "not checked yet")
        agree += verdict.startswith("agrees")
        parts += [
            f"## {doc.doc_id}, template {event.muc4.template}\n",
            f"Key ({event.muc4.key.file}, line {event.muc4.key.line - 1}):\n",
            "```",
            _key_text(archive, doc, event),
            "```\n",
            "Converted:\n",
            "```",
            _record(doc, event),
            "```\n",
            f"**Verdict:** {verdict}\n",
        ]
    parts.insert(5, f"**Result: {agree} of {SIZE} agree with the keys.**\n")
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    target = HERE / "SAMPLE.md"
    if "--check" in sys.argv:
        sys.exit(0 if target.exists() and target.read_text(encoding="utf-8") == text else 1)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
