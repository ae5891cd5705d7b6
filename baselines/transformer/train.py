"""Fine-tune a token-classification model on labelled windows, in one of two modes.

- ``head`` (default): the encoder is frozen and run once per window (its outputs are cached
  and shared by every fold); only the classification head of the
  ``AutoModelForTokenClassification`` is trained. Seconds per fold on a CPU.
- ``full``: every weight is trained (AdamW, linear warm-up and decay). Needs a GPU to be
  quick; on a 2-core CPU one epoch over four articles takes about ten seconds.

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
    extra = {"num_hidden_layers": int(layers)} if layers else {}
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
    on_epoch: EpochCallback | None = None,
) -> Any:
    """Train ``model`` in place on labelled ``windows`` (AdamW, linear warm-up and decay)."""
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
    for epoch in range(epochs):
        model.train()
        total, count = 0.0, 0
        for ids, mask, labels in _batches(windows, batch_size, generator, pad_id):
            loss = model(input_ids=ids.to(device), attention_mask=mask.to(device), labels=labels.to(device)).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total, count = total + loss.detach().item(), count + 1
        if on_epoch is not None:
            on_epoch(epoch + 1, total / max(count, 1))
    model.eval()
    return model


def encode(model: Any, windows: Sequence[Window], max_tokens: int, device: str, pad_id: int = 0) -> list[Any]:
    """Frozen-encoder outputs (``[tokens, hidden]`` tensors on the CPU), one per window."""
    return run_batches(model.base_model.to(device), windows, max_tokens, device, pad_id, "last_hidden_state")


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
    on_epoch: EpochCallback | None = None,
) -> Any:
    """Train ``model.classifier`` on cached encoder ``features`` of labelled ``windows``."""
    import torch

    head = getattr(model, "classifier", None)
    if not isinstance(head, torch.nn.Linear):
        raise TypeError(f"{type(model).__name__} has no linear 'classifier' head; use mode='full'")
    seed_everything(seed)
    generator = torch.Generator().manual_seed(seed)
    x = torch.cat([f for f in features])
    y = torch.cat([torch.tensor(w.labels) for w in windows])
    keep = y != IGNORE
    x, y = x[keep], y[keep]
    if not len(y):
        raise ValueError("no labelled tokens to train on")
    head.to("cpu").train()
    optimizer = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=0.01)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a [256 x hidden] matmul gains nothing from threads, and loses on a busy machine
    try:
        _head_epochs(head, optimizer, x, y, epochs, batch_tokens, dropout, generator, on_epoch)
    finally:
        torch.set_num_threads(threads)
    model.eval()
    return model


def _head_epochs(
    head: Any,
    optimizer: Any,
    x: Any,
    y: Any,
    epochs: int,
    batch_tokens: int,
    dropout: float,
    generator: Any,
    on_epoch: EpochCallback | None,
) -> None:
    import torch

    for epoch in range(epochs):
        order = torch.randperm(len(y), generator=generator)
        total, count = 0.0, 0
        for begin in range(0, len(order), batch_tokens):
            index = order[begin : begin + batch_tokens]
            inputs = torch.nn.functional.dropout(x[index], p=dropout, training=True)
            loss = torch.nn.functional.cross_entropy(head(inputs), y[index])
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            total, count = total + loss.detach().item(), count + 1
        if on_epoch is not None:
            on_epoch(epoch + 1, total / max(count, 1))
