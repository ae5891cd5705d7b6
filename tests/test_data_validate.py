"""``bench data validate`` passes on the committed data and fails loudly on corrupted copies."""

import json
import shutil
from pathlib import Path

import pytest
from helpers import run_bench

from bench import paths


def test_builtin_gold_is_consistent():
    result = run_bench("data", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(paths.SEEDS_DIR, tmp_path / "seeds")
    shutil.copy(paths.GOLD_SPLIT, tmp_path / "test.jsonl")
    shutil.copy(paths.GOLD_KB, tmp_path / "kb.jsonl")
    return tmp_path


def _validate(root: Path):
    return run_bench(
        "data", "validate", "--gold", root / "test.jsonl", "--kb", root / "kb.jsonl", "--seeds", root / "seeds"
    )


def _edit_first_doc(root: Path, edit) -> str:
    lines = (root / "test.jsonl").read_text(encoding="utf-8").splitlines()
    doc = json.loads(lines[0])
    edit(doc)
    lines[0] = json.dumps(doc, ensure_ascii=False)
    (root / "test.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return doc["doc_id"]


def _first_event_with(doc: dict, key: str) -> dict:
    return next(ev for ev in doc["events"] if ev[key])


def test_the_copy_itself_validates(copy):
    assert _validate(copy).returncode == 0


def _shift(doc):
    span = doc["entities"][0]["mentions"][0]
    span["start"] += 1
    span["end"] += 1


def _unknown_actor(doc):
    _first_event_with(doc, "actors")["actors"][0] = "no_such_entity"


def _overlap(doc):
    first = doc["entities"][0]["mentions"][0]
    other = doc["entities"][1]
    start = first["start"] + 1
    other["mentions"].append({"start": start, "end": first["end"] + 1, "text": doc["text"][start : first["end"] + 1]})


def _category(doc):
    _first_event_with(doc, "counts")["counts"][0]["category"] = "fled"


def _unknown_kb(doc):
    next(e for e in doc["entities"] if e["kb"])["kb"] = "no_such_kb_id"


@pytest.mark.parametrize(
    "corrupt, expected",
    [
        (_shift, "point at"),
        (_unknown_actor, "unknown entity 'no_such_entity'"),
        (_overlap, "overlaps"),
        (_category, "category"),
        (_unknown_kb, "unknown kb id 'no_such_kb_id'"),
    ],
    ids=["offset-off-by-one", "unknown-id", "overlapping-mentions", "unknown-category", "unknown-kb-id"],
)
def test_corruption_is_reported_on_one_line(copy, corrupt, expected):
    doc_id = _edit_first_doc(copy, corrupt)
    result = _validate(copy)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if expected in line]
    assert problem_lines, result.stderr
    assert problem_lines[0].startswith(f"{copy / 'test.jsonl'}:1: {doc_id}: ")


def test_changed_seed_file_is_reported(copy):
    seed = sorted((copy / "seeds").glob("*.txt"))[2]
    seed.write_bytes(seed.read_bytes().replace(b"prison", b"prisom", 1))
    result = _validate(copy)
    assert result.returncode == 3
    assert f"{seed}: {seed.stem}: sha256: seed file changed" in result.stderr
    assert "differs from the seed article" in result.stderr


def test_missing_kb_parent_and_stale_compile_are_reported(copy):
    lines = (copy / "kb.jsonl").read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[0])
    entry["parent"] = "atlantis"
    entry["type"] = "LOCATION"
    lines[0] = json.dumps(entry)
    (copy / "kb.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _validate(copy)
    assert result.returncode == 3 and "unknown kb id 'atlantis'" in result.stderr
