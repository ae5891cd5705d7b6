"""The Inspect AI task with Inspect's mock model: its metrics equal ``bench eval`` on the same outputs."""

from __future__ import annotations

import json

import pytest
from generative_helpers import INSTALL, canned_answers
from helpers import run_bench
from optional import need_module

from bench.resultsio import load_gold


@pytest.fixture(scope="module")
def inspect_log(tmp_path_factory):
    need_module("inspect_ai", INSTALL)
    from inspect_ai import eval as inspect_eval
    from inspect_ai.model import ModelOutput, ModelUsage, get_model

    from bench.generative.inspect_task import breakout

    canned = canned_answers(load_gold())
    seen: list[list] = []

    def respond(messages, tools, tool_choice, config):
        seen.append(messages)
        content = next(answer for text, answer in canned.items() if text in messages[-1].text)
        output = ModelOutput.from_content(model="mockllm", content=content)
        output.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)  # no tokenizer download
        return output

    folder = tmp_path_factory.mktemp("inspect")
    model = get_model("mockllm/model", custom_outputs=respond)
    (log,) = inspect_eval(breakout(), model=model, log_dir=str(folder), display="none")
    return log, seen


def test_the_task_runs_one_sample_per_document(inspect_log) -> None:
    log, seen = inspect_log
    assert log.status == "success"
    assert len(seen) == len(load_gold().docs)
    assert all([m.role for m in messages] == ["system", "user"] for messages in seen)
    assert log.eval.task_args.get("split", "breakout/test") == "breakout/test"


def test_inspect_metrics_equal_bench_eval_on_the_same_outputs(inspect_log, tmp_path) -> None:
    log, _ = inspect_log
    metrics = {name: m.value for score in log.results.scores for name, m in score.metrics.items()}
    preds = tmp_path / "preds.jsonl"
    imported = run_bench("import", "inspect", log.location, "--out", preds)
    assert imported.returncode == 0, imported.stderr
    result = run_bench("eval", "--predictions", preds, "--json", "--bootstrap", "0")
    ours = json.loads(result.stdout)["scores"]
    for field in ("overall", "actor", "location", "count", "attribution"):
        assert metrics[field] == pytest.approx(ours[field]["f1"], abs=1e-12), field
    assert 0 < ours["overall"]["f1"] < 1
    assert metrics["valid"] == pytest.approx(3 / len(load_gold().docs))


def test_import_inspect_refuses_what_is_not_a_log(tmp_path) -> None:
    need_module("inspect_ai", INSTALL)
    bogus = tmp_path / "x.eval"
    bogus.write_text("no", encoding="utf-8")
    result = run_bench("import", "inspect", bogus, "--out", tmp_path / "p.jsonl")
    assert result.returncode == 3 and "not an Inspect eval log" in result.stderr and "Traceback" not in result.stderr
