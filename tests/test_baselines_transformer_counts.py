"""The learned count classifier (``baselines.transformer.counts``) and the assembly's categorize hook."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from baselines.assemble import assemble
from baselines.spans import Mention
from baselines.transformer import TransformerExtractor
from baselines.transformer.counts import decider, features_at, label_of, train_classifier
from baselines.transformer.labels import Window
from bench.extractors import blind
from tests.test_baselines_transformer import synthetic_split, tiny_model  # noqa: F401 (fixture)

TEXT = "Police said 12 inmates escaped from the jail on Monday."


def test_features_at_averages_the_tokens_of_the_span() -> None:
    window = Window(0, (1, 2, 3, 4), (None, (0, 6), (12, 14), None))
    vectors = torch.tensor([[9.0, 9.0], [1.0, 0.0], [0.0, 3.0], [9.0, 9.0]])
    assert torch.equal(features_at([window], [vectors], 12, 14), torch.tensor([0.0, 3.0]))
    assert torch.equal(features_at([window], [vectors], 0, 14), torch.tensor([0.5, 1.5]))
    assert features_at([window], [vectors], 20, 30) is None


def test_the_assembly_takes_another_categorize() -> None:
    spans = [Mention(0, 6, "GROUP"), Mention(12, 14, "COUNT")]
    [event], _ = assemble(TEXT, spans)
    assert event["counts"][0]["category"] == "escaped"  # the rule
    [event], _ = assemble(TEXT, spans, lambda *args: ("killed", "security"))
    assert event["counts"][0]["category"] == "killed" and event["counts"][0]["victims"] == "security"


def test_the_rule_says_whether_the_classifier_says_which() -> None:
    vectors = [torch.tensor([1.0, 0.0])] * 5 + [torch.tensor([0.0, 1.0])] * 5
    labels = [label_of("killed", "civilians")] * 5 + [label_of("escaped", None)] * 5
    model = train_classifier(vectors, labels, seed=0)
    assert model["classes"] == ["escaped|", "killed|civilians"]
    window = Window(0, (1, 2, 3), (None, (12, 14), None))
    killed = decider(model, [window], [torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]])])
    assert killed(TEXT, 0, len(TEXT), 12, 14) == ("killed", "civilians")
    escaped = decider(model, [window], [torch.tensor([[0.0, 0.0], [0.0, 1.0], [0.0, 0.0]])])
    assert escaped(TEXT, 0, len(TEXT), 12, 14) == ("escaped", "prisoners")  # the class of people: the rule's
    assert killed("Police said the jail on Monday was empty.", 0, 41, 0, 6) is None  # the rule: not a count


def test_the_extractor_trains_and_reports_a_count_classifier(tiny_model: Path, tmp_path: Path) -> None:  # noqa: F811
    docs = synthetic_split()
    path = tmp_path / "lodo.jsonl"
    path.write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
    extractor = TransformerExtractor(
        model=str(tiny_model), train="none", dev="none", lodo=str(path), lodo_weight=1, epochs=1, counts="classifier",
        cache=str(tmp_path / "cache"), progress=False,
    )  # fmt: skip
    records = extractor.predict(blind(docs))
    assert [r["doc_id"] for r in records] == ["n1", "n2", "n3"]
    reports = [fold["count_classifier"] for fold in extractor.metadata["folds"].values()]
    assert [r["examples"] for r in reports] == [2, 2, 2] and {r["cache"] for r in reports} == {"miss"}
    again = TransformerExtractor(
        model=str(tiny_model), train="none", dev="none", lodo=str(path), lodo_weight=1, epochs=1, counts="classifier",
        cache=str(tmp_path / "cache"), progress=False,
    )  # fmt: skip
    assert [r["doc_id"] for r in again.predict(blind(docs))] == ["n1", "n2", "n3"]
    assert {f["count_classifier"]["cache"] for f in again.metadata["folds"].values()} == {"hit"}
    with pytest.raises(ValueError, match="counts must be one of"):
        TransformerExtractor(counts="oracle")
