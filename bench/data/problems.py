"""One clear line per problem: the file, the line, the document, the item and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """A single integrity problem, printed as one line.

    >>> str(Problem(Path("gold.jsonl"), "doc1", "events[0].actors[1]", "unknown entity 'x'", line=3))
    "gold.jsonl:3: doc1: events[0].actors[1]: unknown entity 'x'"
    """

    file: Path | str
    doc_id: str | None
    item: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else f"{self.file}"
        doc = self.doc_id if self.doc_id is not None else "-"
        return f"{where}: {doc}: {self.item}: {self.message}"


class ProblemsError(Exception):
    """Raised with every problem found, so callers can print them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
