"""Batched, length-sorted token-classification inference.

Windows are sorted by length and cut into batches by a budget of padded tokens, so long
windows go in small batches and short ones in large batches, each padded to nearly its own
length (on a CPU, ~512 tokens per batch is fastest: the activations stay in cache). Logits
of a token seen in two overlapping windows are summed before the argmax, so the result does
not depend on where the windows were cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from baselines.spans import Mention
from baselines.transformer.labels import Window, decode, make_windows


def default_budget(device: str) -> int:
    """Padded tokens per batch: small on a CPU (cache), large on a GPU (parallelism)."""
    return 8192 if device.startswith("cuda") else 512


def length_batches(windows: Sequence[Window], max_tokens: int, max_batch: int = 256) -> list[list[int]]:
    """Window indices, longest first, in batches of at most ``max_tokens`` padded tokens."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids), reverse=True)
    batches: list[list[int]] = []
    for i in order:
        if (
            batches
            and (len(batches[-1]) + 1) * len(windows[batches[-1][0]].input_ids) <= max_tokens
            and len(batches[-1]) < max_batch
        ):
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def pad(windows: Sequence[Window], pad_id: int, labels: bool = False) -> tuple[Any, ...]:
    """``input_ids`` and ``attention_mask`` tensors (and ``labels``, -100 on padding)."""
    import torch

    width = max(len(w.input_ids) for w in windows)
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    gold = torch.full((len(windows), width), -100, dtype=torch.long)
    for row, w in enumerate(windows):
        ids[row, : len(w.input_ids)] = torch.tensor(w.input_ids)
        mask[row, : len(w.input_ids)] = 1
        if labels:
            gold[row, : len(w.input_ids)] = torch.tensor(w.labels)
    return (ids, mask, gold) if labels else (ids, mask)


def run_batches(
    module: Any, windows: Sequence[Window], max_tokens: int, device: str, pad_id: int, output: str
) -> list[Any]:
    """Run ``module`` over all windows, length-sorted and batched; per-window ``output``
    tensors (``logits`` or ``last_hidden_state``) on the CPU, in the order given."""
    import torch

    out: list[Any] = [None] * len(windows)
    module.eval()
    with torch.inference_mode():
        for chunk in length_batches(windows, max_tokens):
            ids, mask = pad([windows[i] for i in chunk], pad_id)
            result = getattr(module(input_ids=ids.to(device), attention_mask=mask.to(device)), output).float().cpu()
            for row, i in enumerate(chunk):
                out[i] = result[row, : len(windows[i].input_ids)].clone()
    return out


def encode(model: Any, windows: Sequence[Window], max_tokens: int, device: str, pad_id: int = 0) -> list[Any]:
    """Frozen-encoder outputs (``[tokens, hidden]`` tensors on the CPU), one per window."""
    return run_batches(model.base_model.to(device), windows, max_tokens, device, pad_id, "last_hidden_state")


def window_logits(model: Any, windows: Sequence[Window], max_tokens: int, device: str, pad_id: int = 0) -> list[Any]:
    """Per-window logits (``numpy`` arrays ``[tokens, labels]``), in the order given."""
    return [t.numpy() for t in run_batches(model, windows, max_tokens, device, pad_id, "logits")]


def merge(
    windows: Sequence[Window], logits: Sequence[Any], n_texts: int
) -> list[tuple[list[tuple[int, int]], list[int]]]:
    """Per text: token offsets in order and their labels, summing logits over windows."""
    import numpy as np

    summed: list[dict[tuple[int, int], Any]] = [{} for _ in range(n_texts)]
    for window, scores in zip(windows, logits):
        table = summed[window.text_index]
        for offset, row in zip(window.offsets, scores):
            if offset is None or offset[0] == offset[1]:
                continue
            table[offset] = table[offset] + row if offset in table else row.copy()
    result = []
    for table in summed:
        offsets = sorted(table)
        result.append((offsets, [int(np.argmax(table[o])) for o in offsets]))
    return result


def tag_texts(
    model: Any,
    tokenizer: Any,
    texts: Sequence[str],
    *,
    max_tokens: int | None = None,
    max_length: int = 256,
    stride: int = 32,
    device: str = "cpu",
    head: Any = None,
) -> list[list[Mention]]:
    """Predicted spans for each text: from ``model``'s own token classifier, or, with a
    contextual ``head`` (``baselines.transformer.context``), from that head over the frozen
    outputs of ``model``'s encoder."""
    windows = make_windows(tokenizer, texts, max_length, stride)
    budget = max_tokens or default_budget(device)
    pad_id = tokenizer.pad_token_id or 0
    if head is None:
        logits = window_logits(model, windows, budget, device, pad_id)
    else:
        from baselines.transformer.context import context_logits

        features = encode(model, windows, budget, device, pad_id)
        logits = [t.numpy() for t in context_logits(head, features)]
    return [decode(text, offsets, labels) for text, (offsets, labels) in zip(texts, merge(windows, logits, len(texts)))]
