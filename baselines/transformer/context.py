"""A contextual head over frozen encoder outputs: a bidirectional GRU per window, then a linear layer.

The ``linear`` head (``train.train_head``) labels each token from its own frozen vector. The
``bigru`` head reads the window's vectors in both directions first, so a token's label can
depend on its neighbours ("killed by *X*", "in *X*") without training the encoder: it is the
feature-based recipe of the BERT paper (frozen layers + BiLSTM) with a GRU, which is as good
here and faster on a CPU. Training works on the same cached encoder outputs as the linear head,
whole windows at a time; early stopping and model selection on development windows as there.

torch is imported inside the functions: importing this module is cheap.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from baselines.transformer.labels import IGNORE, LABELS, Window

if TYPE_CHECKING:
    from baselines.transformer.train import EpochCallback

BATCH_WINDOWS = 16  # windows per optimisation step
WARM_LR_FACTOR = 0.5  # a fold fine-tuned from the base model trains at half the learning rate


def build_head(hidden_size: int, units: int, seed: int) -> Any:
    """A fresh ``bigru`` head for ``hidden_size``-wide encoder outputs (``units`` per direction),
    its weights drawn from ``seed``.

    >>> head = build_head(8, 4, seed=0)
    >>> import torch
    >>> head(torch.zeros(2, 5, 8), torch.ones(2, 5, dtype=torch.long)).shape[-1] == len(LABELS)
    True
    """
    import torch

    class BiGRUHead(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.dropout = torch.nn.Dropout(0.1)
            self.gru = torch.nn.GRU(hidden_size, units, batch_first=True, bidirectional=True)
            self.out = torch.nn.Linear(2 * units, len(LABELS))

        def forward(self, x: Any, mask: Any) -> Any:
            lengths = mask.sum(1).cpu()
            packed = torch.nn.utils.rnn.pack_padded_sequence(
                self.dropout(x), lengths, batch_first=True, enforce_sorted=False
            )
            y, _ = self.gru(packed)
            y, _ = torch.nn.utils.rnn.pad_packed_sequence(y, batch_first=True, total_length=x.shape[1])
            return self.out(self.dropout(y))

    torch.manual_seed(seed)
    return BiGRUHead()


def _stack(features: Sequence[Any], windows: Sequence[Window] | None = None) -> tuple[Any, Any, Any]:
    """Padded ``[windows, tokens, hidden]`` inputs, their mask and (with ``windows``) labels."""
    import torch

    width = max(f.shape[0] for f in features)
    x = torch.zeros(len(features), width, features[0].shape[1])
    mask = torch.zeros(len(features), width, dtype=torch.long)
    y = torch.full((len(features), width), IGNORE, dtype=torch.long)
    for row, f in enumerate(features):
        x[row, : f.shape[0]] = f
        mask[row, : f.shape[0]] = 1
        if windows is not None and windows[row].labels is not None:
            y[row, : f.shape[0]] = torch.tensor(windows[row].labels)
    return x, mask, y


def context_logits(head: Any, features: Sequence[Any], batch: int = 64) -> list[Any]:
    """Per-window logits (``[tokens, labels]`` tensors) of ``head`` over frozen ``features``."""
    import torch

    head.eval()
    out: list[Any] = []
    with torch.inference_mode():
        for begin in range(0, len(features), batch):
            chunk = features[begin : begin + batch]
            x, mask, _ = _stack(chunk)
            logits = head(x, mask)
            out += [logits[row, : f.shape[0]].clone() for row, f in enumerate(chunk)]
    return out


def train_context(
    head: Any,
    features: Sequence[Any],
    windows: Sequence[Window],
    *,
    epochs: int,
    lr: float,
    seed: int,
    dev: tuple[Sequence[Any], Sequence[Window]] | None = None,
    patience: int = 3,
    o_weight: float = 1.0,
    on_epoch: EpochCallback | None = None,
) -> dict[str, Any]:
    """Train ``head`` in place on the frozen ``features`` of labelled ``windows`` (AdamW, whole
    windows, ``BATCH_WINDOWS`` per step, shuffled with ``seed``).

    With ``dev`` (features and labelled windows) the head is scored after every epoch
    (``train.token_f1``), training stops after ``patience`` epochs without a better score and the
    best epoch's weights are kept. Returns ``epochs_run``, ``best_epoch`` and ``dev_token_f1``
    (``None`` without ``dev``), as ``train.train_head`` does.
    """
    import torch

    from baselines.transformer.train import BestEpoch, label_weights, seed_everything, token_loss, window_f1

    if not windows:
        raise ValueError("no training windows: the training documents are empty")
    seed_everything(seed)
    shuffle = random.Random(seed)
    optimizer = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=0.01)
    weights = label_weights(o_weight)
    report: dict[str, Any] = {"epochs_run": 0, "best_epoch": epochs, "dev_token_f1": None}
    best = BestEpoch(patience)
    for epoch in range(1, epochs + 1):
        head.train()
        order = list(range(len(windows)))
        shuffle.shuffle(order)
        total, steps = 0.0, 0
        for begin in range(0, len(order), BATCH_WINDOWS):
            rows = order[begin : begin + BATCH_WINDOWS]
            x, mask, y = _stack([features[i] for i in rows], [windows[i] for i in rows])
            logits = head(x, mask)
            loss = token_loss(logits, y, weights)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad()
            total, steps = total + loss.detach().item(), steps + 1
        report["epochs_run"] = epoch
        if on_epoch is not None:
            on_epoch(epoch, total / max(steps, 1))
        if dev is not None and dev[1] and best.stop(window_f1(context_logits(head, dev[0]), dev[1]), epoch, head):
            break
    best.restore(head, report)
    head.eval()
    return report
