"""WordNet words for the all-capitals path: common words against names (``baselines.english``)."""

from __future__ import annotations

import doctest
import gzip
import json
from pathlib import Path

import baselines.english
from baselines import english
from bench import paths
from tests.optional import need_module


def test_doctests() -> None:
    assert doctest.testmod(baselines.english).failed == 0


def test_inflections_of_common_words_are_common() -> None:
    for word in ("blood", "opinion", "calls", "destabilizing", "leaving", "blackouts", "relieved", "kidnapped"):
        assert english.is_common(word), word


def test_names_and_particles_are_not_common() -> None:
    # WordNet lists "lima" and "salvador"; they are words of muc4/train gold names
    for word in ("lima", "salvador", "bogota", "medellin", "el", "san", "la", "soyapango", "xyzzy"):
        assert not english.is_common(word), word


def test_training_names_only_remove_nouns() -> None:
    names = english._table()["names"]
    assert "shining" in names  # SHINING PATH, a training-split name ...
    assert english.is_common("shining")  # ... but a verb and an adjective too


def test_table_is_wordnet_lower_case_words() -> None:
    with gzip.open(english.WORDS_FILE, "rt", encoding="utf-8") as handle:
        raw = json.load(handle)
    assert raw["source"].startswith("WordNet 3.0")
    for pos in english.PARTS_OF_SPEECH:
        assert len(raw[pos]) > 3000 and raw[pos] == sorted(raw[pos])
        assert all(w.isalpha() and w.islower() for w in raw[pos] + raw[f"{pos}_forms"])


def test_committed_table_is_rebuilt_from_the_pinned_pipeline(tmp_path: Path) -> None:
    from baselines import spacy_ner

    need_module("spacy", 'pip install -e ".[ner]"')
    need_module(spacy_ner.PACKAGE, 'pip install -e ".[ner]"')
    table = english.build_table(spacy_ner.default_dir(), paths.MUC4_DIR / "train.jsonl")
    out = tmp_path / "words.json.gz"
    english.write_table(table, out)
    with (
        gzip.open(out, "rt", encoding="utf-8") as rebuilt,
        gzip.open(english.WORDS_FILE, "rt", encoding="utf-8") as kept,
    ):
        assert json.load(rebuilt) == json.load(kept)
    assert [p.name for p in tmp_path.iterdir()] == ["words.json.gz"]  # no temporary file left


def test_names_of_the_training_split_are_not_read_as_plurals() -> None:
    assert "torres" in english._table()["names"] and not english.is_common("torres")  # not "tor" + s
