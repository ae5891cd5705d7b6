"""How long the MUC-4 conversion takes, and how much memory it needs (target: <= 60 s).

    python benchmarks/muc4_convert.py              # 3 runs of the whole conversion
    python benchmarks/muc4_convert.py --runs 1

Each run is a fresh process converting all 1,700 messages (read the archive, build the
places KB, convert the three splits, serialise them as ``bench data convert-muc4`` writes
them; nothing is written). Reported per run: wall-clock and CPU seconds, and the peak
resident memory of the process (``ru_maxrss``) above its memory after the imports; then
the best and the median run.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def one_run() -> dict[str, float]:
    from bench import paths
    from bench.data.muc4.build import convert, output_files

    baseline = _rss_mib()
    wall, cpu = time.perf_counter(), time.process_time()
    conversion = convert(paths.MUC4_ARCHIVE)
    files = output_files(conversion, paths.MUC4_DIR)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mib": _rss_mib(),
        "peak_rss_above_imports_mib": _rss_mib() - baseline,
        "documents": sum(len(docs) for docs in conversion.splits.values()),
        "output_mib": sum(len(text.encode("utf-8")) for text in files.values()) / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run()))
        return
    runs = []
    for i in range(args.runs):
        out = subprocess.run([sys.executable, __file__, "--child"], capture_output=True, text=True, check=True)
        run = json.loads(out.stdout)
        runs.append(run)
        print(
            f"run {i + 1}: {run['documents']:.0f} documents in {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU; "
            f"peak RSS {run['peak_rss_mib']:.0f} MiB ({run['peak_rss_above_imports_mib']:.0f} MiB above the imports); "
            f"output {run['output_mib']:.1f} MiB"
        )
    walls = [r["wall_s"] for r in runs]
    print(
        f"best {min(walls):.1f} s, median {statistics.median(walls):.1f} s wall (target <= 60 s); "
        f"peak RSS at most {max(r['peak_rss_mib'] for r in runs):.0f} MiB"
    )


if __name__ == "__main__":
    main()
