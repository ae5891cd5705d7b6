"""Submission metadata: what a leaderboard entry says about itself (``META.yaml``).

Every key is checked and an unknown key is refused (``extra="forbid"``), so a typo does
not silently drop information. Example::

    name: My extractor            # optional; if given, must equal --name
    authors: [Ada Lovelace, Alan Turing]
    url: https://example.org/my-extractor          # http(s) only, optional
    description: Fine-tuned tagger plus rules for counts.
    model_size: 110M               # parameters: 0 for rules, 22M, 1.3B, or "undisclosed"
    training_data:
      saw_test_articles: "no"      # "no", "yes" or "unknown" (YAML no/yes booleans accepted)
      how: null                    # required unless "no": how the system saw them
      datasets: [CoNLL-2003]       # training data, optional
    date: 2024-05-01               # ISO date of the system / submission

The training-data declaration follows MTEB's zero-shot declaration: a system that was
trained or tuned on the test articles (or may have seen them in pre-training) says so,
and the leaderboard shows the declaration next to the score.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bench.data.problems import Problem, ProblemsError

MAX_NAME = 80
_MODEL_SIZE = re.compile(r"^(0|[1-9]\d*(\.\d+)?[KMBT]?|undisclosed)$")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def check_name(name: str) -> str:
    """A system name: 1-80 printable characters, not only spaces (any text otherwise)."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("system name is empty")
    if len(name) > MAX_NAME:
        raise ValueError(f"system name is longer than {MAX_NAME} characters")
    if not name.isprintable() or any(unicodedata.category(c) in ("Cf", "Co", "Cs") for c in name):
        raise ValueError("system name contains control or invisible characters")
    if name != name.strip():
        raise ValueError("system name has leading or trailing spaces")
    return name


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class TrainingData(_Strict):
    """Whether and how the system saw the test articles (or their annotations)."""

    saw_test_articles: Literal["no", "yes", "unknown"]
    how: str | None = Field(None, min_length=1, max_length=500)
    datasets: tuple[str, ...] = ()

    @field_validator("saw_test_articles", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: Any) -> Any:
        # PyYAML reads a bare no / yes as a boolean
        return {False: "no", True: "yes"}.get(value, value) if isinstance(value, bool) else value

    @model_validator(mode="after")
    def _how_needed(self) -> TrainingData:
        if self.saw_test_articles != "no" and not self.how:
            raise ValueError(f"saw_test_articles is {self.saw_test_articles!r}: say how in 'how'")
        return self

    def short(self) -> str:
        """One line for the leaderboard's declaration column."""
        if self.saw_test_articles == "no":
            return "test articles unseen"
        prefix = "saw test articles" if self.saw_test_articles == "yes" else "may have seen test articles"
        return f"{prefix}: {self.how}"


class Metadata(_Strict):
    """A leaderboard entry's metadata (see the module docstring for the file format)."""

    name: str | None = None
    authors: tuple[str, ...] = Field(min_length=1)
    url: str | None = Field(None, max_length=500)
    description: str = Field(min_length=1, max_length=2000)
    model_size: str
    training_data: TrainingData
    date: dt.date

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return None if value is None else check_name(value)

    @field_validator("authors")
    @classmethod
    def _authors(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for author in value:
            if not author.strip() or len(author) > 200 or not author.isprintable():
                raise ValueError(f"bad author {author[:40]!r}: 1-200 printable characters")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError("url must be an http:// or https:// address without spaces or quotes")
        return value

    @field_validator("model_size", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not _MODEL_SIZE.match(value.strip()):
            raise ValueError("model_size is a parameter count such as 0 (rules), 22M, 110M, 1.3B, 7B, or 'undisclosed'")
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime) or not isinstance(value, (str, dt.date)):
            raise ValueError("date is an ISO date, e.g. 2024-05-01")
        return value

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def parse_metadata(data: Any, source: str, name: str | None = None) -> Metadata:
    """Validate a parsed metadata mapping; with ``name`` (``--name``), fill or check ``name``.

    Raises ``ProblemsError`` with one problem per invalid key.
    """
    file = Path(source)
    if not isinstance(data, dict):
        raise ProblemsError([Problem(file, None, "metadata", "expected a mapping of keys to values")])
    try:
        meta = Metadata.model_validate(data)
    except ValidationError as err:
        problems = []
        for e in err.errors():
            loc = ".".join(str(p) for p in e["loc"]) or "metadata"
            message = "unknown key" if e["type"] == "extra_forbidden" else e["msg"]
            problems.append(Problem(file, None, loc, message))
        raise ProblemsError(problems) from err
    if name is not None:
        try:
            check_name(name)
        except ValueError as err:
            raise ProblemsError([Problem(file, None, "--name", str(err))]) from err
        if meta.name is not None and meta.name != name:
            raise ProblemsError([Problem(file, None, "name", f"{meta.name!r} differs from --name {name!r}")])
        meta = meta.model_copy(update={"name": name})
    if meta.name is None:
        raise ProblemsError([Problem(file, None, "name", "no system name: give --name or 'name'")])
    return meta


def load_metadata(path: Path, name: str | None = None) -> Metadata:
    """Read and validate a ``META.yaml`` (or JSON) file."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ProblemsError([Problem(Path(path), None, "file", f"cannot read: {err}")]) from err
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ProblemsError([Problem(Path(path), None, "file", f"invalid YAML: {err}".replace("\n", " "))]) from err
    return parse_metadata(data, str(path), name)
