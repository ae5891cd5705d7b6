"""``bench eval/predict --extractor openai`` end to end against a loopback stub (real exit codes)."""

from __future__ import annotations

import json
import os

from conftest import D1, D2, D3
from helpers import run_bench
from openai_stub import Reply, StubServer, by_text

from bench import exitcodes
from bench.generative.shots import answer_of


def _env(tmp_path) -> dict:
    return {**os.environ, "BREAKOUT_CACHE": str(tmp_path / "cache")}


def _replies(docs) -> dict:
    return {
        D1: Reply(content=json.dumps(answer_of(docs[0]))),
        D2: Reply(content='{"events": [', finish_reason="length"),
        D3: Reply(content=json.dumps(answer_of(docs[2]))),
    }


def _openai(stub: StubServer, *more: str) -> list[str]:
    return ["--extractor", "openai", "--option", f"base_url={stub.base_url}", "--option", "model=stub", *more]


def test_eval_reports_validity_beside_the_scores(tmp_path, tiny_split, tiny_files) -> None:
    docs, _ = tiny_split
    gold, kb = tiny_files
    out = tmp_path / "results.json"
    with StubServer(by_text(_replies(docs))) as stub:
        result = run_bench("eval", *_openai(stub), "--gold", gold, "--kb", kb, "--out", out, env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "validity: 2/3 documents valid; 1 parse, 0 schema, 0 request failures" in result.stdout
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert (
        payload["validity"]["truncated"] == 1 and payload["validity"]["per_document"]["d2"]["status"] == "parse_error"
    )
    assert payload["extractor"]["model"] == "stub" and len(payload["extractor"]["prompt"]["sha256"]) == 64
    # the scores are those of the predictions alone: d2 is an empty prediction, all its gold missed
    oracle = run_bench("eval", "--extractor", "oracle", "--gold", gold, "--kb", kb, "--json")
    assert (
        payload["scores"]["actor"]["fn"]
        == json.loads(oracle.stdout)["scores"]["actor"]["tp"] - payload["scores"]["actor"]["tp"]
    )
    assert (tmp_path / "results.raw.jsonl").is_file()  # the sidecar sits next to --out


def test_fail_under_still_gates_on_the_scores(tmp_path, tiny_split, tiny_files) -> None:
    docs, _ = tiny_split
    gold, kb = tiny_files
    with StubServer(by_text(_replies(docs))) as stub:
        ok = run_bench(
            "eval", *_openai(stub), "--gold", gold, "--kb", kb, "--fail-under", "overall=0.1", env=_env(tmp_path)
        )
        failed = run_bench(
            "eval", *_openai(stub), "--gold", gold, "--kb", kb, "--fail-under", "overall=0.99", env=_env(tmp_path)
        )
    assert ok.returncode == 0, ok.stderr
    assert failed.returncode == exitcodes.GATE_FAILED and "gate failed" in failed.stderr


def test_broken_endpoint_is_counted_not_a_crash(tmp_path, tiny_files) -> None:
    gold, kb = tiny_files
    with StubServer(lambda body, n: Reply(status=429)) as stub:
        result = run_bench(
            "eval", *_openai(stub, "--option", "retries=0"), "--gold", gold, "--kb", kb, "--json", env=_env(tmp_path)
        )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["validity"]["request_errors"] == 3 and payload["scores"]["overall"]["f1"] == 0.0


def test_runs_report_each_run_and_the_range(tmp_path, tiny_split, tiny_files) -> None:
    docs, _ = tiny_split
    gold, kb = tiny_files

    def respond(body, n):  # seed 0 answers d1 right; seed 1 answers nothing
        return Reply(
            content=json.dumps(answer_of(docs[0]) if body["seed"] == 0 and D1 in str(body) else {"events": []})
        )

    out = tmp_path / "results.json"
    with StubServer(respond) as stub:
        result = run_bench(
            "eval", *_openai(stub), "--runs", "2", "--gold", gold, "--kb", kb, "--out", out, env=_env(tmp_path)
        )
    assert result.returncode == 0, result.stderr
    assert sorted(body["seed"] for body in stub.requests) == [0, 0, 0, 1, 1, 1]
    runs = json.loads(out.read_text(encoding="utf-8"))["runs"]
    first, second = (r["f1"]["overall"] for r in runs["runs"])
    assert first > 0 and second == 0
    assert runs["f1"]["overall"] == {"mean": (first + second) / 2, "min": 0.0, "max": first}
    assert "headline over 2 runs" in result.stdout
    assert (tmp_path / "results.run1.raw.jsonl").is_file() and (tmp_path / "results.run2.raw.jsonl").is_file()


def test_predict_writes_the_sidecar_and_replay_is_byte_identical(tmp_path, tiny_split, tiny_files) -> None:
    docs, _ = tiny_split
    gold, kb = tiny_files
    preds = tmp_path / "preds.jsonl"
    with StubServer(by_text(_replies(docs))) as stub:
        live = run_bench("predict", *_openai(stub), "--gold", gold, "--kb", kb, "--out", preds, env=_env(tmp_path))
    assert live.returncode == 0, live.stderr
    assert "validity: 2/3" in live.stderr
    raw = tmp_path / "preds.raw.jsonl"
    again = tmp_path / "again.jsonl"
    replay = run_bench(
        "predict", "--extractor", "openai", "--option", f"replay={raw}", "--gold", gold, "--kb", kb, "--out", again
    )
    assert replay.returncode == 0, replay.stderr
    assert again.read_bytes() == preds.read_bytes()
    assert not (tmp_path / "again.raw.jsonl").exists()  # replay writes no new raw outputs


def test_no_cache_sends_every_request(tmp_path, tiny_files) -> None:
    gold, kb = tiny_files
    with StubServer(lambda body, n: Reply()) as stub:
        for _ in range(2):
            run_bench("eval", *_openai(stub), "--gold", gold, "--kb", kb, env=_env(tmp_path))
        assert len(stub.requests) == 3  # the second run came from the cache
        result = run_bench("eval", *_openai(stub), "--no-cache", "--gold", gold, "--kb", kb, env=_env(tmp_path))
        assert len(stub.requests) == 6 and result.returncode == 0


def test_generative_flags_are_usage_errors_elsewhere(tmp_path) -> None:
    for args in (
        ["eval", "--extractor", "rules", "--no-cache"],
        ["eval", "--extractor", "rules", "--raw-out", str(tmp_path / "r.jsonl")],
        ["eval", "--extractor", "rules", "--runs", "2"],
        ["eval", "--predictions", str(tmp_path / "p.jsonl"), "--runs", "2"],
        ["eval", "--extractor", "openai", "--option", "model=m"],  # no base_url
    ):
        result = run_bench(*args)
        assert result.returncode == exitcodes.USAGE, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_replay_of_another_split_is_invalid_input(tmp_path, tiny_files) -> None:
    gold, kb = tiny_files
    raw = tmp_path / "raw.jsonl"
    raw.write_text(
        '{"format": "breakout-raw-v1", "doc_id": "d1", "doc_sha256": "0", "response": null}\n', encoding="utf-8"
    )
    result = run_bench("eval", "--extractor", "openai", "--option", f"replay={raw}", "--gold", gold, "--kb", kb)
    assert result.returncode == exitcodes.INVALID_INPUT
    assert f"{raw}: d1: doc_sha256:" in result.stderr and "Traceback" not in result.stderr
