"""What a system that follows the BREAKOUT guidelines perfectly would score on a MUC-4 split.

    python annotations/muc4/ceiling.py                      # muc4/dev and muc4/test
    python annotations/muc4/ceiling.py --split muc4/dev --bootstrap 1000

MUC-4's answer keys fill some slots where the guidelines leave the field empty, and split
incidents the guidelines keep whole. This script turns the gold of a split into the predictions
of a perfect guideline-following reader, one projection at a time (each on top of the previous),
and scores each with ``bench eval``:

1. ``gold``: the gold itself, as predictions (1.0, a check of the rendering);
2. ``counts``: only counts with a number in their mention. MUC-4 locates a count of one at a
   victim's name or an indefinite singular ("A CIVILIAN"); guidelines 3.1 make those no counts;
3. ``incidents``: one event per incident. MUC-4 writes one template per incident type, so an
   arson and a robbery at one farm on one day are two templates; guidelines 2.1 ("one incident,
   one event") make them one. Events of a document with the same date and the same places are
   merged (their actors, counts and claims pooled, each once); an event with neither date nor
   place is left alone.

The figure is an upper bound for the proxy, not a target: a system that reads the text as the
guidelines say cannot score more than ``incidents`` on average, whatever its quality.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from baselines.numbers import count_text
from bench.data.model import Document, Event
from bench.extractors.oracle import oracle_record
from bench.splits import get_split

Projection = Callable[[Document, list[Event]], list[Event]]


def render(doc: Document, events: Iterable[Event]) -> dict[str, Any]:
    """The prediction record of ``doc`` whose events are ``events``: the oracle's rendering
    (``bench.extractors.oracle``), strings rather than ids."""
    return oracle_record(doc.model_copy(update={"events": list(events)}))


def numbered_counts(doc: Document, events: list[Event]) -> list[Event]:
    keep = []
    for ev in events:
        counts = [c for c in ev.counts if count_text(doc.text, c.mention.start, c.mention.end) is not None]
        keep.append(ev.model_copy(update={"counts": counts}))
    return keep


def one_per_incident(doc: Document, events: list[Event]) -> list[Event]:
    merged: dict[tuple[str | None, tuple[str, ...]] | int, Event] = {}
    for i, ev in enumerate(events):
        key = (ev.date, tuple(sorted(ev.locations)))
        if key == (None, ()):
            key = i  # neither date nor place: nothing says it is the same incident
        if key not in merged:
            merged[key] = ev
            continue
        first = merged[key]
        seen = {(c.mention.start, c.mention.end, c.category, c.victims) for c in first.counts}
        merged[key] = first.model_copy(
            update={
                "actors": list(dict.fromkeys([*first.actors, *ev.actors])),
                "counts": [
                    *first.counts,
                    *(c for c in ev.counts if (c.mention.start, c.mention.end, c.category, c.victims) not in seen),
                ],
                "claims": [*first.claims, *(k for k in ev.claims if (k.kind, k.actor, k.source) not in
                                            {(f.kind, f.actor, f.source) for f in first.claims})],
            }
        )  # fmt: skip
    return list(merged.values())


PROJECTIONS: list[tuple[str, Projection | None]] = [
    ("gold", None),
    ("counts", numbered_counts),
    ("incidents", one_per_incident),
]


def score(split: str, records: list[dict[str, Any]], bootstrap: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "predictions.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "bench",
            "eval",
            "-p",
            str(path),
            "--split",
            split,
            "--bootstrap",
            str(bootstrap),
            "--json",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def ceilings(split: str, bootstrap: int) -> list[tuple[str, dict[str, Any]]]:
    from bench.data.load import load_split

    docs = load_split(get_split(split).gold)
    events = {d.doc_id: list(d.events) for d in docs}
    out = []
    for label, project in PROJECTIONS:
        if project is not None:
            events = {d.doc_id: project(d, events[d.doc_id]) for d in docs}
        out.append((label, score(split, [render(d, events[d.doc_id]) for d in docs], bootstrap)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", help="a MUC-4 split (repeatable; default dev and test)")
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args(argv)
    for split in args.split or ["muc4/dev", "muc4/test"]:
        for label, result in ceilings(split, args.bootstrap):
            fields = " / ".join(f"{result['scores'][f]['f1']:.3f}" for f in result["scored"]["fields"])
            ci = result["scores"]["overall"].get("ci") or [float("nan")] * 2
            print(f"{split:10} {label:10} headline {result['headline']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]  ({fields})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
