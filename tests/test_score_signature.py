"""Signatures: exact format, parsing, differences, and the gold hash of in-memory gold."""

from __future__ import annotations

import re

import pytest

from bench.data.load import gold_hash
from bench.score.signature import SCORER_VERSION, content_hash, differences, make_signature, parse_signature


def test_format() -> None:
    signature = make_signature("abcdef012345", 1000, 0, split="breakout/test@1")
    assert (
        signature
        == f"breakout:v1|split:breakout/test@1|gold:sha256=abcdef012345|scorer={SCORER_VERSION}|norm=v1|boot=1000:0"
    )
    assert re.fullmatch(
        r"breakout:v1\|split:[\w/]+@\w+\|gold:sha256=[0-9a-f]{12}\|scorer=[\w.]+\|norm=v1\|boot=\d+:\d+", signature
    )


def test_parse_and_differences() -> None:
    a, b = (
        make_signature("abcdef012345", 1000, 0, split="breakout/test@1"),
        make_signature("abcdef012346", 200, 0, split="muc4/test@1"),
    )
    assert parse_signature(a)["gold"] == "abcdef012345"
    assert differences(a, a) == []
    assert differences(a, b) == [
        "split (name@version) differs: breakout/test@1 vs muc4/test@1",
        "gold data (sha256) differs: abcdef012345 vs abcdef012346",
        "bootstrap resamples:seed differs: 1000:0 vs 200:0",
    ]
    with pytest.raises(ValueError):
        parse_signature("bleu|nrefs:1")


def test_content_hash_equals_file_hash(tiny_split, tiny_files) -> None:
    docs, kb = tiny_split
    split, kb_path = tiny_files
    assert content_hash(docs, kb) == gold_hash(split, kb_path)
    assert content_hash(docs[:2], kb) != content_hash(docs, kb)
