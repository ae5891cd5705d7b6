"""Start-up cost of ``bench --help`` against ``python -c "import typer"`` (budget: at most 2x).

    python benchmarks/startup.py            # 21 paired runs
    python benchmarks/startup.py --runs 41

Each run starts both commands, in alternating order, as fresh processes (wall clock);
the figures are the medians over the runs and the median of the per-pair ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("bench")
    bench = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "bench", "--help"]
    typer = [sys.executable, "-c", "import typer"]
    pairs = []
    for i in range(args.runs):
        if i % 2:
            b, t = _time(bench), _time(typer)
        else:
            t, b = _time(typer), _time(bench)
        pairs.append((t, b))
    t_med = statistics.median(t for t, _ in pairs)
    b_med = statistics.median(b for _, b in pairs)
    ratio = statistics.median(b / t for t, b in pairs)
    print(f"python -c 'import typer': median {t_med * 1000:.0f} ms")
    print(
        f"{' '.join(Path(bench[0]).name if i == 0 else a for i, a in enumerate(bench))}: median {b_med * 1000:.0f} ms"
    )
    print(f"ratio (median of {args.runs} paired runs): {ratio:.2f}x (budget 2x)")


if __name__ == "__main__":
    main()
