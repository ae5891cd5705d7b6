"""``bench eval``, ``bench validate`` and ``bench predict`` from the command line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import write_split
from typer.testing import CliRunner

from bench import paths
from bench.cli import app
from bench.data.load import gold_hash
from bench.data.model import Document
from bench.extractors import registry
from bench.score.signature import SCORER_VERSION


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def gold(tiny_files) -> list[str]:
    split, kb = tiny_files
    return ["--gold", str(split), "--kb", str(kb)]


class CrashingExtractor:
    name = "crash"

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        raise RuntimeError("model weights not found")


class SloppyExtractor:
    name = "sloppy"

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        return [{"doc_id": d.doc_id, "events": [{"type": "riot"}]} for d in documents]


class PeekingExtractor:
    """Fails loudly if it is handed any annotation."""

    name = "peek"

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        assert all(not d.entities and not d.events for d in documents), "extractor saw the gold"
        return [{"doc_id": d.doc_id, "events": []} for d in documents]


def test_help_lists_the_commands() -> None:
    out = run("--help").output
    assert "eval" in out and "validate" in out and "predict" in out


def test_predict_validate_eval_round_trip(tmp_path: Path, gold, tiny_files) -> None:
    preds = tmp_path / "oracle.jsonl"
    assert run("predict", "--extractor", "oracle", "--out", str(preds), *gold).exit_code == 0
    assert len(preds.read_text().splitlines()) == 3
    check = run("validate", str(preds), *gold)
    assert check.exit_code == 0 and "ok: 3 documents, 3 events" in check.stdout
    result = run("eval", "--predictions", str(preds), *gold, "--bootstrap", "50")
    assert result.exit_code == 0
    assert "headline (mean F1 of actor, location, count, attribution): 1.000 [1.000, 1.000]" in result.stdout
    signature = (
        f"breakout:v1|split:custom@-|gold:sha256={gold_hash(*tiny_files)}|scorer={SCORER_VERSION}|norm=v1|boot=50:0"
    )
    assert f"signature: {signature}" in result.stdout
    for field in ("actor", "location", "count", "attribution", "span strict", "span partial"):
        assert any(line.strip("│ ").startswith(field) for line in result.stdout.splitlines()), field


def test_eval_json_and_out(tmp_path: Path, gold, tiny_files) -> None:
    out = tmp_path / "results.json"
    result = run("eval", "--extractor", "empty", *gold, "--json", "--out", str(out), "--bootstrap", "30", "--seed", "4")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload == json.loads(out.read_text())
    assert payload["signature"].endswith("|boot=30:4") and payload["gold_hash"] == gold_hash(*tiny_files)
    assert payload["scores"]["actor"]["recall"] == 0.0 and payload["headline"] == 0.0
    assert set(payload["per_document"]) == {"d1", "d2", "d3"}


def test_eval_with_the_oracle_extractor(gold) -> None:
    payload = json.loads(run("eval", "-e", "oracle", *gold, "--json", "--bootstrap", "0").stdout)
    assert payload["headline"] == 1.0 and payload["scores"]["span"]["f1"] == 1.0


def test_eval_without_arguments_runs_the_rules_baseline(monkeypatch, tiny_files) -> None:
    split, kb = tiny_files
    monkeypatch.setattr(paths, "GOLD_SPLIT", split)
    monkeypatch.setattr(paths, "GOLD_KB", kb)
    monkeypatch.setitem(registry.BUILTIN, "rules", "bench.extractors.empty:EmptyExtractor")
    result = run("eval", "--bootstrap", "0")
    assert result.exit_code == 0 and "headline (mean F1 of actor, location, count, attribution): 0.000" in result.stdout


def test_missing_default_baseline_errors_cleanly(monkeypatch, tiny_files) -> None:
    split, kb = tiny_files
    monkeypatch.setattr(paths, "GOLD_SPLIT", split)
    monkeypatch.setattr(paths, "GOLD_KB", kb)
    monkeypatch.setitem(registry.BUILTIN, "rules", "baselines.no_such_module:RuleExtractor")
    result = run("eval")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "bench: extractor 'rules': cannot import 'baselines.no_such_module': No module named 'baselines.no_such_module'"
    ]


def test_usage_errors(gold, tmp_path: Path) -> None:
    both = run("eval", "--predictions", str(tmp_path / "p.jsonl"), "--extractor", "empty", *gold)
    assert both.exit_code == 2 and "not both" in both.stderr
    assert run("eval", "--bootstrap", "-1", *gold).exit_code == 2
    unknown = run("eval", "--extractor", "nonsense", *gold)
    assert unknown.exit_code == 2 and "unknown extractor 'nonsense'" in unknown.stderr


def test_crashing_extractor_is_reported_in_one_line(gold) -> None:
    result = run("eval", "--extractor", "test_cli_eval:CrashingExtractor", *gold)
    assert result.exit_code == 4
    assert (
        result.stderr.strip()
        == "bench: extractor 'test_cli_eval:CrashingExtractor' failed: RuntimeError: model weights not found"
    )


def test_invalid_extractor_output_exits_3(gold) -> None:
    result = run("predict", "--extractor", "test_cli_eval:SloppyExtractor", *gold)
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and lines[0].startswith("<extractor test_cli_eval:SloppyExtractor>:1: d1: events[0].type: ")


def test_extractors_are_blind_unless_they_need_gold(gold) -> None:
    assert run("eval", "--extractor", "test_cli_eval:PeekingExtractor", *gold, "--bootstrap", "0").exit_code == 0


def test_predict_to_stdout(gold) -> None:
    result = run("predict", "-e", "empty", *gold)
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["d1", "d2", "d3"]


def test_errors_listing(tmp_path: Path, gold, tiny_split) -> None:
    _docs, _ = tiny_split
    preds = tmp_path / "p.jsonl"
    run("predict", "-e", "oracle", "--out", str(preds), *gold)
    records = [json.loads(line) for line in preds.read_text().splitlines()]
    records[0]["events"][0]["actors"] = ["Kurdish officials"]
    preds.write_text("".join(json.dumps(r) + "\n" for r in records))
    errors_file = tmp_path / "errors.json"
    result = run("eval", "-p", str(preds), *gold, "--errors", "--errors-out", str(errors_file), "--bootstrap", "0")
    assert result.exit_code == 0
    assert "actor        missed    Isis gunmen  (gold e1)" in result.stdout
    assert "actor        spurious  'Kurdish officials'  (predicted events[0])" in result.stdout
    errors = json.loads(errors_file.read_text())
    assert list(errors) == ["d1"] and errors["d1"]["actor"]["missed"] == [{"event": "e1", "item": "Isis gunmen"}]


def test_bad_gold_exits_3(tmp_path: Path, tiny_split) -> None:
    docs, kb = tiny_split
    broken = docs[0].model_copy(update={"events": [docs[0].events[0].model_copy(update={"actors": ["ghost"]})]})
    split, kb_path = write_split(tmp_path, [broken, *docs[1:]], kb)
    result = run("eval", "-e", "empty", "--gold", str(split), "--kb", str(kb_path))
    assert result.exit_code == 3
    assert result.stderr.strip() == f"{split}: d1: events[e1].actors[0]: unknown entity 'ghost'"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = run("eval", "-e", "empty", "--gold", str(empty), "--kb", str(kb_path))
    assert result.exit_code == 3 and "no documents" in result.stderr
    result = run("validate", str(empty), "--gold", str(tmp_path / "absent.jsonl"), "--kb", str(kb_path))
    assert result.exit_code == 3 and "cannot read" in result.stderr


def test_unwritable_output_is_a_usage_error(tmp_path: Path, gold) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("eval", "-e", "empty", *gold, "--bootstrap", "0", "--out", str(blocker / "results.json"))
    assert result.exit_code == 2 and result.stderr.startswith(f"bench: cannot write {blocker / 'results.json'}")


def test_bootstrap_above_the_maximum_is_a_usage_error(gold) -> None:
    """Issue 10 item 15: a documented maximum, a clear usage error (exit 2) above it."""
    from bench.cli.eval import MAX_BOOTSTRAP
    from bench.score.bootstrap import MAX_RESAMPLES

    assert MAX_BOOTSTRAP == MAX_RESAMPLES
    result = run("eval", "-e", "empty", *gold, "--bootstrap", str(MAX_RESAMPLES + 1))
    assert result.exit_code == 2 and "--bootstrap" in result.output
    assert run("eval", "-e", "empty", *gold, "--bootstrap", "0").exit_code == 0


def test_few_documents_are_said_to_give_coarse_intervals(gold) -> None:
    """Issue 9 item 9: three documents allow C(5, 3) = 10 distinct resamples; the table says so."""
    out = run("eval", "-e", "oracle", *gold, "--bootstrap", "50").output
    assert "3 documents allow only 10 distinct bootstrap resamples" in out
    assert "distinct" not in run("eval", "-e", "oracle", *gold, "--bootstrap", "5").output
