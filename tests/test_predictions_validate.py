"""Validation of predictions files: 40 malformed files, each exit 3 with one clear line.

The split is ``tiny_split`` (documents d1, d2, d3; d3's text is 36 characters long). Each
malformed file is the valid "no events" file for the three documents with one defect.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bench.cli import app
from bench.data.problems import ProblemsError
from bench.predictions.model import PredValue
from bench.predictions.validate import check_object, load_predictions, validate_records

EMPTY = {d: {"doc_id": d, "events": []} for d in ("d1", "d2", "d3")}


def _lines(**replace: Any) -> list[str]:
    """The three valid lines, with some documents' lines replaced (a str is written raw)."""
    out = []
    for doc_id, record in EMPTY.items():
        value = replace.get(doc_id, record)
        out.append(value if isinstance(value, str) else json.dumps(value))
    return out


def _event(**fields: Any) -> dict:
    return {"doc_id": "d1", "events": [{"type": "attack", **fields}]}


def _count(**fields: Any) -> dict:
    return _event(counts=[{"category": "escaped", "value": 3, **fields}])


def _claim(**fields: Any) -> dict:
    return _event(claims=[{"kind": "responsibility", "actor": "ISIS", **fields}])


FIFTY_MB = '{"doc_id": "d1", "events": [], "pad": "' + "x" * (50 * 1024 * 1024) + '"}'

# (case, lines, expected line number, doc id, field, fragment of the message)
CASES: list[tuple[str, list[str], int | None, str, str, str]] = [
    ("broken_json", _lines(d1='{"doc_id": "d1", "events": ['), 1, "d1", "line", "invalid JSON"),
    ("missing_document", _lines()[:2], None, "d3", "doc_id", "missing"),
    (
        "duplicate_document",
        _lines() + [json.dumps(EMPTY["d1"])],
        4,
        "d1",
        "doc_id",
        "duplicate document (first on line 1)",
    ),
    ("unknown_document", _lines() + ['{"doc_id": "d9", "events": []}'], 4, "d9", "doc_id", "unknown document"),
    (
        "events_not_array",
        _lines(d1={"doc_id": "d1", "events": "none"}),
        1,
        "d1",
        "events",
        "expected an array, got string",
    ),
    (
        "doc_id_not_string",
        _lines() + ['{"doc_id": 7, "events": []}'],
        4,
        "-",
        "doc_id",
        "expected a string, got integer",
    ),
    ("events_missing", _lines(d1={"doc_id": "d1"}), 1, "d1", "events", "required key is missing"),
    (
        "mention_past_text",
        _lines(d3={"doc_id": "d3", "events": [], "mentions": [{"start": 30, "end": 400, "type": "LOCATION"}]}),
        3,
        "d3",
        "mentions[0]",
        "past the end of the document text (36 characters)",
    ),
    (
        "mention_empty",
        _lines(d3={"doc_id": "d3", "events": [], "mentions": [{"start": 5, "end": 5, "type": "GROUP"}]}),
        3,
        "d3",
        "mentions[0]",
        "end 5 must be after start 5",
    ),
    (
        "mention_negative",
        _lines(d3={"doc_id": "d3", "events": [], "mentions": [{"start": -1, "end": 5, "type": "GROUP"}]}),
        3,
        "d3",
        "mentions[0].start",
        "non-negative integer offset, got -1",
    ),
    (
        "mention_unknown_type",
        _lines(d3={"doc_id": "d3", "events": [], "mentions": [{"start": 0, "end": 5, "type": "ORG"}]}),
        3,
        "d3",
        "mentions[0].type",
        "'ORG' is not a known mention type",
    ),
    (
        "event_unknown_type",
        _lines(d1={"doc_id": "d1", "events": [{"type": "riot"}]}),
        1,
        "d1",
        "events[0].type",
        "not a known event type",
    ),
    (
        "unknown_category",
        _lines(d1=_count(category="injured")),
        1,
        "d1",
        "events[0].counts[0].category",
        "'injured' is not a known category",
    ),
    (
        "unknown_victims",
        _lines(d1=_count(category="killed", victims="police")),
        1,
        "d1",
        "events[0].counts[0].victims",
        "not a known victims class",
    ),
    (
        "missing_victims",
        _lines(d1=_count(category="killed")),
        1,
        "d1",
        "events[0].counts[0].victims",
        "required for 'killed'",
    ),
    (
        "victims_on_escaped",
        _lines(d1=_count(victims="security")),
        1,
        "d1",
        "events[0].counts[0].victims",
        "only killed and wounded",
    ),
    ("negative_value", _lines(d1=_count(value=-3)), 1, "d1", "events[0].counts[0].value", "cannot be negative"),
    (
        "non_numeric_value",
        _lines(d1=_count(value="many")),
        1,
        "d1",
        "events[0].counts[0].value",
        "cannot read 'many' as a number",
    ),
    ("negative_value_text", _lines(d1=_count(value="-5")), 1, "d1", "events[0].counts[0].value", "negative number"),
    (
        "range_low_above_high",
        _lines(d1=_count(value={"low": 10, "high": 5})),
        1,
        "d1",
        "events[0].counts[0].value",
        "low 10 is above high 5",
    ),
    (
        "range_without_bounds",
        _lines(d1=_count(value={"low": None, "high": None})),
        1,
        "d1",
        "events[0].counts[0].value",
        "at least one of",
    ),
    ("value_boolean", _lines(d1=_count(value=True)), 1, "d1", "events[0].counts[0].value", "got boolean"),
    ("value_fraction", _lines(d1=_count(value=2.5)), 1, "d1", "events[0].counts[0].value", "got number"),
    (
        "unknown_claim_kind",
        _lines(d1=_claim(kind="blame")),
        1,
        "d1",
        "events[0].claims[0].kind",
        "'blame' is not a known claim kind",
    ),
    (
        "claim_missing_actor",
        _lines(d1={"doc_id": "d1", "events": [{"type": "attack", "claims": [{"kind": "denial"}]}]}),
        1,
        "d1",
        "events[0].claims[0].actor",
        "required key is missing",
    ),
    ("misspelt_key", _lines(d1=_event(actor=["ISIS"])), 1, "d1", "events[0].actor", "did you mean 'actors'?"),
    ("fifty_mb_line", _lines(d1=FIFTY_MB), 1, "d1", "line", "longer than 10,000,000 bytes"),
    (
        "nan_value",
        _lines(
            d1='{"doc_id": "d1", "events": [{"type": "attack", "counts": [{"category": "escaped", "value": NaN}]}]}'
        ),
        1,
        "d1",
        "line",
        "NaN is not allowed",
    ),
    (
        "infinity_offset",
        _lines(d3='{"doc_id": "d3", "events": [], "mentions": [{"start": 0, "end": Infinity, "type": "GROUP"}]}'),
        3,
        "d3",
        "line",
        "Infinity is not allowed",
    ),
    (
        "duplicate_key",
        _lines(d1='{"doc_id": "d1", "events": [], "events": []}'),
        1,
        "d1",
        "line",
        "key 'events' appears twice",
    ),
    ("array_line", _lines() + ["[1, 2]"], 4, "-", "line", "expected a JSON object for one document, got array"),
    ("null_line", _lines() + ["null"], 4, "-", "line", "got null"),
    (
        "span_text_mismatch",
        _lines(d1=_event(actors=[{"text": "ISIS", "start": 0, "end": 4}])),
        1,
        "d1",
        "events[0].actors[0]",
        "is not the document text at 0:4 ('Isis')",
    ),
    (
        "span_start_without_end",
        _lines(d1=_event(actors=[{"text": "Isis", "start": 0}])),
        1,
        "d1",
        "events[0].actors[0]",
        "give both",
    ),
    (
        "span_past_text",
        _lines(d1=_count(source={"text": "x", "start": 1000, "end": 1001})),
        1,
        "d1",
        "events[0].counts[0].source",
        "past the end",
    ),
    ("empty_actor", _lines(d1=_event(actors=[""])), 1, "d1", "events[0].actors[0]", "empty string"),
    ("source_integer", _lines(d1=_count(source=5)), 1, "d1", "events[0].counts[0].source", "got integer"),
    (
        "lone_surrogate",
        _lines(d1='{"doc_id": "d1", "events": [{"type": "attack", "actors": ["\\ud800"]}]}'),
        1,
        "d1",
        "events[0].actors[0]",
        "unpaired surrogate",
    ),
    (
        "huge_integer",
        _lines(d1='{"doc_id": "d1", "events": [], "x": ' + "1" * 5000 + "}"),
        1,
        "d1",
        "line",
        "thousands of digits",
    ),
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    return path


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_at_least_25_malformed_files() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize(("case", "lines", "line", "doc", "field", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file_exits_3_with_one_clear_line(
    tmp_path: Path, tiny_files, case, lines, line, doc, field, fragment
) -> None:
    split, kb = tiny_files
    path = _write(tmp_path / f"{case}.jsonl", lines)
    result = _invoke("validate", str(path), "--gold", str(split), "--kb", str(kb))
    assert result.exit_code == 3, result.output
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 1, problems
    where = f"{path}:{line}" if line is not None else f"{path}"
    assert problems[0].startswith(f"{where}: {doc}: {field}: "), problems[0]
    assert fragment in problems[0]
    assert result.stdout == ""


def test_invalid_utf8_file(tmp_path: Path, tiny_files) -> None:
    split, kb = tiny_files
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        b'{"doc_id": "d1", "events": [{"type": "attack", "actors": ["\xff\xfe"]}]}\n'
        + "".join(line + "\n" for line in _lines()[1:]).encode()
    )
    result = _invoke("validate", str(path), "--gold", str(split), "--kb", str(kb))
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [f"{path}:1: d1: line: not valid UTF-8 (byte 60 of the line)"]


def test_eval_scores_nothing_from_an_invalid_file(tmp_path: Path, tiny_files) -> None:
    split, kb = tiny_files
    path = _write(tmp_path / "bad.jsonl", _lines(d1=_count(value="many")))
    out = tmp_path / "results.json"
    result = _invoke("eval", "--predictions", str(path), "--gold", str(split), "--kb", str(kb), "--out", str(out))
    assert result.exit_code == 3
    assert "cannot read 'many' as a number" in result.stderr
    assert not out.exists() and result.stdout == ""


def test_every_problem_is_listed(tmp_path: Path, tiny_files) -> None:
    split, kb = tiny_files
    path = _write(
        tmp_path / "bad.jsonl", [json.dumps(_count(value="many", category="injured")), '{"doc_id": "d2", "events": 5}']
    )
    result = _invoke("validate", str(path), "--gold", str(split), "--kb", str(kb))
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 3 and len(lines) == 4
    assert [line.split(": ")[2] for line in lines] == [
        "events[0].counts[0].category",
        "events[0].counts[0].value",
        "events",
        "doc_id",
    ]


@pytest.mark.parametrize(
    "data", [b'{"doc_id": "d1", "events": [\n', b"\xff\xfe\n", b'{"doc_id": "d1", "events": NaN}\n']
)
def test_real_entry_point_prints_no_traceback(tmp_path: Path, tiny_files, data: bytes) -> None:
    split, kb = tiny_files
    path = tmp_path / "bad.jsonl"
    path.write_bytes(data)
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bench.cli import main; main()",
            "eval",
            "-p",
            str(path),
            "--gold",
            str(split),
            "--kb",
            str(kb),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 3
    assert "Traceback" not in run.stderr
    assert all(re.match(rf"{re.escape(str(path))}(:\d+)?: [^:]+: [^:]+: .+", line) for line in run.stderr.splitlines())


def test_valid_forms(tiny_split) -> None:
    docs, _ = tiny_split
    text = docs[0].text
    record = {
        "doc_id": "d1",
        "mentions": [{"start": 0, "end": 11, "type": "GROUP"}],
        "events": [
            {
                "type": "prison_break",
                "actors": ["ISIS", {"text": "Isis gunmen", "start": 0, "end": 11}, {"text": "the group"}],
                "locations": ["Gweiran Prison"],
                "counts": [
                    {"category": "killed", "victims": "security", "value": 5, "source": "Kurdish officials"},
                    {"category": "escaped", "value": "hundreds", "source": None},
                    {"category": "escaped", "value": {"low": 24, "high": 99}},
                    {"category": "escaped", "value": {"low": 25, "high": None}},
                    {
                        "category": "escaped",
                        "value": {
                            "text": "at least five",
                            "start": text.index("at least five"),
                            "end": text.index("at least five") + 13,
                        },
                    },
                    {"category": "escaped", "victims": None, "value": 3.0},
                ],
                "claims": [{"kind": "responsibility", "actor": "ISIS", "source": {"text": "The Islamic State"}}],
            }
        ],
    }
    document, problems = check_object(record, text)
    assert problems == [] and document is not None
    values = [c.value for c in document.events[0].counts]
    assert values[0] == PredValue(5, 5, 5, "exact", "5")
    assert (values[1].stated, values[1].low, values[1].high, values[1].modifier) == (None, 200, 999, "vague")
    assert (values[2].low, values[2].high, values[2].modifier) == (24, 99, "vague")
    assert (values[3].low, values[3].high, values[3].modifier) == (25, None, "at_least")
    assert (values[4].stated, values[4].modifier) == (5, "at_least")
    assert values[5].stated == 3 and isinstance(values[5].stated, int)
    assert document.events[0].actors == ("ISIS", "Isis gunmen", "the group")
    assert document.events[0].claims[0].source == "The Islamic State"


def test_load_predictions_returns_split_order(tmp_path: Path, tiny_split) -> None:
    docs, _ = tiny_split
    path = _write(tmp_path / "p.jsonl", list(reversed(_lines())))
    assert [p.doc_id for p in load_predictions(path, docs)] == ["d1", "d2", "d3"]
    with pytest.raises(ProblemsError) as err:
        load_predictions(tmp_path / "absent.jsonl", docs)
    assert "cannot read" in str(err.value)


def test_validate_records_names_the_source(tiny_split) -> None:
    docs, _ = tiny_split
    with pytest.raises(ProblemsError) as err:
        validate_records(
            [EMPTY["d1"], EMPTY["d2"], {"doc_id": "d3", "events": [{"type": "x"}]}], docs, "<extractor demo>"
        )
    assert str(err.value).startswith("<extractor demo>:3: d3: events[0].type: ")
