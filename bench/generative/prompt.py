"""Prompt templates: versioned files in ``bench/generative/prompts/``, rendered to chat messages.

A template is a Markdown file with two sections, each opened by an HTML comment line:
``<!-- system -->`` (the task definition and the output format) and ``<!-- user -->`` (the
turn that carries one article, where ``{{text}}`` stands for the article's text). Anything
before the first section is a comment. A template is named by its file name without
``.md`` (``zero-shot-v1``) or given as a path; its ``sha256`` (of the file's bytes) goes into
the extractor's metadata and into every raw-output record, so a changed prompt is a new
prompt. Shipped templates are never edited in place: a change is a new ``-v2`` file.

Few-shot examples (``bench.generative.shots``) become earlier user/assistant turns: the
example article in the user template, its gold answer (compact JSON) as the assistant turn.

>>> t = load_template("zero-shot-v1")
>>> t.name, len(t.sha256)
('zero-shot-v1', 64)
>>> [m["role"] for m in t.messages("Gunmen stormed a prison.")]
['system', 'user']
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROMPTS_DIR = Path(__file__).with_name("prompts")
DEFAULT_ZERO_SHOT = "zero-shot-v2"  # guidelines v2; v1 stays for the entries that used it
DEFAULT_FEW_SHOT = "few-shot-v2"
_SECTION = re.compile(r"^<!--\s*(system|user)\s*-->\s*$", re.MULTILINE)
PLACEHOLDER = "{{text}}"


class PromptError(ValueError):
    """A template that cannot be found or read, or is malformed."""


@dataclass(frozen=True)
class Shot:
    """One worked example: an article and its answer in the decoding format."""

    doc_id: str
    text: str
    answer: dict[str, Any]


@dataclass(frozen=True)
class Template:
    name: str
    sha256: str
    system: str
    user: str

    def user_turn(self, text: str) -> str:
        return self.user.replace(PLACEHOLDER, text)

    def messages(self, text: str, shots: Sequence[Shot] = ()) -> list[dict[str, str]]:
        """The chat messages for one article, worked examples first."""
        out = [{"role": "system", "content": self.system}]
        for shot in shots:
            out.append({"role": "user", "content": self.user_turn(shot.text)})
            out.append({"role": "assistant", "content": json.dumps(shot.answer, ensure_ascii=False)})
        out.append({"role": "user", "content": self.user_turn(text)})
        return out

    def single_text(self, text: str) -> str:
        """System and user sections as one prompt (for harnesses that send one text)."""
        return f"{self.system}\n\n{self.user_turn(text)}"


def available() -> list[str]:
    """Names of the shipped templates."""
    return sorted(p.stem for p in PROMPTS_DIR.glob("*.md"))


def _locate(name_or_path: str | Path) -> tuple[str, Path]:
    candidate = PROMPTS_DIR / f"{name_or_path}.md"
    if isinstance(name_or_path, str) and "/" not in name_or_path and candidate.is_file():
        return str(name_or_path), candidate
    path = Path(name_or_path)
    if path.is_file():
        return path.stem, path
    raise PromptError(f"no prompt template {str(name_or_path)!r}: give a file path or one of {', '.join(available())}")


def parse_template(name: str, data: bytes) -> Template:
    """A template from the bytes of its file (see the module docstring for the format)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise PromptError(f"prompt template {name!r} is not UTF-8: {err}") from err
    parts = _SECTION.split(text)
    sections: dict[str, str] = {}
    for label, body in zip(parts[1::2], parts[2::2]):
        if label in sections:
            raise PromptError(f"prompt template {name!r} has two '{label}' sections")
        sections[label] = body.strip("\n")
    missing = [label for label in ("system", "user") if not sections.get(label, "").strip()]
    if missing:
        raise PromptError(f"prompt template {name!r} lacks a non-empty section: <!-- {missing[0]} -->")
    if PLACEHOLDER not in sections["user"]:
        raise PromptError(f"prompt template {name!r}: its user section has no {PLACEHOLDER} placeholder")
    digest = hashlib.sha256(data).hexdigest()
    return Template(name=name, sha256=digest, system=sections["system"], user=sections["user"])


def load_template(name_or_path: str | Path) -> Template:
    """A shipped template by name (``zero-shot-v1``) or any template file by path."""
    name, path = _locate(name_or_path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise PromptError(f"cannot read prompt template {path}: {err.strerror or err}") from err
    return parse_template(name, data)
