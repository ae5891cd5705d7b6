"""Bounded cost of validation (issue 10, items 12, 14) and the library-backed shape layer (item 18).

The split is ``tiny_split`` (documents d1, d2, d3).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import run_bench

from bench.predictions.shape import MAX_DOC_ID, MAX_EVENTS, MAX_ITEMS, MAX_MENTIONS, MAX_STRING, shape_errors
from bench.predictions.validate import MAX_FILE_BYTES, MAX_PROBLEMS, check_object, validate_lines

OK = [{"doc_id": d, "events": []} for d in ("d1", "d2", "d3")]


def _write(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def _fields(record: dict, text: str | None = None) -> list[tuple[str, str]]:
    return check_object(record, text)[1]


def test_events_per_document_are_bounded() -> None:
    record = {"doc_id": "d1", "events": [{"type": "attack"}] * (MAX_EVENTS + 1)}
    assert _fields(record) == [("events", f"{MAX_EVENTS + 1} items are too many (at most {MAX_EVENTS})")]
    record["events"] = record["events"][:MAX_EVENTS]
    assert _fields(record) == []


@pytest.mark.parametrize("key", ["actors", "locations", "counts", "claims"])
def test_items_per_event_are_bounded(key: str) -> None:
    item = {
        "actors": "ISIS",
        "locations": "Baghdad",
        "counts": {"category": "escaped", "value": 3},
        "claims": {"kind": "denial", "actor": "ISIS"},
    }[key]
    record = {"doc_id": "d1", "events": [{"type": "attack", key: [item] * (MAX_ITEMS + 1)}]}
    assert _fields(record) == [(f"events[0].{key}", f"{MAX_ITEMS + 1} items are too many (at most {MAX_ITEMS})")]


def test_mentions_and_strings_are_bounded() -> None:
    mentions = [{"start": 0, "end": 1, "type": "GROUP"}] * (MAX_MENTIONS + 1)
    assert _fields({"doc_id": "d1", "events": [], "mentions": mentions})[0][0] == "mentions"
    long = "x" * (MAX_STRING + 1)
    for event, field in [
        ({"type": "attack", "actors": [long]}, "events[0].actors[0]"),
        ({"type": "attack", "actors": [{"text": long}]}, "events[0].actors[0].text"),
        ({"type": "attack", "counts": [{"category": "escaped", "value": long}]}, "events[0].counts[0].value"),
        (
            {"type": "attack", "claims": [{"kind": "denial", "actor": "x", "source": long}]},
            "events[0].claims[0].source",
        ),
    ]:
        assert _fields({"doc_id": "d1", "events": [event]}) == [
            (field, f"string of {MAX_STRING + 1:,} characters is too long (at most {MAX_STRING})")
        ]
    assert _fields({"doc_id": "d" * (MAX_DOC_ID + 1), "events": []})[0][0] == "doc_id"


def test_problems_per_file_are_capped_and_counted(tmp_path: Path, tiny_files) -> None:
    split, kb = tiny_files
    path = _write(tmp_path / "p.jsonl", [*OK, *(["[]"] * 500)])
    result = run_bench("validate", path, "--gold", split, "--kb", kb)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 3
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == f"{path}:4: -: line: expected a JSON object for one document, got array"
    stop = 3 + MAX_PROBLEMS + 1  # three valid lines, then the first unlisted bad line
    assert (
        lines[-1]
        == f"{path}: -: file: stopped at line {stop} after {MAX_PROBLEMS} problems; {503 - stop + 1:,} more lines not checked"
    )


def test_validation_streams_and_remembers_only_gold_documents(tiny_split) -> None:
    docs, _ = tiny_split

    def lines():
        for number in range(1, 20001):
            yield number, {"doc_id": f"unknown-{number}", "events": []}

    documents, problems = validate_lines(lines(), docs, "p.jsonl", max_problems=10)
    assert documents == [] and len(problems) == 11
    assert problems[-1].message == "stopped at line 11 after 10 problems; 19,990 more lines not checked"
    few = [(1, {"doc_id": "zz", "events": []})]  # one unknown, three missing: over a limit of 2
    _, problems = validate_lines(few, docs, "p.jsonl", max_problems=2)
    assert [p.message for p in problems][-1] == "... and 2 more problems (only the first 2 are listed)"


def test_oversized_file_is_refused_before_reading(tmp_path: Path, tiny_files) -> None:
    split, kb = tiny_files
    path = _write(tmp_path / "p.jsonl", OK)
    size = path.stat().st_size
    result = run_bench("validate", path, "--gold", split, "--kb", kb, "--max-bytes", str(size - 1))
    assert result.returncode == 3
    assert result.stderr.strip() == (
        f"{path}: -: file: file is {size:,} bytes, over the limit of {size - 1:,} (raise it with --max-bytes)"
    )
    assert run_bench("validate", path, "--gold", split, "--kb", kb, "--max-bytes", str(size)).returncode == 0
    assert MAX_FILE_BYTES == 100_000_000


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_non_regular_files_are_refused(tmp_path: Path, tiny_files, target: str) -> None:
    split, kb = tiny_files
    path = Path(target)
    if target == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    elif target == "folder":
        path = tmp_path
    result = run_bench("eval", "-p", path, "--gold", split, "--kb", kb)
    assert result.returncode == 3
    assert result.stderr.strip() == f"{path}: -: file: not a regular file (a device, pipe or folder)"


def test_shape_errors_name_the_path_in_document_order() -> None:
    record = {
        "events": [
            {
                "type": "attack",
                "counts": [{"value": {"low": -1, "high": 2}, "category": "killed", "victims": "police"}],
                "actors": [7],
            }
        ],
        "doc_id": "d1",
        "extra": 1,
    }
    assert [(".".join(map(str, p)), m) for p, m in shape_errors(record)] == [
        ("events.0.counts.0.value.low", "expected a non-negative integer or null, got -1"),
        (
            "events.0.counts.0.victims",
            "'police' is not a known victims class; expected one of security, attackers, prisoners, civilians, mixed",
        ),
        ("events.0.actors.0", "expected a string or a {text, start, end} object, got integer"),
        ("extra", "unknown key (allowed: doc_id, mentions, events)"),
    ]


def test_in_memory_records_with_tuples_keep_every_event(tiny_split) -> None:
    """fastjsonschema takes tuples for arrays: records are made plain first, so no event is dropped."""
    from bench.predictions.validate import validate_records

    docs, _ = tiny_split
    records = [
        {"doc_id": "d1", "events": ({"type": "attack", "actors": ("ISIS",), "locations": ["Hassakeh"]},)},
        {"doc_id": "d2", "events": ()},
        {"doc_id": "d3", "events": [], "mentions": ({"start": 0, "end": 9, "type": "GROUP"},)},
    ]
    d1, _, d3 = validate_records(records, docs, "<records>")
    assert d1.events[0].actors == ("ISIS",) and d1.events[0].locations == ("Hassakeh",)
    assert len(d3.mentions) == 1
