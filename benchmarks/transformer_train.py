"""Training time of the default transformer on CPU, and ``bench eval`` with the cached models.

    python benchmarks/transformer_train.py                 # fresh cache in a temp folder
    python benchmarks/transformer_train.py --mode full --epochs 1 --splits muc4/test
    python benchmarks/transformer_train.py --head linear   # the v2 head

Budgets on 2 cores: training every model the two boards need <= 15 minutes;
``bench eval --extractor transformer`` on ``breakout/test`` with cached models <= 30 s.

Each step is a fresh ``bench eval`` process with ``BREAKOUT_CACHE`` pointed at a new
temporary folder, so the first evaluation of a split trains (cold) and the second loads the
cached weights (warm). ``breakout/test`` needs five models (one per held-out seed article),
``muc4/test`` one (trained on muc4/train and all five seed articles); with the default
``bigru`` head all six continue from one base head trained on muc4/train (trained by the first
split, cached for the second). Each fold's own figures (epochs run, best dev epoch, dev token
F1, seconds, and the base head's) come from the results file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _bench() -> list[str]:
    script = Path(sys.executable).with_name("bench")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bench"]


def _eval(split: str, options: list[str], cache: Path, out: Path) -> float:
    command = [*_bench(), "eval", "--split", split, "--extractor", "transformer", "--out", str(out)]
    for option in options:
        command += ["--option", option]
    start = time.perf_counter()
    subprocess.run(command, env={**os.environ, "BREAKOUT_CACHE": str(cache)}, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--splits", nargs="+", default=["breakout/test", "muc4/test"])
    parser.add_argument("--mode", default="head")
    parser.add_argument("--head", default="bigru", help="the head in head mode: bigru (default) or linear")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cache", type=Path, help="keep the trained models in this folder (default: a temp folder)")
    args = parser.parse_args()
    options = [f"mode={args.mode}", f"head={args.head}", f"threads={args.threads}", "progress=false"]
    options += [f"epochs={args.epochs}"] if args.epochs else []
    total_cold = 0.0
    with tempfile.TemporaryDirectory(prefix="breakout-train-") as tmp:
        cache = args.cache or Path(tmp) / "cache"
        for split in args.splits:
            out = Path(tmp) / "results.json"
            cold = _eval(split, options, cache, out)
            results = json.loads(out.read_text(encoding="utf-8"))
            warm = _eval(split, options, cache, out)
            total_cold += cold
            print(
                f"{split}: cold (trains) {cold:.1f} s, warm (cached) {warm:.1f} s; headline {results['headline']:.3f}"
            )
            for fold, report in results["extractor"]["folds"].items():
                print(f"  fold {fold}: {json.dumps({k: v for k, v in report.items() if k != 'key'})}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"training, all splits: {total_cold:.1f} s cold (budget 900 s); peak RSS {peak:.0f} MB; {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
