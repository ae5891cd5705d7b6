"""Wall clock of ``bench eval`` (rules extractor, 1,000 resamples) on the built-in splits.

    python benchmarks/eval_speed.py                    # breakout/test and muc4/test, 7 runs each
    python benchmarks/eval_speed.py --split muc4/test --runs 11

Budgets on 2 cores: ``bench eval`` on ``breakout/test`` <= 1 s, on ``muc4/test`` <= 3 s.
Each run is a fresh process, so every run pays the interpreter start-up and imports;
"cold" here means a new process with the operating system's file cache warm (the first,
truly cold run is reported apart and left out of the median). The peak resident memory
is the largest over the runs (``ru_maxrss`` of the children). A second figure splits
one in-process run into extraction and scoring, so a regression can be placed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BUDGETS = {"breakout/test": 1.0, "muc4/test": 3.0}


def _bench() -> list[str]:
    script = Path(sys.executable).with_name("bench")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bench"]


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _split_phases(split: str) -> tuple[float, float]:
    """Seconds spent extracting and scoring, in this process (imports already paid)."""
    from bench.data.load import load_kb, load_split
    from bench.extractors import blind, load_extractor
    from bench.score.evaluate import evaluate
    from bench.splits import get_split

    chosen = get_split(split)
    docs, kb = load_split(chosen.gold), load_kb(chosen.kb)
    rules = load_extractor("rules")
    start = time.perf_counter()
    records = rules.predict(blind(docs))
    extracted = time.perf_counter()
    evaluate(docs, kb, records, bootstrap=1000, seed=0, split=chosen)
    return extracted - start, time.perf_counter() - extracted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", action="append", help="split name (repeatable); default: both budgeted splits")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for split in args.split or list(BUDGETS):
        command = [*_bench(), "eval", "--split", split, "--bootstrap", "1000"]
        first = _time(command)
        times = [_time(command) for _ in range(args.runs)]
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        budget = BUDGETS.get(split)
        limit = f" (budget {budget:.0f} s)" if budget else ""
        print(
            f"bench eval --split {split}: median {statistics.median(times):.2f} s{limit}, "
            f"min {min(times):.2f} s, max {max(times):.2f} s over {args.runs} runs; first run {first:.2f} s"
        )
        extract, score = _split_phases(split)
        print(f"  in process: extraction {extract:.2f} s, scoring {score:.2f} s; peak RSS so far {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
