"""``full`` mode's trainer (``train.fine_tune``): its loss weighs ``O`` tokens as ``o_weight`` says."""

from __future__ import annotations

import pytest
import torch
import transformers

from baselines.transformer.infer import pad
from baselines.transformer.labels import IGNORE, LABEL2ID, LABELS, Window
from baselines.transformer.train import fine_tune


def _model() -> transformers.BertForTokenClassification:
    """A 1-layer BERT token classifier without dropout (its loss is a plain function of its weights)."""
    config = transformers.BertConfig(
        vocab_size=20,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=24,
        max_position_embeddings=32,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
        num_labels=len(LABELS),
    )
    torch.manual_seed(0)
    return transformers.BertForTokenClassification(config)


def _windows() -> list[Window]:
    """Two windows of different lengths; mostly ``O`` tokens, a few names, [CLS] ignored."""
    o, group, place = LABEL2ID["O"], LABEL2ID["B-GROUP"], LABEL2ID["B-LOCATION"]
    rows = [((2, 5, 6, 7, 8, 9), (IGNORE, group, o, o, o, place)), ((2, 10, 11, 12), (IGNORE, o, o, group))]
    return [Window(i, ids, tuple((t, t + 1) for t in range(len(ids))), labels) for i, (ids, labels) in enumerate(rows)]


def _loss(model: torch.nn.Module, windows: list[Window], o_weight: float) -> float:
    ids, mask, labels = pad(windows, 0, labels=True)
    weights = torch.ones(len(LABELS))
    weights[LABEL2ID["O"]] = o_weight
    model.eval()
    with torch.no_grad():
        logits = model(input_ids=ids, attention_mask=mask).logits
    return float(torch.nn.functional.cross_entropy(logits.flatten(0, 1), labels.flatten(), weight=weights))


@pytest.mark.parametrize("o_weight", [1.0, 0.1])
def test_the_loss_weighs_o_tokens_by_o_weight(o_weight: float) -> None:
    model, windows = _model(), _windows()
    expected = _loss(model, windows, o_weight)
    assert abs(expected - _loss(model, windows, 1.0 if o_weight != 1.0 else 0.1)) > 1e-3  # the weight matters
    seen: list[float] = []
    # lr 0: the weights stay as they are, so the one batch's loss is the loss of the model above
    fine_tune(
        model, windows, epochs=1, lr=0.0, batch_size=8, seed=0, device="cpu", o_weight=o_weight,
        on_epoch=lambda _epoch, loss: seen.append(loss),
    )  # fmt: skip
    assert seen == [pytest.approx(expected, rel=1e-5)]


def test_a_weighted_run_learns_the_rare_labels_and_is_seeded() -> None:
    windows = _windows()
    runs = []
    for _ in range(2):
        model = _model()
        fine_tune(model, windows, epochs=30, lr=5e-3, batch_size=2, seed=0, device="cpu", o_weight=0.1)
        ids, mask = pad(windows, 0)
        with torch.no_grad():
            runs.append(model(input_ids=ids, attention_mask=mask).logits.argmax(-1))
    assert torch.equal(runs[0], runs[1])
    assert runs[0][0, 1] == LABEL2ID["B-GROUP"] and runs[0][0, 5] == LABEL2ID["B-LOCATION"]
