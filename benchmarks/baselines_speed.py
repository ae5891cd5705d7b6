"""Throughput of the baselines, run by hand: ``python benchmarks/baselines_speed.py``.

Prints
- documents per second of the rule baseline (segmentation cache cleared between runs);
- tokens per second of the transformer tagger's batched, length-sorted inference next to a
  plain ``transformers.pipeline("token-classification")`` on the same model and texts (the
  non-empty lines of the seed articles), after checking both give identical token labels.

The model is the baseline's encoder (default: the pinned all-MiniLM-L6-v2, first 3 layers)
with a seeded, untrained head: speed does not depend on the head's weights, and identical
labels from a random head are a stricter check than from a trained one.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import paths
from bench.data.model import Document


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Median wall time of ``repeats`` runs (after one warm-up run) and the last result."""
    result = run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def rules_speed(docs: list[Document], repeats: int) -> float:
    from baselines.rules import RuleExtractor
    from baselines.text import _sentences

    extractor = RuleExtractor()

    def run() -> list[dict]:
        _sentences.cache_clear()
        return extractor.predict(docs)

    seconds, _ = best_of(repeats, run)
    return len(docs) / seconds


def transformer_speed(
    texts: list[str], model_id: str | None, layers: int | None, max_tokens: int, repeats: int
) -> dict[str, Any]:
    import torch
    from transformers import pipeline

    from baselines.transformer.encoder import resolve
    from baselines.transformer.infer import window_logits
    from baselines.transformer.labels import LABELS, make_windows
    from baselines.transformer.train import fresh_copy, load_base

    encoder = resolve(model_id)
    tokenizer, base = load_base(encoder.location, encoder.local_files_only, layers)
    model = fresh_copy(base, 13).eval()
    tokens = sum(len(ids) for ids in tokenizer(texts)["input_ids"])

    def ours() -> set[tuple[int, int, int, str]]:  # tokenisation included, as in the pipeline
        windows = make_windows(tokenizer, texts, 512, 0)
        assert len(windows) == len(texts), "every line must fit one window for a like-for-like comparison"
        logits = window_logits(model, windows, max_tokens, "cpu", tokenizer.pad_token_id or 0)
        return {
            (w.text_index, o[0], o[1], LABELS[int(row.argmax())])
            for w, scores in zip(windows, logits)
            for o, row in zip(w.offsets, scores)
            if o is not None and LABELS[int(row.argmax())] != "O"
        }

    tagger = pipeline("token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="none", device=-1)

    def plain() -> set[tuple[int, int, int, str]]:
        return {(i, e["start"], e["end"], e["entity"]) for i, found in enumerate(tagger(texts)) for e in found}

    with torch.inference_mode():
        ours_s, ours_out = best_of(repeats, ours)
        plain_s, plain_out = best_of(repeats, plain)
    return {
        "encoder": encoder.name,
        "texts": len(texts),
        "tokens": tokens,
        "max_tokens": max_tokens,
        "ours_tok_s": tokens / ours_s,
        "pipeline_tok_s": tokens / plain_s,
        "speedup": plain_s / ours_s,
        "identical": ours_out == plain_out,
        "labelled_tokens": len(ours_out),
        "differences": len(ours_out ^ plain_out),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="encoder folder or cached hub id (default: the pinned MiniLM)")
    parser.add_argument("--layers", type=int, default=3, help="encoder layers kept, as in the baseline (0: all)")
    parser.add_argument(
        "--max-tokens", type=int, default=512, help="padded tokens per batch (the baseline's CPU default)"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--copies", type=int, default=2, help="how many times the seed texts are repeated")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch intra-op threads (default 1: stable on a shared machine; 0 keeps torch's default)",
    )
    args = parser.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    from baselines.text import blocks

    seeds = sorted(Path(paths.SEEDS_DIR).glob("*.txt"))
    docs = [Document(doc_id=p.stem, text=p.read_text(encoding="utf-8")) for p in seeds]
    print(f"rule baseline: {rules_speed(docs, args.repeats):.1f} documents/s ({len(docs)} seed articles)")
    lines = [d.text[b.start : b.end] for d in docs for b in blocks(d.text)] * args.copies
    r = transformer_speed(lines, args.model, args.layers or None, args.max_tokens, args.repeats)
    import torch

    print(
        f"transformer inference ({r['encoder']}, {r['texts']} lines, {r['tokens']} tokens, "
        f"{torch.get_num_threads()} torch thread(s)):"
    )
    print(f"  batched + length-sorted (<= {r['max_tokens']} padded tokens a batch): {r['ours_tok_s']:,.0f} tokens/s")
    print(f"  transformers.pipeline, one text at a time: {r['pipeline_tok_s']:,.0f} tokens/s")
    print(
        f"  speed-up: {r['speedup']:.2f}x; identical labels: {r['identical']} "
        f"({r['labelled_tokens']} non-O tokens, {r['differences']} differences)"
    )


if __name__ == "__main__":
    main()
