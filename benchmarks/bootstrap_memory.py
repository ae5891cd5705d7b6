"""Memory and time of the bootstrap as the number of resamples grows (issue 10 item 15).

    python benchmarks/bootstrap_memory.py                   # 1000 10000 100000 resamples, 1000 documents
    python benchmarks/bootstrap_memory.py 1000 100000 --documents 5

For each resample count, in a fresh process, it summarises a statistics table of
``--documents`` synthetic documents (``bench.score.evaluate.summarise``: every reported
score and its interval) twice:
- ``whole``: all resamples in one block (``BLOCK_CELLS`` huge): the multiplicities and
  the totals of every resample are held at once, as scorer 1.0 did;
- ``blocks``: the default blocks (at most ``BLOCK_CELLS`` multiplicities and
  ``BLOCK_RESAMPLES`` resamples), each reduced to the reported scores before the next is
  drawn.
It prints wall and CPU time, peak resident memory above the process's memory before, and
whether the two give bit-identical results. What still grows with the resample count in
``blocks`` is the scores kept for the percentiles (8 bytes per reported score and resample).
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _memory() -> dict[str, int]:
    status = Path("/proc/self/status").read_text()
    return {key: int(re.search(key + r":\s+(\d+)", status).group(1)) for key in ("VmRSS", "VmHWM")}


def run_one(resamples: int, documents: int, mode: str) -> dict[str, Any]:
    import hashlib

    import numpy as np

    import bench.score.bootstrap as bootstrap
    from bench.score.evaluate import summarise
    from bench.score.stats import COLUMNS, StatsTable

    rng = np.random.default_rng(0)
    matrix = rng.integers(0, 6, size=(documents, len(COLUMNS))).astype(float)
    table = StatsTable(tuple(f"d{i:05d}" for i in range(documents)), matrix)
    if mode == "whole":
        bootstrap.BLOCK_CELLS = bootstrap.BLOCK_RESAMPLES = 10**15
    gc.collect()
    base = _memory()["VmRSS"]
    Path("/proc/self/clear_refs").write_text("5")
    start, cpu = time.perf_counter(), time.process_time()
    scores, diagnostics = summarise(table, bootstrap=resamples, seed=0)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    digest = hashlib.sha256(json.dumps([scores, diagnostics], sort_keys=True).encode()).hexdigest()[:12]
    return {"wall_s": wall, "cpu_s": cpu, "peak_mb": (_memory()["VmHWM"] - base) / 1024, "digest": digest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("resamples", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.documents, args.one[1])))
        return
    print(f"{'resamples':>9} {'documents':>9} {'mode':>7} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}  identical")
    for resamples in args.resamples:
        digests = []
        for mode in ("whole", "blocks"):
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(resamples), mode, "--documents", str(args.documents)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out)
            digests.append(r["digest"])
            same = "" if len(digests) < 2 else ("yes" if digests[0] == digests[1] else "NO")
            print(
                f"{resamples:>9} {args.documents:>9} {mode:>7} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f} "
                f"{r['peak_mb']:>8.1f}  {same}",
                flush=True,
            )


if __name__ == "__main__":
    main()
