"""Split a MUC corpus file into its messages.

Each message starts at the beginning of a line with its id (``DEV-MUC3-0001 (NOSC)``,
``TST3-MUC4-0042``). A message's text is the file's characters from the start of its id
line to its last non-space character before the next id line, unchanged: upper case, line
breaks and the bracketed header (``[TEXT]``, ``[REPORT]``) as in the corpus.

>>> [m.doc_id for m in split_messages("TST3-MUC4-0001\\n\\nA\\nTST3-MUC4-0002\\nB\\n", "f")]
['TST3-MUC4-0001', 'TST3-MUC4-0002']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ID_LINE = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.MULTILINE)


@dataclass(frozen=True)
class Message:
    doc_id: str
    text: str
    file: str
    line: int
    start: int


def split_messages(text: str, name: str) -> list[Message]:
    """The messages of one corpus file, in file order."""
    matches = list(_ID_LINE.finditer(text))
    messages = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.start() : end].rstrip()
        line = text.count("\n", 0, match.start()) + 1
        messages.append(Message(match.group(1), body, name, line, match.start()))
    return messages
