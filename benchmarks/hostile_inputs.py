"""What hostile inputs cost: time, peak memory and output of ``bench`` on them (issue 10, items 12, 13, 16).

    python benchmarks/hostile_inputs.py            # every case
    python benchmarks/hostile_inputs.py tiny-lines # one case: tiny-lines, dev-zero, deep-nesting, many-events

Each case runs the real ``bench`` command in a child process and prints its wall time, the
largest peak resident memory of the children so far (RUSAGE_CHILDREN), its exit code and how
many lines it printed:

- ``tiny-lines`` (item 12): a 200 MB file of tiny invalid lines, once as is (refused by
  size before reading) and once with ``--max-bytes`` raised (streamed, problems capped);
- ``dev-zero`` (item 13): ``bench submit /dev/zero`` (refused: not a regular file);
- ``deep-nesting`` (item 16): a 20 MB results file and a META.yaml nested 100,000 deep
  given to ``bench compare`` and ``bench submit``;
- ``many-events`` (item 14, the validator's half): one document with 250,000 events (over the
  10 MB line limit) and one with 100,000 (under it: refused by the events-per-document limit).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(label: str, *args: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bench", *args], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = len(done.stdout.splitlines()) + len(done.stderr.splitlines())
    first = (done.stderr.strip().splitlines() or [""])[0][:110]
    print(
        f"{label:<44} {wall:7.2f} s  peak {max(peak, before) / 1024:7.0f} MB  exit {done.returncode}  {lines:>7} lines"
    )
    print(f"    first line: {first}")


def tiny_lines(folder: Path) -> None:
    path = folder / "tiny.jsonl"
    line = b"[]\n"
    with open(path, "wb") as handle:
        block = line * (1 << 20)
        while handle.tell() < 200_000_000:
            handle.write(block)
    _run("200 MB of tiny invalid lines", "validate", str(path))
    _run("... with --max-bytes 300000000", "validate", str(path), "--max-bytes", "300000000")


def dev_zero(folder: Path) -> None:
    meta = folder / "META.yaml"
    meta.write_text(
        "authors: [A]\ndescription: d\nmodel_size: '0'\ntraining_data: {saw_test_articles: 'no'}\ndate: 2024-01-01\n"
    )
    _run(
        "bench submit /dev/zero",
        "submit",
        "/dev/zero",
        "--name",
        "Z",
        "--meta",
        str(meta),
        "--root",
        str(folder / "lb"),
    )


def deep_nesting(folder: Path) -> None:
    results = folder / "deep.json"
    results.write_text('{\n"scores": ' + "[" * 10_000_000 + "]" * 10_000_000 + "}")  # first line "{": a results file
    _run("bench compare on a 20 MB nested results file", "compare", str(results), str(results))
    predictions = folder / "deep.jsonl"
    predictions.write_text("[" * 5_000_000 + "]" * 5_000_000 + "\n")
    _run("bench validate on a 10 MB nested predictions line", "validate", str(predictions))
    meta = folder / "deep.yaml"
    meta.write_text("[" * 100_000 + "]" * 100_000)
    _run(
        "bench submit with a META.yaml nested 100k deep",
        "submit",
        str(ROOT / "baselines/predictions/rules.jsonl"),
        "--name",
        "Deep",
        "--meta",
        str(meta),
        "--root",
        str(folder / "lb"),
    )


def many_events(folder: Path) -> None:
    from bench.data.load import load_split

    doc_id = load_split()[0].doc_id
    event = {"type": "attack", "actors": ["x"], "locations": ["y"]}
    for n in (250_000, 100_000):
        path = folder / f"events-{n}.jsonl"
        path.write_text(json.dumps({"doc_id": doc_id, "events": [event] * n}) + "\n")
        _run(f"one document with {n:,} events ({path.stat().st_size / 1e6:.1f} MB)", "validate", str(path))


CASES = {"tiny-lines": tiny_lines, "dev-zero": dev_zero, "deep-nesting": deep_nesting, "many-events": many_events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", metavar="CASE", help=f"one of {', '.join(CASES)} (default: all)")
    args = parser.parse_args()
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(CASES)}")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        for name in args.cases or list(CASES):
            CASES[name](Path(folder))


if __name__ == "__main__":
    main()
