"""The spaCy NER proposer of the rules baseline (``--option ner=spacy``): pin, labels, options."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from baselines import spacy_ner
from baselines.rules import RuleExtractor
from baselines.spans import Mention
from bench import paths
from bench.data.load import load_split
from bench.extractors import blind, load_extractor
from bench.extractors.options import OptionError
from bench.predictions.validate import validate_records
from tests.optional import need_module

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pipeline_dir() -> Path:
    need_module("spacy", 'pip install -e ".[ner]"')
    need_module(spacy_ner.PACKAGE, 'pip install -e ".[ner]"')
    return spacy_ner.default_dir()


def _typed(text: str, mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(m.text(text), m.type) for m in mentions}


# -- label mapping (no model) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "surface", "expected"),
    [
        ("PERSON", "John Smith", ("John Smith", "PERSON")),
        ("PERSON", "the John Smith", ("John Smith", "PERSON")),
        ("ORG", "the Interior Ministry", ("the Interior Ministry", "GROUP")),
        ("ORG", "Hezbollah's", ("Hezbollah", "GROUP")),
        ("NORP", "Kurdish", ("Kurdish", "GROUP")),
        ("GPE", "Lagos", ("Lagos", "LOCATION")),
        ("LOC", "the Sahel", ("the Sahel", "LOCATION")),
        ("FAC", "the Central Prison", ("the Central Prison", "LOCATION")),
        ("CARDINAL", "twelve", None),  # counts come from the rules' own number finder
        ("QUANTITY", "300 gallons", None),
        ("DATE", "Monday", None),
        ("MONEY", "$5", None),
        ("ORDINAL", "first", None),
        ("ORG", "...", None),
    ],
)
def test_labels_map_to_breakout_types(label: str, surface: str, expected: tuple[str, str] | None) -> None:
    text = f"x {surface} y"
    mention = spacy_ner.to_mention(text, 2, 2 + len(surface), label)
    assert (None if mention is None else (mention.text(text), mention.type)) == expected


def test_every_mapped_label_is_a_span_type() -> None:
    from baselines.spans import SPAN_TYPES

    assert set(spacy_ner.LABELS.values()) <= set(SPAN_TYPES)


# -- the real pipeline ---------------------------------------------------------------------


def test_the_pinned_pipeline_proposes_typed_spans(pipeline_dir: Path) -> None:
    propose = spacy_ner.proposer()
    text = "John Smith, a spokesman for the United Nations, said 25 prisoners escaped from a jail in Lagos, Nigeria."
    found = _typed(text, propose(text))
    assert {("John Smith", "PERSON"), ("the United Nations", "GROUP"), ("Nigeria", "LOCATION")} <= found
    text = "Kurdish officials said the Taliban attacked a police post near Kabul, killing twelve."
    found = _typed(text, propose(text))
    assert {("Kurdish", "GROUP"), ("Kabul", "LOCATION")} <= found
    assert all(kind in ("PERSON", "GROUP", "LOCATION") for _, kind in found)


def test_numbers_dates_and_money_are_not_proposed(pipeline_dir: Path) -> None:
    text = "On Monday, 5 June 2019, the ministry paid $300 to the families of 25 victims."
    found = _typed(text, spacy_ner.proposer()(text))
    assert not any(surface[0].isdigit() or "Monday" in surface for surface, _ in found)


def test_recased_text_drops_verbs_read_as_names(pipeline_dir: Path) -> None:
    for word in ("Kidnap", "Hurled", "Kidnapped", "Occurred", "Far"):
        assert spacy_ner.is_word_not_name(word), word
    for name in ("Bogota", "Salvadoran", "National Guard", "Armed Forces", "Kidnap Bogota"):
        assert not spacy_ner.is_word_not_name(name), name
    text = "Guerrillas Hurled dynamite at the police post in Bogota."
    propose = spacy_ner.proposer()
    names = {surface for surface, _ in _typed(text, propose(text, recased=True))}
    assert "Hurled" not in names
    assert {m for m in propose(text, recased=True)} <= {m for m in propose(text)}


def test_pinned_files_are_the_installed_ones(pipeline_dir: Path) -> None:
    installed = sorted(p.relative_to(pipeline_dir).as_posix() for p in pipeline_dir.rglob("*") if p.is_file())
    assert installed == sorted(spacy_ner.PINNED)
    spacy_ner.verify(pipeline_dir)


def test_a_corrupted_copy_is_refused_with_one_line(pipeline_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pipeline"
    shutil.copytree(pipeline_dir, copy)
    weights = copy / "ner" / "model"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")
    with pytest.raises(spacy_ner.NerModelError) as err:
        spacy_ner.load(copy)
    message = str(err.value)
    assert "\n" not in message and str(weights) in message and "not the pinned" in message
    (copy / "config.cfg").unlink()
    with pytest.raises(spacy_ner.NerModelError, match=r"config\.cfg: missing"):
        spacy_ner.verify(copy)


def test_cli_refuses_a_corrupted_pipeline_in_one_line(
    pipeline_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from bench.cli import app

    copy = tmp_path / "pipeline"
    shutil.copytree(pipeline_dir, copy)
    (copy / "meta.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(spacy_ner, "default_dir", lambda: copy)
    result = CliRunner().invoke(app, ["eval", "--extractor", "rules", "--option", "ner=spacy"], catch_exceptions=False)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(copy / "meta.json") in lines[0] and "not the pinned" in lines[0]


def test_a_missing_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_ner, "PACKAGE", "no_such_spacy_pipeline_package")
    with pytest.raises(spacy_ner.NerModelError, match="pip install"):
        spacy_ner.default_dir()


# -- the rules extractor with ner=spacy ----------------------------------------------------


def test_unknown_option_values_are_errors() -> None:
    with pytest.raises(OptionError, match=r"ner='bert'.*caps, spacy"):
        RuleExtractor(ner="bert")
    with pytest.raises(OptionError, match="ner_input='lower'"):
        RuleExtractor(ner="spacy", ner_input="lower")
    with pytest.raises(OptionError, match="only applies to ner=spacy"):
        RuleExtractor(ner_input="original")


def test_cli_reports_an_unknown_proposer_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "eval", "--extractor", "rules", "--option", "ner=bert"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "ner='bert'" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_with_spacy_give_valid_predictions_on_the_seed_documents(pipeline_dir: Path) -> None:
    docs = load_split(paths.GOLD_SPLIT)
    extractor = load_extractor("rules", ner="spacy")
    records = extractor.predict(blind(docs))
    preds = validate_records(records, docs, "<rules ner=spacy>")
    assert [p.doc_id for p in preds] == [d.doc_id for d in docs]
    assert sum(len(r["events"]) for r in records) > 0
    assert {m["type"] for r in records for m in r["mentions"]} <= {"PERSON", "GROUP", "LOCATION", "COUNT"}
    caps = RuleExtractor().predict(blind(docs))
    assert [r["mentions"] for r in records] != [r["mentions"] for r in caps]  # the proposer is used
    assert extractor.metadata["options"] == {"ner": "spacy", "ner_input": "recased"}
    assert extractor.metadata["ner_model"]["name"] == spacy_ner.NAME


def test_spacy_reads_the_original_capitals_when_asked(pipeline_dir: Path) -> None:
    from bench.data.model import Document

    doc = Document(doc_id="d", text="GUERRILLAS ATTACKED A POLICE POST IN SAN SALVADOR, KILLING 12 SOLDIERS.")
    seen: list[str] = []
    for ner_input in ("recased", "original"):
        extractor = RuleExtractor(ner="spacy", ner_input=ner_input)
        inner = extractor._propose
        assert inner is not None
        extractor._propose = lambda text, inner=inner, **kw: seen.append(text) or inner(text, **kw)
        record = extractor.predict_one(doc)
        assert all(doc.text[m["start"] : m["end"]].isupper() for m in record["mentions"] if m["type"] != "COUNT")
    assert seen[0] != doc.text and seen[0].upper() == doc.text and seen[1] == doc.text


def test_importing_the_proposer_does_not_import_spacy() -> None:
    code = "import sys, baselines.rules, baselines.spacy_ner; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
