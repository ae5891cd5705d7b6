"""Submission metadata: what a leaderboard entry says about itself (``META.yaml``).

Every key is checked and an unknown key is refused (``extra="forbid"``), so a typo does
not silently drop information. Example::

    name: My extractor            # optional; if given, must equal --name
    authors: [Ada Lovelace, Alan Turing]
    url: https://example.org/my-extractor          # http(s) only, optional
    description: Fine-tuned tagger plus rules for counts.
    model_size: 110M               # parameters: 0 for rules, 22M, 1.3B, or "undisclosed"
    system_type: encoder-tagger    # rules, encoder-tagger, llm-zero-shot, llm-few-shot, fine-tuned
    decoding: n/a                  # free, json-mode, schema-constrained; n/a for non-generative types
    open_weights: yes              # weights (for rules: code) published: yes or no
    licence: Apache-2.0            # SPDX id or expression, LicenseRef-..., or "proprietary"
    prompt_tuned_on_test: no       # generative types only (required there)
    runs: 1                        # generative types only (required there): runs behind the score
    inference_engine: {name: vLLM, version: 0.6.3}   # optional: what served the model (exported)
    training_data:
      saw_test_articles: "no"      # "no", "yes" or "unknown" (YAML no/yes booleans accepted)
      how: null                    # required unless "no": how the system saw them
      datasets: [CoNLL-2003]       # training data, optional
    date: 2024-05-01               # ISO date of the system / submission
    split: breakout/test           # optional (default breakout/test); or give bench submit --split
    flagged: null                  # set by maintainers: the reason an entry is listed apart, unranked

Required: ``authors``, ``description``, ``model_size``, ``system_type``, ``decoding``,
``open_weights``, ``licence``, ``training_data`` and ``date``; for the generative types
(``facets.LLM_TYPES``) also ``prompt_tuned_on_test`` and ``runs``, which the other types
must not give, and their ``decoding`` is not ``n/a`` (which theirs must be). The values and
their definitions are in ``bench.leaderboard.facets``.

The training-data declaration follows MTEB's zero-shot declaration: a system that was
trained or tuned on the test articles (or may have seen them in pre-training) says so,
and the leaderboard shows the declaration next to the score.

Hygiene: no field may hold a control character (a newline or tab is allowed in
``description`` only), a NUL, a bidirectional override or isolate, or another invisible
format character; every field and list is bounded (``LIMITS``); the date cannot be in the
future. Two names are the same entry when their ``name_key`` is equal: NFKC, case-folded,
and reduced to the Unicode confusable skeleton (UTS #39, data of the
``confusable_homoglyphs`` package), so "Мy System" with a Cyrillic М is "My System".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bench.data.problems import Problem, ProblemsError
from bench.leaderboard.facets import LLM_TYPES, Decoding, SystemType, check_licence, is_model_size, parameters
from bench.splits import DEFAULT_SPLIT

MAX_NAME = 80
LIMITS = {"name": 80, "author": 200, "authors": 20, "url": 500, "description": 2000, "model_size": 20}
LIMITS.update({"how": 500, "dataset": 200, "datasets": 20, "licence": 200})
MAX_META_BYTES = 1_000_000
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def check_name(name: str) -> str:
    """A system name: 1-80 printable characters, not only spaces (any text otherwise)."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("system name is empty")
    if len(name) > MAX_NAME:
        raise ValueError(f"system name is longer than {MAX_NAME} characters")
    bad = bad_character(name)
    if bad or not name.isprintable():
        raise ValueError(f"system name contains {bad or 'a non-printable character'}")
    if name != name.strip():
        raise ValueError("system name has leading or trailing spaces")
    return name


def bad_character(text: str, *, newlines: bool = False) -> str | None:
    """A description of the first forbidden character in ``text``, or None.

    >>> bad_character("My\u202eSystem")
    'a bidirectional control character (U+202E)'
    """
    for char in text:
        if newlines and char in "\n\t":
            continue
        code = f"U+{ord(char):04X}"
        if char == "\0":
            return "a NUL character"
        if char in _BIDI:
            return f"a bidirectional control character ({code})"
        category = unicodedata.category(char)
        if category == "Cc":
            return f"a control character ({code})"
        if category in ("Cf", "Co", "Cs", "Cn"):
            return f"an invisible or unassigned character ({code})"
    return None


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Each confusable character's representative (UTS #39 prototype), from ``confusable_homoglyphs``."""
    from confusable_homoglyphs import utils

    table: dict[str, list[dict[str, str]]] = utils.load("confusables.json")
    out: dict[str, str] = {}
    for char, glyphs in table.items():
        if len(char) != 1:
            continue
        others = [g["c"].replace("\u200e", "") for g in glyphs]
        if len(others) == 1 and len(table.get(others[0], [])) > 1:
            out[char] = others[0]  # a source character with its prototype
        elif len(others) == 1 and len(table.get(others[0], [])) <= 1:
            out[char] = min(char, others[0])  # a pair: one representative for both
    return out


def skeleton(text: str) -> str:
    """The confusable skeleton: every character replaced by its prototype (NFD first)."""
    table = _prototypes()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFD", text))


def name_key(name: str) -> str:
    """What two system names must share to be one entry: NFKC, case fold, confusable skeleton.

    >>> name_key("\u041cy System") == name_key("my  system")
    True
    """
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    return unicodedata.normalize("NFC", skeleton(skeleton(text).casefold()))


def _text_problems(data: Any, file: Path) -> list[Problem]:
    """Forbidden characters anywhere in the raw metadata, each with its key path."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
        elif isinstance(value, (list, tuple)):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(value))
        elif isinstance(value, str):
            bad = bad_character(value, newlines=where == "description")
            if bad:
                problems.append(Problem(file, None, where or "metadata", f"contains {bad}"))
    return sorted(problems, key=lambda p: p.item)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class TrainingData(_Strict):
    """Whether and how the system saw the test articles (or their annotations)."""

    saw_test_articles: Literal["no", "yes", "unknown"]
    how: str | None = Field(None, min_length=1, max_length=LIMITS["how"])
    datasets: tuple[str, ...] = Field((), max_length=LIMITS["datasets"])

    @field_validator("datasets")
    @classmethod
    def _datasets(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not item.strip() or len(item) > LIMITS["dataset"]:
                raise ValueError(f"bad dataset {item[:40]!r}: 1-{LIMITS['dataset']} characters")
        return value

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
        """One line for the leaderboard's declaration column: the answer, then how, as two sentences
        (so "how: not trained; ..." never reads as the answer)."""
        if self.saw_test_articles == "no":
            return "saw test articles: no"
        return f"saw test articles: {self.saw_test_articles}. How: {self.how}"


class InferenceEngine(_Strict):
    """What served the model (vLLM, llama-cpp-python, ...): exported as Every Eval Ever's
    ``model_info.inference_engine``."""

    name: str = Field(min_length=1, max_length=80)
    version: str | None = Field(None, min_length=1, max_length=40)


class Metadata(_Strict):
    """A leaderboard entry's metadata (see the module docstring for the file format)."""

    name: str | None = None
    authors: tuple[str, ...] = Field(min_length=1, max_length=LIMITS["authors"])
    url: str | None = Field(None, max_length=LIMITS["url"])
    description: str = Field(min_length=1, max_length=LIMITS["description"])
    model_size: str = Field(max_length=LIMITS["model_size"])
    system_type: SystemType
    decoding: Decoding
    open_weights: bool
    licence: str = Field(min_length=1, max_length=LIMITS["licence"])
    prompt_tuned_on_test: bool | None = None  # generative types only
    runs: int | None = Field(None, ge=1, le=1000)  # generative types only: runs behind the reported score
    inference_engine: InferenceEngine | None = None
    training_data: TrainingData
    date: dt.date
    flagged: str | None = Field(None, min_length=1, max_length=LIMITS["how"])  # why the entry is shown apart
    split: str = DEFAULT_SPLIT  # the registered split the predictions are for (``bench submit --split``)

    @field_validator("split")
    @classmethod
    def _split(cls, value: str) -> str:
        from bench.splits import registry

        if value not in registry():
            raise ValueError(f"unknown split {value!r}; known: {', '.join(sorted(registry()))}")
        return value

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
        if not isinstance(value, str) or not is_model_size(value):
            raise ValueError("model_size is a parameter count such as 0 (rules), 22M, 110M, 1.3B, 7B, or 'undisclosed'")
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime) or not isinstance(value, (str, dt.date)):
            raise ValueError("date is an ISO date, e.g. 2024-05-01")
        return value

    @field_validator("date")
    @classmethod
    def _not_future(cls, value: dt.date) -> dt.date:
        latest = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)  # a day's grace for time zones
        if value > latest:
            raise ValueError(f"date {value.isoformat()} is in the future")
        return value

    @field_validator("open_weights", "prompt_tuned_on_test", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        if value is None or isinstance(value, bool):
            return value
        if value in ("yes", "no"):
            return value == "yes"
        raise ValueError("expected yes or no")

    @field_validator("runs", mode="before")
    @classmethod
    def _runs(cls, value: Any) -> Any:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError("runs is a whole number of runs, at least 1")
        return value

    @field_validator("licence")
    @classmethod
    def _licence(cls, value: str) -> str:
        return check_licence(value)

    @model_validator(mode="after")
    def _generative_fields(self) -> Metadata:
        kind = self.system_type
        if kind in LLM_TYPES:
            missing = [k for k in ("prompt_tuned_on_test", "runs") if getattr(self, k) is None]
            if missing:
                raise ValueError(f"system_type {kind} is generative: give {' and '.join(missing)}")
            if self.decoding == "n/a":
                raise ValueError(f"system_type {kind} is generative: decoding is free, json-mode or schema-constrained")
        else:
            given = [k for k in ("prompt_tuned_on_test", "runs") if getattr(self, k) is not None]
            if given:
                raise ValueError(f"{' and '.join(given)}: only for generative system types, not {kind}")
            if self.decoding != "n/a":
                raise ValueError(f"system_type {kind} is not generative: decoding must be n/a")
        return self

    @property
    def generative(self) -> bool:
        return self.system_type in LLM_TYPES

    @property
    def parameters(self) -> int | None:
        """The number of parameters ``model_size`` stands for (None when undisclosed)."""
        return parameters(self.model_size)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def parse_metadata(data: Any, source: str, name: str | None = None) -> Metadata:
    """Validate a parsed metadata mapping; with ``name`` (``--name``), fill or check ``name``.

    Raises ``ProblemsError`` with one problem per invalid key.
    """
    from bench.resultsio import MAX_DEPTH, nested_at_most

    file = Path(source)
    if not isinstance(data, dict):
        raise ProblemsError([Problem(file, None, "metadata", "expected a mapping of keys to values")])
    if not nested_at_most(data, MAX_DEPTH):
        raise ProblemsError([Problem(file, None, "metadata", f"nested more than {MAX_DEPTH} levels deep")])
    characters = _text_problems(data, file)
    if characters:
        raise ProblemsError(characters)
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
    import os
    import stat

    import yaml

    file = Path(path)
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            raise ProblemsError([Problem(file, None, "file", "not a regular file (a device, pipe or folder)")])
        if info.st_size > MAX_META_BYTES:
            message = f"file is {info.st_size:,} bytes, over the limit of {MAX_META_BYTES:,}"
            raise ProblemsError([Problem(file, None, "file", message)])
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ProblemsError([Problem(file, None, "file", f"cannot read: {err}")]) from err
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ProblemsError([Problem(file, None, "file", f"invalid YAML: {err}".replace("\n", " "))]) from err
    except RecursionError as err:
        raise ProblemsError([Problem(file, None, "file", "invalid YAML: nested too deeply")]) from err
    return parse_metadata(data, str(path), name)
