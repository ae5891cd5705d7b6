"""The lm-evaluation-harness task: run by lm-eval itself, its scores equal ``bench eval`` on the same outputs."""

from __future__ import annotations

import json

import pytest
from generative_helpers import INSTALL, canned_answers
from helpers import run_bench
from optional import need_module

from bench import paths
from bench.resultsio import load_gold

TASKS = paths.ROOT / "bench" / "generative" / "lm_eval_tasks"


@pytest.fixture(scope="module")
def lm_eval_run(tmp_path_factory):
    need_module("lm_eval", INSTALL)
    from lm_eval import simple_evaluate
    from lm_eval.api.model import LM
    from lm_eval.loggers import EvaluationTracker
    from lm_eval.tasks import TaskManager

    canned = canned_answers(load_gold())
    prompts: list[tuple[str, dict]] = []

    class Canned(LM):
        def generate_until(self, requests, disable_tqdm: bool = False):
            out = []
            for request in requests:
                context, kwargs = request.arguments
                prompts.append((context, kwargs))
                out.append(next(answer for text, answer in canned.items() if text in context))
            return out

        def loglikelihood(self, requests, disable_tqdm: bool = False):
            raise NotImplementedError

        def loglikelihood_rolling(self, requests, disable_tqdm: bool = False):
            raise NotImplementedError

    folder = tmp_path_factory.mktemp("lm_eval")
    tracker = EvaluationTracker(output_path=str(folder))
    results = simple_evaluate(
        model=Canned(),
        tasks=["breakout"],
        task_manager=TaskManager(include_path=str(TASKS)),
        bootstrap_iters=0,
        log_samples=True,
        evaluation_tracker=tracker,
    )
    samples_by_task = results.pop("samples")  # then save as lm_eval's own CLI does
    tracker.save_results_aggregated(results=results, samples=samples_by_task)
    tracker.save_results_samples(task_name="breakout", samples=samples_by_task["breakout"])
    samples = next(folder.rglob("samples_breakout_*.jsonl"))
    return results["results"]["breakout"], samples, prompts, folder


def test_the_task_sends_the_prompt_and_does_not_cut_json(lm_eval_run) -> None:
    _, _, prompts, _ = lm_eval_run
    gold = load_gold()
    assert len(prompts) == len(gold.docs)
    for context, kwargs in prompts:
        assert "Answer with one JSON object" in context
        assert kwargs["until"] == [] and kwargs["temperature"] == 0


def test_lm_eval_scores_equal_bench_eval_on_the_same_outputs(lm_eval_run, tmp_path) -> None:
    scores, samples, _, _ = lm_eval_run
    preds = tmp_path / "preds.jsonl"
    imported = run_bench("import", "lm-eval", samples, "--out", preds)
    assert imported.returncode == 0, imported.stderr
    n = len(load_gold().docs)
    assert f"validity: 3/{n} documents valid; {n - 3} parse" in imported.stderr
    result = run_bench("eval", "--predictions", preds, "--json", "--bootstrap", "0")
    assert result.returncode == 0, result.stderr
    ours = json.loads(result.stdout)["scores"]
    for field in ("overall", "actor", "location", "count", "attribution"):
        assert scores[f"{field},none"] == pytest.approx(ours[field]["f1"], abs=1e-12), field
    assert 0 < ours["overall"]["f1"] < 1  # a case that can tell right from wrong
    assert scores["valid,none"] == pytest.approx(3 / len(load_gold().docs))


def test_import_refuses_a_log_that_misses_documents(lm_eval_run, tmp_path) -> None:
    _, samples, _, _ = lm_eval_run
    partial = tmp_path / "partial.jsonl"
    partial.write_text("".join(samples.read_text(encoding="utf-8").splitlines(keepends=True)[1:]), encoding="utf-8")
    result = run_bench("import", "lm-eval", partial, "--out", tmp_path / "p.jsonl")
    assert result.returncode == 3 and "no completion for this document" in result.stderr
    assert not (tmp_path / "p.jsonl").exists()
