"""The contextual (``bigru``) head: it learns labels that depend on neighbours, stops early, is seeded."""

from __future__ import annotations

import pytest
import torch

from baselines.transformer import context
from baselines.transformer.labels import LABEL2ID, Window
from baselines.transformer.train import token_f1

WIDTH = 8  # feature size of the synthetic "encoder"


def _toy(n_windows: int, seed: int) -> tuple[list[torch.Tensor], list[Window]]:
    """Windows of 12 tokens. A token is ``B-GROUP`` when the token *before* it carries the
    marker feature (dimension 0): its own vector says nothing about its label."""
    generator = torch.Generator().manual_seed(seed)
    features, windows = [], []
    for i in range(n_windows):
        x = torch.randn(12, WIDTH, generator=generator) * 0.1
        marked = torch.rand(12, generator=generator) < 0.25
        x[:, 0] = marked.float()
        labels = [LABEL2ID["O"]] + [LABEL2ID["B-GROUP"] if marked[t - 1] else LABEL2ID["O"] for t in range(1, 12)]
        features.append(x)
        windows.append(Window(i, tuple(range(12)), tuple((t, t + 1) for t in range(12)), tuple(labels)))
    return features, windows


def _f1(head: torch.nn.Module, features: list[torch.Tensor], windows: list[Window]) -> float:
    logits = context.context_logits(head, features)
    predicted = torch.cat([t.argmax(-1) for t in logits])
    gold = torch.cat([torch.tensor(w.labels) for w in windows])
    return token_f1(predicted, gold)


def test_the_head_learns_a_label_given_by_the_previous_token() -> None:
    features, windows = _toy(64, seed=1)
    test_features, test_windows = _toy(16, seed=2)
    head = context.build_head(WIDTH, 16, seed=0)
    before = _f1(head, test_features, test_windows)
    context.train_context(head, features, windows, epochs=60, lr=3e-2, seed=0)
    assert _f1(head, test_features, test_windows) > 0.9 > before


def test_early_stopping_keeps_the_best_development_epoch() -> None:
    features, windows = _toy(32, seed=3)
    dev = _toy(8, seed=4)
    head = context.build_head(WIDTH, 8, seed=0)
    report = context.train_context(head, features, windows, epochs=40, lr=2e-2, seed=0, dev=dev, patience=2)
    assert report["best_epoch"] <= report["epochs_run"] <= 40
    if report["epochs_run"] < 40:
        assert report["epochs_run"] - report["best_epoch"] == 2
    assert report["dev_token_f1"] == pytest.approx(_f1(head, *dev), abs=1e-4)  # the kept weights are the best


def test_training_is_seeded_and_padding_changes_nothing() -> None:
    features, windows = _toy(16, seed=5)
    states = []
    for _ in range(2):
        head = context.build_head(WIDTH, 4, seed=7)
        context.train_context(head, features, windows, epochs=2, lr=1e-2, seed=7)
        states.append(head.state_dict())
    assert all(torch.equal(states[0][k], states[1][k]) for k in states[0])
    short = features[0][:5]  # batched with a longer window, a short one gets the logits it gets alone
    alone = context.context_logits(head, [short])[0]
    together = context.context_logits(head, [features[1], short])[1]
    assert torch.allclose(alone, together, atol=1e-5)


def test_no_training_windows_is_an_error() -> None:
    with pytest.raises(ValueError, match="no training windows"):
        context.train_context(context.build_head(WIDTH, 4, seed=0), [], [], epochs=1, lr=1e-2, seed=0)
