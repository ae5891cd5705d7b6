"""The split registry: names, defaults, custom gold files, and the split in every signature."""

from __future__ import annotations

import shutil

import pytest

from bench import paths
from bench.resultsio import as_split, load_gold, score_file
from bench.score.signature import parse_signature
from bench.splits import CUSTOM, DEFAULT_SPLIT, UnknownSplit, custom_split, get_split, registry, resolve_split


def test_default_split_is_the_breakout_test_split() -> None:
    split = get_split(DEFAULT_SPLIT)
    assert split.name == "breakout/test" and split.benchmark == "breakout"
    assert split.gold == paths.GOLD_SPLIT and split.kb == paths.GOLD_KB
    assert get_split("breakout") == split
    assert resolve_split() == split


def test_unknown_split_names_the_known_ones() -> None:
    with pytest.raises(UnknownSplit, match=r"known: .*breakout/test"):
        get_split("breakout/dev-does-not-exist")


def test_registered_files_given_as_paths_are_that_split(tmp_path) -> None:
    assert custom_split(paths.GOLD_SPLIT, paths.GOLD_KB) == get_split(DEFAULT_SPLIT)
    copy = tmp_path / "test.jsonl"
    shutil.copy(paths.GOLD_SPLIT, copy)
    other = custom_split(copy, None)
    assert other.name == CUSTOM and other.label == "custom@-" and other.kb == paths.GOLD_KB
    assert resolve_split("breakout/test", None, tmp_path / "kb.jsonl").name == CUSTOM  # another KB: not the split


def test_as_split_takes_names_splits_and_paths() -> None:
    split = get_split(DEFAULT_SPLIT)
    assert as_split("breakout/test") == split == as_split(split) == as_split(None)
    assert as_split(str(paths.GOLD_SPLIT)) == split


def test_every_registered_split_has_fields_and_a_version() -> None:
    for name, split in registry().items():
        assert split.name == name and split.version and split.fields
        assert set(split.fields) <= {"actor", "location", "count", "attribution", "claim"}


def test_signature_names_the_split(tmp_path) -> None:
    oracle = tmp_path / "oracle.jsonl"
    from bench.extractors.oracle import oracle_record

    gold = load_gold()
    oracle.write_text("".join(__import__("json").dumps(oracle_record(d)) + "\n" for d in gold.docs))
    results = score_file(oracle, gold, bootstrap=0)
    assert parse_signature(results.signature)["split"] == gold.split.label == results.to_json()["split"]
    copy = tmp_path / "test.jsonl"
    shutil.copy(paths.GOLD_SPLIT, copy)
    custom = score_file(oracle, load_gold(copy), bootstrap=0)
    assert parse_signature(custom.signature)["split"] == "custom@-"
    assert custom.gold_hash == results.gold_hash and custom.signature != results.signature
