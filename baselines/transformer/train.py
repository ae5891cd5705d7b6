"""Fine-tune a token-classification model on labelled windows, in one of two modes.

- ``head`` (default): the encoder is frozen and run once per window (its outputs are cached
  and shared by every fold); only the classification head of the
  ``AutoModelForTokenClassification`` is trained. Seconds per fold on a CPU.
- ``full``: every weight is trained (AdamW, linear warm-up and decay; the loss weighs ``O``
  tokens by ``o_weight``, as the heads' loss does). Needs a GPU to be quick; on a 2-core CPU
  one epoch over four articles takes about ten seconds.

Seeds are fixed for ``random``, ``numpy`` and ``torch``; deterministic algorithms are
requested (with a warning, not an error, where an op has none), so a run on the same
machine, thread count and versions gives the same model.
"""

from __future__ import annotations

import copy
import os
import random
from collections.abc import Callable, Sequence
from typing import Any

from baselines.transformer.infer import pad, run_batches
from baselines.transformer.labels import IGNORE, LABEL2ID, LABELS, Window

EpochCallback = Callable[[int, float], None]


def label_weights(o_weight: float, device: str = "cpu") -> Any:
    """Loss weight per label: ``o_weight`` for ``O`` (below 1 where most tokens are unlabelled), 1 for the rest."""
    import torch

    weights = torch.ones(len(LABELS), device=device)
    weights[LABEL2ID["O"]] = float(o_weight)
    return weights


def token_loss(logits: Any, labels: Any, weights: Any) -> Any:
    """Weighted cross-entropy over the tokens of ``logits`` (``[..., labels]``); ``IGNORE`` tokens skipped."""
    import torch

    return torch.nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), weight=weights, ignore_index=IGNORE
    )


def seed_everything(seed: int) -> None:
    """Seed ``random``, ``numpy`` and ``torch``; ask torch for deterministic algorithms."""
    import numpy as np
    import torch

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def pick_device(device: str = "auto") -> str:
    """``cuda`` when available (for ``auto``), else ``cpu``; an explicit choice is kept."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def load_base(location: str, local_files_only: bool = True, layers: int | None = None) -> tuple[Any, Any]:
    """The tokenizer and a token-classification model with a fresh head, from ``location``;
    ``layers`` keeps only the first N encoder layers (lower layers tag better when frozen)."""
    from transformers import AutoModelForTokenClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    tokenizer = AutoTokenizer.from_pretrained(location, local_files_only=local_files_only)
    extra: dict[str, Any] = {"num_hidden_layers": int(layers)} if layers else {}
    model = AutoModelForTokenClassification.from_pretrained(
        location,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id=LABEL2ID,
        local_files_only=local_files_only,
        **extra,
    )
    return tokenizer, model


def fresh_copy(base: Any, seed: int) -> Any:
    """A deep copy of ``base`` with its classification head re-initialised from ``seed``."""
    import torch

    model = copy.deepcopy(base)
    generator = torch.Generator().manual_seed(seed)
    std = getattr(model.config, "initializer_range", 0.02)
    head = getattr(model, "classifier", None)
    if isinstance(head, torch.nn.Linear):
        with torch.no_grad():
            head.weight.copy_(torch.randn(head.weight.shape, generator=generator) * std)
            head.bias.zero_()
    return model


def _batches(windows: Sequence[Window], batch_size: int, generator: Any, pad_id: int) -> list[tuple[Any, ...]]:
    import torch

    order = torch.randperm(len(windows), generator=generator).tolist()
    return [
        pad([windows[i] for i in order[b : b + batch_size]], pad_id, labels=True)
        for b in range(0, len(order), batch_size)
    ]


class BestEpoch:
    """Early stopping and model selection: keeps the weights of the epoch with the best
    development score, and says when ``patience`` epochs have passed without a better one."""

    def __init__(self, patience: int) -> None:
        self.patience = patience
        self.best: tuple[float, int, dict[str, Any]] | None = None

    def stop(self, score: float, epoch: int, module: Any) -> bool:
        """Record ``epoch``'s ``score`` (a copy of ``module``'s weights if it is the best); whether to stop."""
        if self.best is None or score > self.best[0]:
            self.best = (score, epoch, {k: v.detach().clone() for k, v in module.state_dict().items()})
            return False
        return epoch - self.best[1] >= self.patience

    def restore(self, module: Any, report: dict[str, Any]) -> None:
        """Load the best epoch's weights into ``module`` and note it in ``report`` (no-op without a score)."""
        if self.best is not None:
            module.load_state_dict(self.best[2])
            report.update(best_epoch=self.best[1], dev_token_f1=round(self.best[0], 4))


def fine_tune(
    model: Any,
    windows: Sequence[Window],
    *,
    epochs: int,
    lr: float,
    batch_size: int,
    seed: int,
    device: str,
    pad_id: int = 0,
    dev: Sequence[Window] | None = None,
    patience: int = 2,
    o_weight: float = 1.0,
    on_epoch: EpochCallback | None = None,
) -> dict[str, Any]:
    """Train ``model`` in place on labelled ``windows`` (AdamW, linear warm-up and decay).

    With ``dev`` windows the model is scored after every epoch (``token_f1``), training stops
    after ``patience`` epochs without a better score and the best epoch's weights are kept.
    ``o_weight`` weighs the loss of ``O`` tokens against the others, as in ``train_head``.
    Returns ``epochs_run``, ``best_epoch`` and ``dev_token_f1``, as ``train_head`` does.
    """
    import torch
    from transformers import get_linear_schedule_with_warmup

    if not windows:
        raise ValueError("no training windows: the training documents are empty")
    seed_everything(seed)
    generator = torch.Generator().manual_seed(seed)
    model.to(device)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    steps = epochs * ((len(windows) + batch_size - 1) // batch_size)
    schedule = get_linear_schedule_with_warmup(optimizer, max(1, steps // 10), max(1, steps))
    weights = label_weights(o_weight, device)
    report: dict[str, Any] = {"epochs_run": 0, "best_epoch": epochs, "dev_token_f1": None}
    best = BestEpoch(patience)
    for epoch in range(1, epochs + 1):
        model.train()
        total, count = 0.0, 0
        for ids, mask, labels in _batches(windows, batch_size, generator, pad_id):
            logits = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits
            loss = token_loss(logits, labels.to(device), weights)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total, count = total + loss.detach().item(), count + 1
        report["epochs_run"] = epoch
        if on_epoch is not None:
            on_epoch(epoch, total / max(count, 1))
        if dev:
            logits = run_batches(model, dev, 512 if device == "cpu" else 8192, device, pad_id, "logits")
            if best.stop(window_f1(logits, dev), epoch, model):
                break
    best.restore(model, report)
    model.eval()
    return report


def window_f1(logits: Sequence[Any], windows: Sequence[Window]) -> float:
    """``token_f1`` of per-window ``logits`` against the labelled ``windows``."""
    import torch

    predicted = torch.cat([t.argmax(-1) for t in logits])
    gold = torch.cat([torch.tensor(w.labels) for w in windows])
    keep = gold != IGNORE
    return token_f1(predicted[keep], gold[keep])


def token_f1(predicted: Any, gold: Any) -> float:
    """Micro F1 over labelled tokens, counting a token when its gold or predicted label is not ``O``.

    >>> import torch
    >>> round(token_f1(torch.tensor([0, 1, 2, 0]), torch.tensor([0, 1, 1, 2])), 3)
    0.4
    """
    outside = LABEL2ID["O"]
    hit = predicted == gold
    tp = int((hit & (gold != outside)).sum())
    fp = int(((predicted != outside) & ~hit).sum())
    fn = int(((gold != outside) & ~hit).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _labelled(features: Sequence[Any], windows: Sequence[Window]) -> tuple[Any, Any]:
    import torch

    x = torch.cat([f for f in features])
    y = torch.cat([torch.tensor(w.labels) for w in windows])
    keep = y != IGNORE
    return x[keep], y[keep]


def train_head(
    model: Any,
    features: Sequence[Any],
    windows: Sequence[Window],
    *,
    epochs: int,
    lr: float,
    seed: int,
    batch_tokens: int = 256,
    dropout: float = 0.1,
    dev: tuple[Sequence[Any], Sequence[Window]] | None = None,
    patience: int = 3,
    o_weight: float = 1.0,
    on_epoch: EpochCallback | None = None,
) -> dict[str, Any]:
    """Train ``model.classifier`` on cached encoder ``features`` of labelled ``windows``.

    With ``dev`` (features and labelled windows of development documents) the head is scored
    after every epoch (``token_f1``), training stops after ``patience`` epochs without a
    better score, and the best epoch's weights are kept. ``o_weight`` weighs the loss of
    ``O`` tokens against the others (below 1 where most tokens are unlabelled). Returns what happened:
    ``epochs_run``, ``best_epoch`` and ``dev_token_f1`` (``None`` without ``dev``).
    """
    import torch

    head = getattr(model, "classifier", None)
    if not isinstance(head, torch.nn.Linear):
        raise TypeError(f"{type(model).__name__} has no linear 'classifier' head; use mode='full'")
    seed_everything(seed)
    generator = torch.Generator().manual_seed(seed)
    x, y = _labelled(features, windows)
    if not len(y):
        raise ValueError("no labelled tokens to train on")
    dev_xy = _labelled(*dev) if dev is not None and dev[1] else None
    head.to("cpu").train()
    optimizer = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=0.01)
    weights = label_weights(o_weight)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a [256 x hidden] matmul gains nothing from threads, and loses on a busy machine
    report: dict[str, Any] = {"epochs_run": 0, "best_epoch": epochs, "dev_token_f1": None}
    best = BestEpoch(patience)
    try:
        for epoch in range(1, epochs + 1):
            loss = _head_epoch(head, optimizer, x, y, batch_tokens, dropout, generator, weights)
            report["epochs_run"] = epoch
            if on_epoch is not None:
                on_epoch(epoch, loss)
            if dev_xy is None:
                continue
            with torch.no_grad():
                score = token_f1(head(dev_xy[0]).argmax(-1), dev_xy[1])
            if best.stop(score, epoch, head):
                break
    finally:
        torch.set_num_threads(threads)
    best.restore(head, report)
    model.eval()
    return report


def _head_epoch(
    head: Any, optimizer: Any, x: Any, y: Any, batch_tokens: int, dropout: float, generator: Any, weights: Any
) -> float:
    import torch

    head.train()
    order = torch.randperm(len(y), generator=generator)
    total, count = 0.0, 0
    for begin in range(0, len(order), batch_tokens):
        index = order[begin : begin + batch_tokens]
        inputs = torch.nn.functional.dropout(x[index], p=dropout, training=True)
        loss = token_loss(head(inputs), y[index], weights)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        total, count = total + loss.detach().item(), count + 1
    head.eval()
    return total / max(count, 1)
