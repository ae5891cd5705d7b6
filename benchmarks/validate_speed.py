"""Validation time per 1,000 documents: the predictions validator on realistic records.

    python benchmarks/validate_speed.py            # 1000 documents, best of 5
    python benchmarks/validate_speed.py --docs 5000 --repeat 3

The records are the oracle's predictions of the five seed articles (every field filled,
span objects with offsets, number strings to normalise), copied under new document ids
until there are ``--docs`` of them; the gold is the same texts under the same ids. Timed:
``bench.predictions.validate.validate_lines`` on the parsed records (the JSON parsing of
the file is not included; it is the same before and after), in process CPU time, best
of ``--repeat``. Also reported: the file read end to end (``load_predictions``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data.load import load_split
from bench.data.model import Document
from bench.extractors.oracle import oracle_record
from bench.predictions.validate import load_predictions, validate_lines


def _corpus(n: int) -> tuple[list[Document], list[dict]]:
    seeds = load_split()
    gold, records = [], []
    for i in range(n):
        seed = seeds[i % len(seeds)]
        doc_id = f"{seed.doc_id}-{i:06d}"
        record = oracle_record(seed)
        record["doc_id"] = doc_id
        gold.append(Document(doc_id=doc_id, text=seed.text))
        records.append(record)
    return gold, records


def _best(repeat: int, work) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gold, records = _corpus(args.docs)
    items = sum(
        len(e.get(k, [])) for r in records for e in r["events"] for k in ("actors", "locations", "counts", "claims")
    )
    print(f"{args.docs} documents, {sum(len(r['events']) for r in records)} events, {items} field items")

    def check() -> None:
        _, problems = validate_lines(enumerate(records, 1), gold, "bench.jsonl")
        assert not problems, problems[:3]

    per_k = _best(args.repeat, check) / args.docs * 1000
    print(f"validate_lines: {per_k * 1000:.1f} ms CPU per 1,000 documents (best of {args.repeat})")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        per_k = _best(args.repeat, lambda: load_predictions(path, gold)) / args.docs * 1000
        print(f"load_predictions (read + parse + validate): {per_k * 1000:.1f} ms CPU per 1,000 documents")


if __name__ == "__main__":
    main()
