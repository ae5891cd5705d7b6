"""How the scorer scales: synthetic splits of 1k, 10k and 100k documents.

    python benchmarks/score_scale.py                 # 1000 10000 100000, 1000 resamples
    python benchmarks/score_scale.py 1000 5000 --bootstrap 200

For each size, in a fresh process (so peak memory is that size's alone), it builds a
synthetic split (about 150 tokens, 2 events, 8 mentions per document) and noisy
predictions, then reports:
- ``evaluate``: the whole scorer (events, span layer, 1000-resample bootstrap), documents
  per second and peak resident memory above the process's memory before scoring;
- ``span layer``: ``bench.score.spans.span_stats`` alone (tokenise, tag, seqeval entity
  extraction, partial matching);
- ``seqeval``: ``seqeval.metrics.classification_report(mode="strict", scheme=IOB2)`` on
  the same tag sequences (tags built beforehand, not timed), and the span layer's cost
  relative to it (target: at most 25% more).
Span layer and seqeval are timed in process CPU time (the figure least disturbed by other
jobs on a shared machine), best of three up to 10k documents, once above; ``evaluate`` is
reported in wall-clock and CPU time.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data.model import Claim, Count, CountValue, Document, Entity, Event, KBEntry, Span

GROUPS = ["ISIS", "Islamic State", "gunmen", "militants", "Al-Qaeda", "the SDF", "security forces"]
SOURCES = ["officials", "the ministry", "Al-Jazeera", "a spokesman", "the police"]
PLACES = ["Baghdad", "Abu Ghraib", "Taji", "Hassakeh", "Gweiran Prison", "Syria", "Iraq", "Kirkuk"]
NUMBERS = [
    ("at least 25", CountValue(stated=25, low=25, high=None, modifier="at_least")),
    ("hundreds", CountValue(stated=None, low=200, high=999, modifier="vague")),
    ("260", CountValue(stated=260, low=260, high=260, modifier="exact")),
    ("twelve", CountValue(stated=12, low=12, high=12, modifier="exact")),
    ("more than 100", CountValue(stated=100, low=101, high=None, modifier="at_least")),
]
FILLER = (
    "the and of attack prison said on in a was were by after before during city "
    "local people reported according to forces fighting near road during week"
).split()


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return Span.model_construct(start=start, end=self.length, text=piece)

    def filler(self, rng: random.Random, n: int) -> None:
        for _ in range(n):
            self.add(rng.choice(FILLER))
        self.add(".")


def make_doc(i: int, rng: random.Random) -> Document:
    text, entities, events = _Text(), [], []
    for e in range(rng.choice((1, 2, 3))):
        text.filler(rng, rng.randint(15, 30))
        ids = {role: f"e{e}_{role}" for role in ("actor", "place", "country", "source")}
        actor = Entity.model_construct(id=ids["actor"], type="GROUP", kb=None, mentions=[text.add(rng.choice(GROUPS))])
        text.add("attacked")
        place = Entity.model_construct(
            id=ids["place"], type="LOCATION", kb=None, mentions=[text.add(rng.choice(PLACES))]
        )
        text.add("in")
        country = Entity.model_construct(
            id=ids["country"], type="LOCATION", kb=None, mentions=[text.add(rng.choice(PLACES))]
        )
        text.add(".")
        source = Entity.model_construct(
            id=ids["source"], type="GROUP", kb=None, mentions=[text.add(rng.choice(SOURCES))]
        )
        text.add("said")
        counts = []
        for c, category in enumerate(("killed", "escaped")):
            surface, value = rng.choice(NUMBERS)
            counts.append(
                Count.model_construct(
                    id=f"e{e}.c{c}",
                    mention=text.add(surface),
                    category=category,
                    victims="security" if category == "killed" else None,
                    value=value,
                    source=ids["source"],
                )
            )
            text.add(category)
        text.filler(rng, rng.randint(10, 20))
        entities += [actor, place, country, source]
        claim = Claim.model_construct(
            id=f"e{e}.k0", kind="responsibility", actor=ids["actor"], source=ids["actor"], via=None, cue=None
        )
        events.append(
            Event.model_construct(
                id=f"e{e}",
                type=rng.choice(("prison_break", "attack")),
                actors=[ids["actor"]],
                locations=[ids["place"], ids["country"]],
                trigger=None,
                date=None,
                kb=None,
                counts=counts,
                claims=[claim],
            )
        )
    return Document.model_construct(doc_id=f"doc{i:06d}", text="".join(text.parts), entities=entities, events=events)


def make_prediction(doc: Document, rng: random.Random) -> Any:
    """A noisy copy of the gold, as a typed prediction (what a validated file becomes)."""
    from bench.extractors.oracle import oracle_record
    from bench.predictions.validate import check_object

    record = oracle_record(doc)
    record["mentions"] = [m for m in record["mentions"] if rng.random() > 0.1]
    for m in record["mentions"]:
        if rng.random() < 0.1:
            m["end"] = max(m["start"] + 1, m["end"] - 2)
    events = [e for e in record["events"] if rng.random() > 0.15]
    for event in events:
        if rng.random() < 0.2:
            event["actors"] = [rng.choice(GROUPS)]
        event["counts"] = [c for c in event["counts"] if rng.random() > 0.2]
        for c in event["counts"]:
            if rng.random() < 0.2:
                c["source"] = rng.choice(SOURCES)
    if rng.random() < 0.1:
        events.append({"type": "attack", "actors": [rng.choice(GROUPS)], "locations": [rng.choice(PLACES)]})
    record["events"] = events
    document, problems = check_object(record, doc.text)
    assert document is not None, problems
    return document


def _memory() -> dict[str, int]:
    status = Path("/proc/self/status").read_text()
    return {key: int(re.search(key + r":\s+(\d+)", status).group(1)) for key in ("VmRSS", "VmHWM")}


def run_one(n: int, resamples: int) -> dict[str, Any]:
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    from bench.score.evaluate import evaluate
    from bench.score.spans import gold_mentions, pred_mentions, span_stats
    from bench.score.tokenize import iob2_tags, tokenize

    rng = random.Random(n)
    docs = [make_doc(i, rng) for i in range(n)]
    preds = [make_prediction(d, rng) for d in docs]
    kb: dict[str, KBEntry] = {}
    tokens = sum(len(tokenize(d.text)[0]) for d in docs)

    gc.collect()
    base = _memory()["VmRSS"]
    Path("/proc/self/clear_refs").write_text("5")
    start, cpu = time.perf_counter(), time.process_time()
    results = evaluate(docs, kb, preds, bootstrap=resamples, seed=0, gold_hash="0" * 12)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_kb = _memory()["VmHWM"] - base

    y_true = [iob2_tags(tokenize(d.text), gold_mentions(d)) for d in docs]
    y_pred = [iob2_tags(tokenize(d.text), pred_mentions(p)) for d, p in zip(docs, preds)]
    span_time = seqeval_time = float("inf")
    for _ in range(3 if n <= 10_000 else 1):  # best of three where it is cheap: the machine is shared
        gc.collect()
        start = time.process_time()
        span_stats(docs, preds)
        span_time = min(span_time, time.process_time() - start)
        gc.collect()
        start = time.process_time()
        classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True)
        seqeval_time = min(seqeval_time, time.process_time() - start)
    return {
        "documents": n,
        "tokens": tokens,
        "evaluate_s": elapsed,
        "evaluate_cpu_s": cpu,
        "docs_per_s": n / elapsed,
        "docs_per_cpu_s": n / cpu,
        "peak_mb": peak_kb / 1024,
        "span_layer_s": span_time,
        "seqeval_s": seqeval_time,
        "span_vs_seqeval": span_time / seqeval_time,
        "headline": results.headline,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.sizes[0], args.bootstrap)))
        return
    print(
        f"{'docs':>7} {'tokens':>10} {'wall s':>8} {'docs/s':>7} {'cpu s':>8} {'docs/cpu s':>10} {'peak MB':>8} "
        f"{'span cpu s':>10} {'seqeval cpu s':>13} {'span/seqeval':>12}"
    )
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, str(n), "--bootstrap", str(args.bootstrap), "--one"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out)
        print(
            f"{r['documents']:>7} {r['tokens']:>10} {r['evaluate_s']:>8.2f} {r['docs_per_s']:>7.0f} "
            f"{r['evaluate_cpu_s']:>8.2f} {r['docs_per_cpu_s']:>10.0f} {r['peak_mb']:>8.1f} "
            f"{r['span_layer_s']:>10.2f} {r['seqeval_s']:>13.2f} {r['span_vs_seqeval']:>12.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
