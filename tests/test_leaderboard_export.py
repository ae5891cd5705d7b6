"""bench.leaderboard.export: Every Eval Ever records, validated against the vendored schema."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from drill_helpers import make_drill_board
from helpers import run_bench

from bench import paths
from bench.leaderboard.build import build, collect_all
from bench.leaderboard.export import EXPORT_DIR, SCHEMA_VERSION, export_board, schema, stale_exports, write_exports
from bench.resultsio import load_gold


def _validator() -> jsonschema.Draft7Validator:
    jsonschema.Draft7Validator.check_schema(schema())
    return jsonschema.Draft7Validator(schema())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_drill_board(tmp_path_factory.mktemp("export"))
    board, _ = build(root, load_gold(), bootstrap=20)
    return root, board


def test_vendored_schema_is_every_eval_ever():
    s = schema()
    assert s["version"] == SCHEMA_VERSION
    assert {"model_info", "evaluation_results", "eval_library"} <= set(s["required"])
    result = s["properties"]["evaluation_results"]["items"]["properties"]
    assert "generation_config" in result and "inference_engine" in s["$defs"]["model_info"]["properties"]
    assert (paths.ROOT / "bench/leaderboard/schemas/every_eval_ever.LICENSE").read_text().startswith("MIT License")


def test_every_record_validates(built):
    _, board = built
    records = export_board(board)
    assert sorted(records) == ["careful.json", "chatty-llm.json"]
    validator = _validator()
    for record in records.values():
        assert list(validator.iter_errors(record)) == []
    broken = copy.deepcopy(records["careful.json"])
    del broken["model_info"]["additional_details"]["deployment_type"]
    broken["evaluation_results"][0]["metric_config"].pop("max_score")
    assert len(list(validator.iter_errors(broken))) == 2  # the validator does catch what the schema requires


def test_scores_are_the_boards(built):
    _, board = built
    records = export_board(board)
    for entry in board.ranked:
        record = records[f"{entry.slug}.json"]
        by_id = {r["evaluation_result_id"]: r for r in record["evaluation_results"]}
        head = by_id["breakout/test/overall"]["score_details"]
        assert head["score"] == entry.score()
        ci = head["uncertainty"]["confidence_interval"]
        assert (ci["lower"], ci["upper"]) == entry.ci() and head["uncertainty"]["num_bootstrap_samples"] == 20
        assert head["details"]["rank"] == str(entry.rank)
        assert by_id["breakout/test/actor"]["score_details"]["score"] == entry.score("actor")
        assert record["eval_library"]["additional_details"]["signature"] == entry.signature


def test_generation_config_only_for_generative_entries(built):
    _, board = built
    records = export_board(board)
    assert all("generation_config" not in r for r in records["careful.json"]["evaluation_results"])
    llm = records["chatty-llm.json"]
    config = llm["evaluation_results"][0]["generation_config"]
    assert config["generation_args"] == {"prompt_template": "zero-shot-test"}  # the raw requests give no more
    assert config["additional_details"]["prompt_template_sha256"] == "ab" * 32
    assert config["additional_details"]["runs"] == "2"
    assert json.loads(config["additional_details"]["validity"])["parse_errors"] == 1
    assert llm["model_info"]["id"] == "m"  # the model the requests name


def test_build_writes_the_records_and_check_sees_them(built, tmp_path):
    root, board = built
    folder = root / EXPORT_DIR
    written = sorted(p.name for p in folder.glob("*.json"))
    assert written == ["careful.json", "chatty-llm.json"]
    assert json.loads((folder / "careful.json").read_text()) == export_board(board)["careful.json"]
    assert stale_exports(root, root) == []
    (folder / "careful.json").write_text("{}\n")
    (folder / "gone.json").write_text("{}\n")
    result = run_bench("leaderboard", "build", "--check", "--root", root)
    assert result.returncode == 1 and f"{EXPORT_DIR}/careful.json" in result.stderr and "gone.json" in result.stderr
    write_exports(folder, collect_all(root, load_gold(), bootstrap=20))
    assert not (folder / "gone.json").exists()  # stale records of removed entries go


def test_cli_export_is_deterministic(built, tmp_path):
    root, _ = built
    for out in (tmp_path / "a", tmp_path / "b"):
        result = run_bench("leaderboard", "export", "--root", root, "--out", out)
        assert result.returncode == 0, result.stderr
        assert "wrote 2 Every Eval Ever record(s)" in result.stdout
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    validator = _validator()
    assert all(list(validator.iter_errors(json.loads(data))) == [] for data in first.values())


def test_cli_export_refuses_a_folder_that_is_not_a_leaderboard(built, tmp_path):
    result = run_bench("leaderboard", "export", "--root", tmp_path)
    assert result.returncode == 3 and "not a leaderboard" in result.stderr
    root, _ = built
    result = run_bench("leaderboard", "export", "--root", root, "--out", root / "submissions" / "e")
    assert result.returncode == 2


def test_committed_records_validate():
    folder = paths.LEADERBOARD_DIR / EXPORT_DIR
    records = sorted(folder.glob("*.json"))
    entries = [
        p for p in (paths.LEADERBOARD_DIR / "submissions").iterdir() if p.is_dir() and not p.name.startswith(".")
    ]
    assert len(records) == len(entries)
    validator = _validator()
    for path in records:
        assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == [], path


def test_inference_engine_is_exported_from_the_metadata(built):
    _, board = built
    entry = next(e for e in board.ranked if e.slug == "chatty-llm")
    assert "inference_engine" not in export_board(board)["chatty-llm.json"]["model_info"]  # not declared
    from bench.leaderboard.export import export_entry
    from bench.leaderboard.metadata import InferenceEngine

    meta = entry.meta.model_copy(update={"inference_engine": InferenceEngine(name="vLLM", version="0.6.3")})
    one = next(b for b in board.boards if entry in b.ranked)
    record = export_entry(_with_meta(entry, meta), one)
    assert record["model_info"]["inference_engine"] == {"name": "vLLM", "version": "0.6.3"}
    assert list(_validator().iter_errors(record)) == []


def _with_meta(entry, meta):
    import dataclasses

    return dataclasses.replace(entry, meta=meta)


def test_inference_engine_metadata_is_strict():
    from bench.leaderboard.metadata import InferenceEngine

    with pytest.raises(ValueError):
        InferenceEngine.model_validate({"name": "vLLM", "build": "x"})
    with pytest.raises(ValueError):
        InferenceEngine.model_validate({"name": ""})
