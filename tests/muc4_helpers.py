"""Build small MUC-4 key files and messages in code, in the archive's own notation."""

from __future__ import annotations

from bench.data.muc4.keys import SLOTS, KeyTemplate, read_key_file
from bench.data.muc4.texts import Message

IRRELEVANT: dict[str, list[str] | str] = {}


def key_text(message_id: str, templates: list[dict[str, list[str] | str]]) -> str:
    """A key file: each template a dict slot -> fill (or list of fill lines); absent slots '-'.

    An empty dict is an irrelevant-message key (every slot '*').
    """
    out = []
    for fills in templates:
        for number, slot in enumerate(SLOTS):
            if slot == "MESSAGE: ID":
                lines: list[str] = [f"{message_id} (TEST)"]
            elif not fills:
                lines = ["*"]
            else:
                value = fills.get(slot, "-")
                lines = [value] if isinstance(value, str) else list(value)
            label = f"{number}.".ljust(4) + slot
            out.append(f"{label.ljust(36)}{lines[0]}")
            out.extend(" " * 36 + more for more in lines[1:])
        out.append("")
    return "\n".join(out) + "\n"


def templates(message_id: str, specs: list[dict[str, list[str] | str]]) -> list[KeyTemplate]:
    return read_key_file(key_text(message_id, specs), "key-test")


def message(doc_id: str, body: str) -> Message:
    text = f"{doc_id} (TEST)\n\n{body}"
    return Message(doc_id, text, "corpus-test", 1, 0)
