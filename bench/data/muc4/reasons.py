"""Why a key filler could not be located or mapped, and what happened to it.

Every filler the converter cannot place in BREAKOUT's layers becomes an ``Unmapped``
record on its document (``Document.muc4.unmapped``) with one of these reasons; ``kept``
says whether the information is still in the gold in another form. ``bench data stats``
and the dataset card count them per split.
"""

from __future__ import annotations

# reason -> (kept in the gold in another form?, what it means)
REASONS: dict[str, tuple[bool, str]] = {
    "actor_not_in_text": (
        False,
        "a PERP filler none of whose strings occurs in the text: no actor entity "
        "(the strings stay in the event's muc4 role fillers)",
    ),
    "actor_alternative_not_in_text": (
        True,
        "one alternative string of an actor does not occur in the text: kept as an alias of the entity",
    ),
    "place_not_in_text": (
        True,
        "a place of INCIDENT: LOCATION the text does not name (usually the inferred country): "
        "a KB-only entity, optional in the event",
    ),
    "location_unparsed": (False, "an INCIDENT: LOCATION fill that does not follow the notation"),
    "count_number_not_in_text": (
        True,
        "the text never writes the number (PLURAL, a named victim counted 1, a number the key "
        "infers): the count's mention is its human target",
    ),
    "count_not_located": (False, "neither the number nor its human target occurs in the text: no count"),
    "casualty_without_number": (
        False,
        "a DEATH or INJURY effect whose target has no HUM TGT: NUMBER (or only '-'): no count",
    ),
    "number_without_casualty": (
        False,
        "a HUM TGT: NUMBER whose target was not killed or wounded (kidnapped, unharmed, no "
        "effect given): BREAKOUT has no category for it",
    ),
    "number_unparsed": (False, "a HUM TGT: NUMBER alternative that is not a MUC-4 number"),
    "total_number_not_mapped": (
        False,
        "a HUM TGT: TOTAL NUMBER whose targets do not all share one casualty effect",
    ),
    "xref_unresolved": (False, "a cross-reference that names no filler of the slot it refers to"),
    "claim_actor_not_in_text": (False, "a claimed or accused organisation that is not in the text: no claim"),
    "role_filler_not_in_text": (
        True,
        "a Target, Victim, victim description or Weapon filler none of whose strings occurs in "
        "the text (kept in the event's muc4 role fillers, with no mention)",
    ),
    "key_malformed": (True, "a key line with unbalanced quotes, repaired (each '/' piece re-quoted)"),
}


def kept(reason: str) -> bool:
    return REASONS[reason][0]
