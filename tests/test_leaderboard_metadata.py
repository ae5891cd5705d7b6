"""Submission metadata: validated, unknown keys refused, the training-data declaration enforced."""

from __future__ import annotations

import datetime as dt

import pytest
from leaderboard_helpers import META, write_meta

from bench.data.problems import ProblemsError
from bench.leaderboard.metadata import Metadata, check_name, load_metadata, parse_metadata


def _problems(data, name="X") -> list[str]:
    with pytest.raises(ProblemsError) as info:
        parse_metadata(data, "META.yaml", name)
    return [str(p) for p in info.value.problems]


def test_valid_metadata_round_trips():
    meta = parse_metadata(dict(META), "META.yaml", "My system")
    assert meta.name == "My system"
    assert meta.date == dt.date(2024, 5, 1)
    assert meta.training_data.short() == "saw test articles: no"
    assert Metadata.model_validate(meta.to_json()) == meta


def test_unknown_keys_are_refused_with_their_path():
    lines = _problems({**META, "license": "MIT"}) + _problems(
        {**META, "training_data": {"saw_test_articles": "no", "extra": 1}}
    )
    assert any("license: unknown key" in line for line in lines)
    assert any("training_data.extra: unknown key" in line for line in lines)


@pytest.mark.parametrize(
    "key",
    [
        "authors",
        "description",
        "model_size",
        "system_type",
        "decoding",
        "open_weights",
        "licence",
        "training_data",
        "date",
    ],
)
def test_required_keys(key):
    data = {k: v for k, v in META.items() if k != key}
    assert any(key in line for line in _problems(data))


def test_declaration_needs_how_unless_unseen():
    assert any("say how" in line for line in _problems({**META, "training_data": {"saw_test_articles": "yes"}}))
    meta = parse_metadata(
        {**META, "training_data": {"saw_test_articles": "unknown", "how": "web pre-training"}}, "m", "X"
    )
    assert meta.training_data.short() == "saw test articles: unknown. How: web pre-training"


def test_yaml_booleans_are_read_as_declarations(tmp_path):
    path = tmp_path / "meta.yaml"
    path.write_text(
        "authors: [A]\ndescription: d\nmodel_size: 0\ndate: 2024-01-02\ntraining_data:\n  saw_test_articles: no\n"
        "system_type: rules\ndecoding: n/a\nopen_weights: yes\nlicence: MIT\n",
        encoding="utf-8",
    )
    meta = load_metadata(path, "X")
    assert meta.training_data.saw_test_articles == "no"
    assert meta.open_weights is True and meta.decoding == "n/a"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.org", "https://x.org/a b", 'https://x.org/"onmouseover=1']
)
def test_only_plain_http_urls(url):
    assert any(line.split(": ")[2] == "url" for line in _problems({**META, "url": url}))


@pytest.mark.parametrize("size", ["0", "22M", "1.3B", "7B", "undisclosed", 110000000])
def test_model_sizes(size):
    parse_metadata({**META, "model_size": size}, "m", "X")


@pytest.mark.parametrize("size", ["big", "-1", "1.3 B", ""])
def test_bad_model_sizes(size):
    assert any("model_size" in line for line in _problems({**META, "model_size": size}))


def test_dates_only():
    assert any("date" in line for line in _problems({**META, "date": "yesterday"}))
    assert any("date" in line for line in _problems({**META, "date": dt.datetime(2024, 1, 1, 10, 0)}))


def test_name_from_option_and_file_must_agree(tmp_path):
    assert parse_metadata({**META, "name": "A"}, "m", "A").name == "A"
    assert any("differs from --name" in line for line in _problems({**META, "name": "A"}, "B"))
    assert any("no system name" in line for line in _problems(dict(META), None))


@pytest.mark.parametrize("name", ["", " ", "a\nb", "x" * 81, " padded", "zero\u200bwidth"])
def test_bad_names(name):
    with pytest.raises(ValueError):
        check_name(name)


def test_hostile_names_are_allowed_as_text():
    assert check_name("<img src=x onerror=alert(1)>") == "<img src=x onerror=alert(1)>"


def test_unreadable_files(tmp_path):
    with pytest.raises(ProblemsError, match="cannot read"):
        load_metadata(tmp_path / "missing.yaml", "X")
    bad = tmp_path / "bad.yaml"
    bad.write_text("authors: [unclosed\n", encoding="utf-8")
    with pytest.raises(ProblemsError, match="invalid YAML"):
        load_metadata(bad, "X")
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n", encoding="utf-8")
    with pytest.raises(ProblemsError, match="mapping"):
        load_metadata(listed, "X")


def test_helper_meta_file_loads(tmp_path):
    assert load_metadata(write_meta(tmp_path), "X").authors == ("Ada Lovelace", "Alan Turing")


LLM = {**META, "system_type": "llm-few-shot", "decoding": "json-mode", "prompt_tuned_on_test": False, "runs": 3}


def test_generative_entries_need_runs_and_prompt_declaration():
    meta = parse_metadata(dict(LLM), "m", "X")
    assert meta.generative and meta.runs == 3 and meta.prompt_tuned_on_test is False
    for key in ("runs", "prompt_tuned_on_test"):
        lines = _problems({k: v for k, v in LLM.items() if k != key})
        assert any(f"give {key}" in line for line in lines), lines
    assert any("decoding is free" in line for line in _problems({**LLM, "decoding": "n/a"}))


def test_non_generative_entries_refuse_llm_fields():
    assert not parse_metadata(dict(META), "m", "X").generative
    assert any("only for generative" in line for line in _problems({**META, "runs": 1}))
    assert any("only for generative" in line for line in _problems({**META, "prompt_tuned_on_test": False}))
    assert any("decoding must be n/a" in line for line in _problems({**META, "decoding": "free"}))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("system_type", "llm"),
        ("decoding", "json"),
        ("open_weights", "maybe"),
        ("runs", 0),
        ("runs", "2"),
        ("runs", True),
        ("licence", "MIT-ish"),
        ("licence", ""),
    ],
)
def test_bad_filter_values(key, value):
    data = {**LLM, key: value} if key == "runs" else {**META, key: value}
    assert any(line.split(": ")[2] == key for line in _problems(data))


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("apache-2.0", "Apache-2.0"),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0"),
        ("LicenseRef-Gemma-Terms-of-Use", "LicenseRef-Gemma-Terms-of-Use"),
        ("proprietary", "proprietary"),
    ],
)
def test_licences(given, stored):
    assert parse_metadata({**META, "licence": given}, "m", "X").licence == stored


@pytest.mark.parametrize(
    ("size", "count"),
    [("0", 0), ("22M", 22_000_000), ("1.3B", 1_300_000_000), ("7B", 7 * 10**9), ("undisclosed", None)],
)
def test_model_size_parses_to_parameters(size, count):
    assert parse_metadata({**META, "model_size": size}, "m", "X").parameters == count
