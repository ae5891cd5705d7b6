"""A learned count classifier: category and victims of a number from its encoder context.

The shared assembly decides a count's category and victims by rules
(``baselines.assemble.counts.categorize``). With ``counts=classifier`` the transformer baseline
keeps the rule's decision of *whether* a number is a count, and lets a linear classifier over
the frozen encoder's outputs at the number's tokens decide *which* (``killed|civilians``,
``escaped|``, ...). It is trained on the gold counts of the training documents (MUC-4 HUM TGT
effect and type, the seed articles' counts by leave-one-document-out), whose mentions hold a
number. ``features_at`` reads the contextual vectors of a span from window features.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from baselines.assemble.counts import categorize
from baselines.numbers import count_text
from baselines.transformer.labels import Window
from bench.data.model import Document

Decide = Callable[[str, int, int, int, int], "tuple[str, str | None] | None"]


def label_of(category: str, victims: str | None) -> str:
    return f"{category}|{victims or ''}"


def features_at(windows: Sequence[Window], features: Sequence[Any], start: int, end: int) -> Any | None:
    """Mean encoder vector of the tokens overlapping ``[start, end)`` in the first window holding them."""
    import torch

    for window, vectors in zip(windows, features):
        rows = [i for i, o in enumerate(window.offsets) if o is not None and o[0] < end and o[1] > start]
        if rows:
            return torch.stack([vectors[i] for i in rows]).mean(0)
    return None


def examples(
    documents: Sequence[tuple[Document, Sequence[Window], Sequence[Any]]],
) -> tuple[list[Any], list[str]]:
    """(vectors, labels) of every gold count whose mention holds a number."""
    vectors, labels = [], []
    for doc, windows, features in documents:
        for event in doc.events:
            for count in event.counts:
                span = count.mention
                if count_text(doc.text, span.start, span.end) is None:
                    continue
                vector = features_at(windows, features, span.start, span.end)
                if vector is not None:
                    vectors.append(vector)
                    labels.append(label_of(count.category, count.victims))
    return vectors, labels


def train_classifier(vectors: Sequence[Any], labels: Sequence[str], *, seed: int, steps: int = 300) -> dict[str, Any]:
    """A softmax classifier (full-batch AdamW, weight decay) as tensors plus its label list."""
    import torch

    classes = sorted(set(labels))
    generator = torch.Generator().manual_seed(seed)
    x = torch.stack(list(vectors))
    y = torch.tensor([classes.index(label) for label in labels])
    layer = torch.nn.Linear(x.shape[1], len(classes))
    with torch.no_grad():
        layer.weight.copy_(torch.randn(layer.weight.shape, generator=generator) * 0.02)
        layer.bias.zero_()
    optimizer = torch.optim.AdamW(layer.parameters(), lr=1e-2, weight_decay=0.01)
    for _ in range(steps):
        loss = torch.nn.functional.cross_entropy(layer(x), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return {"weight": layer.weight.detach().clone(), "bias": layer.bias.detach().clone(), "classes": classes}


def decider(model: dict[str, Any], windows: Sequence[Window], features: Sequence[Any]) -> Decide:
    """A ``categorize`` replacement for one document: the rule says whether, the classifier which."""

    def decide(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[str, str | None] | None:
        ruled = categorize(text, sent_start, sent_end, start, end)
        vector = features_at(windows, features, start, end) if ruled is not None else None
        if ruled is None or vector is None:
            return ruled
        scores = vector @ model["weight"].T + model["bias"]
        category, _, victims = model["classes"][int(scores.argmax())].partition("|")
        return category, victims or ruled[1]

    return decide
