"""Cost of scoring one document with thousands of events (issue 10 item 14).

    python benchmarks/align_scale.py                    # 500 1000 2000 events a side
    python benchmarks/align_scale.py 2000 --before-max 2000
    git worktree add /tmp/scorer-1.0 a2c62db            # the last scorer 1.0 commit
    python benchmarks/align_scale.py 500 1000 2000 --before-root /tmp/scorer-1.0 --before-max 2000

One custom gold document with N gold events and N predicted events (a noisy copy, in
another order), in two shapes:
- ``varied``: actors, places and sources drawn from pools of 60, 120 and 30 names, so an
  event shares items with a few dozen others;
- ``shared``: the same, plus one country that every event names, so every predicted event
  shares an item with every gold event (the dense worst case for alignment).
For each, in a fresh process (peak memory is that run's alone), it scores the document
with ``bench.score.evaluate`` (no bootstrap, no span layer cost worth naming) twice:
- ``before``: every event pair compared by the exact matcher, forced with
  ``bench.score.pairs.EXACT_PAIRS`` (all pairs, as scorer 1.0 compared them); or, with
  ``--before-root DIR``, scorer 1.0 itself from a checkout of an older commit; only up to
  ``--before-max`` events, since it grows with N^2 (1.0's scores differ: other rules);
- ``after``: the default, index lookups (``bench.score.pairs.indexed_edges``).
It prints wall time, CPU time and peak resident memory above the process's memory before
scoring, and checks that both give the same scores.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.environ.get("BENCH_ROOT") or str(Path(__file__).resolve().parents[1]))

from bench.data.model import Claim, Count, CountValue, Document, Entity, Event, Span

CATEGORIES = ("escaped", "killed", "recaptured", "wounded", "attackers")


def make_document(n: int, shape: str, rng: random.Random) -> Document:
    words: list[str] = []
    length = 0

    def add(text: str) -> Span:
        nonlocal length
        start = length + (1 if words else 0)
        words.append(text)
        length = start + len(text)
        return Span.model_construct(start=start, end=length, text=text)

    pools = {"GROUP": [f"group{i}" for i in range(60)], "LOCATION": [f"place{i}" for i in range(120)]}
    pools["SOURCE"] = [f"source{i}" for i in range(30)]
    entities: dict[str, Entity] = {}

    def entity(kind: str, name: str) -> str:
        eid = f"{kind}:{name}"
        if eid not in entities:
            entities[eid] = Entity.model_construct(
                id=eid, type="GROUP" if kind == "SOURCE" else kind, kb=None, mentions=[add(name)]
            )
        return eid

    country = entity("LOCATION", "Iraq") if shape == "shared" else None
    events = []
    for e in range(n):
        actors = [entity("GROUP", rng.choice(pools["GROUP"])) for _ in range(rng.randint(1, 2))]
        places = [entity("LOCATION", rng.choice(pools["LOCATION"])) for _ in range(rng.randint(1, 2))]
        if country:
            places.append(country)
        counts = []
        for c in range(rng.randint(1, 3)):
            number = rng.randint(1, 400)
            category = rng.choice(CATEGORIES)
            counts.append(
                Count.model_construct(
                    id=f"e{e}.c{c}",
                    mention=add(str(number)),
                    category=category,
                    victims="security" if category in ("killed", "wounded") else None,
                    value=CountValue(stated=number, low=number, high=number, modifier="exact"),
                    source=entity("SOURCE", rng.choice(pools["SOURCE"])),
                )
            )
        claims = [Claim.model_construct(id=f"e{e}.k0", kind="responsibility", actor=actors[0], source=actors[0])]
        events.append(
            Event.model_construct(
                id=f"e{e}",
                type=rng.choice(("attack", "prison_break")),
                actors=sorted(set(actors)),
                locations=sorted(set(places)),
                trigger=None,
                date=None,
                kb=None,
                counts=counts,
                claims=claims,
            )
        )
    return Document.model_construct(doc_id="big", text=" ".join(words), entities=list(entities.values()), events=events)


def make_prediction(doc: Document, rng: random.Random) -> Any:
    from bench.extractors.oracle import oracle_record
    from bench.predictions.validate import check_object

    record = oracle_record(doc)
    record["mentions"] = []
    events = [e for e in record["events"] if rng.random() > 0.1]
    for event in events:
        if rng.random() < 0.3:
            event["actors"] = [f"group{rng.randrange(60)}"]
        for c in event["counts"]:
            if rng.random() < 0.2:
                c["value"] = rng.randint(1, 400)
    rng.shuffle(events)
    record["events"] = events
    pred, problems = check_object(record, doc.text)
    assert pred is not None, problems
    return pred


def _memory() -> dict[str, int]:
    status = Path("/proc/self/status").read_text()
    return {key: int(re.search(key + r":\s+(\d+)", status).group(1)) for key in ("VmRSS", "VmHWM")}


def run_one(n: int, shape: str, mode: str) -> dict[str, Any]:
    import importlib

    from bench.splits import Split

    evaluate = importlib.import_module("bench.score.evaluate").evaluate
    rng = random.Random(n)
    doc = make_document(n, shape, rng)
    pred = make_prediction(doc, rng)
    if mode == "before" and not os.environ.get("BENCH_ROOT"):
        importlib.import_module("bench.score.pairs").EXACT_PAIRS = 10**12
    split = Split(name="bench/big", version="1", gold=Path("-"), kb=Path("-"), span=False)
    gc.collect()
    base = _memory()["VmRSS"]
    Path("/proc/self/clear_refs").write_text("5")
    start, cpu = time.perf_counter(), time.process_time()
    results = evaluate([doc], {}, [pred], bootstrap=0, gold_hash="0" * 12, split=split)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "events": n,
        "shape": shape,
        "mode": mode,
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_mb": (_memory()["VmHWM"] - base) / 1024,
        "scores": {k: v["f1"] for k, v in results.scores.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 1000, 2000])
    parser.add_argument("--before-max", type=int, default=1000, help="largest N to run all-pairs on")
    parser.add_argument("--before-root", help="run 'before' with the bench package of this checkout (scorer 1.0)")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        n, shape, mode = args.one
        print(json.dumps(run_one(int(n), shape, mode)))
        return
    print(f"{'events':>7} {'shape':>7} {'mode':>7} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}  same scores")
    for n in args.sizes:
        for shape in ("varied", "shared"):
            found = {}
            for mode in ("before", "after"):
                if mode == "before" and n > args.before_max:
                    print(f"{n:>7} {shape:>7} {mode:>7} {'(skipped: --before-max)':>26}", flush=True)
                    continue
                env = dict(os.environ)
                if mode == "before" and args.before_root:
                    env["BENCH_ROOT"] = args.before_root
                out = subprocess.run(
                    [sys.executable, __file__, "--one", str(n), shape, mode],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                ).stdout
                r = json.loads(out)
                found[mode] = r["scores"]
                same = (
                    "" if len(found) < 2 or args.before_root else ("yes" if found["before"] == found["after"] else "NO")
                )
                print(
                    f"{n:>7} {shape:>7} {mode:>7} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f} {r['peak_mb']:>8.1f}  {same}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
