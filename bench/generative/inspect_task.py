"""BREAKOUT as an Inspect AI task (``pip install inspect-ai``).

    inspect eval bench/generative/inspect_task.py --model openai/gpt-4o-mini
    inspect eval bench/generative/inspect_task.py -T split=breakout/test -T prompt=zero-shot-v2 \\
        --model openai-api/local/gemma3 --model-base-url http://127.0.0.1:8080/v1
    bench import inspect logs/<log>.eval --out preds.jsonl   # then bench eval / compare / submit

One sample per document of a registered split (system and user turns of a prompt template;
no annotations), one ``generate()`` each at temperature 0. The scorer parses the completion
as ``bench eval --extractor openai`` does and keeps the document's sufficient statistics
from ``bench.score`` in the score's metadata; the metrics sum them, so the F1s equal
``bench eval`` on the same outputs. ``valid`` is the share of documents whose completion
parsed and validated (a validity diagnostic, its own metric, never folded into the F1s).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessageSystem, ChatMessageUser, GenerateConfig
from inspect_ai.scorer import Metric, SampleScore, Score, Target, metric, scorer
from inspect_ai.solver import TaskState, generate

from bench.generative import harness
from bench.generative.prompt import DEFAULT_ZERO_SHOT, load_template


def _f1_metric(field: str) -> Callable[[], Metric]:
    def factory() -> Metric:
        def compute(scores: list[SampleScore]) -> float:
            return harness.f1([s.score.metadata["statistics"] for s in scores if s.score.metadata], field)

        return compute

    factory.__name__ = field
    return metric(name=field)(factory)


overall, actor, location, count, attribution = (_f1_metric(field) for field in harness.SCORED)


@metric(name="valid")
def valid() -> Metric:
    def compute(scores: list[SampleScore]) -> float:
        flags = [bool(s.score.metadata and s.score.metadata.get("status") == "ok") for s in scores]
        return sum(flags) / len(flags) if flags else 0.0

    return compute


@scorer(metrics=[overall(), actor(), location(), count(), attribution(), valid()])
def breakout_scorer(split: str = "breakout/test") -> Any:
    """Per document: the headline F1 as the value, the sufficient statistics in the metadata."""

    async def score(state: TaskState, target: Target) -> Score:
        completion = state.output.completion if state.output else None
        row, status = harness.document_statistics(split, str(state.sample_id), completion)
        return Score(
            value=harness.f1([row], "overall"),
            answer=completion,
            explanation=status,
            metadata={"statistics": row, "status": status, "doc_id": str(state.sample_id)},
        )

    return score


@task
def breakout(split: str = "breakout/test", prompt: str = DEFAULT_ZERO_SHOT, max_tokens: int = 2048) -> Task:
    """The BREAKOUT task on a registered split with a prompt template (name or path)."""
    template = load_template(prompt)
    samples = [
        Sample(
            id=doc["doc_id"],
            input=[
                ChatMessageSystem(content=template.system),
                ChatMessageUser(content=template.user_turn(doc["text"])),
            ],
            target="",
            metadata={"split": split, "prompt": template.name, "prompt_sha256": template.sha256},
        )
        for doc in harness.documents(split)
    ]
    return Task(
        dataset=MemoryDataset(samples, name=f"breakout:{split}"),
        solver=generate(),
        scorer=breakout_scorer(split),
        config=GenerateConfig(temperature=0.0, max_tokens=max_tokens),
        metadata={"split": split, "prompt": template.name, "prompt_sha256": template.sha256},
    )
