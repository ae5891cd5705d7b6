"""Cost of the rules baseline's spaCy proposer, run by hand: ``python benchmarks/spacy_ner_speed.py``.

Prints the time to verify the pinned pipeline's files (sha256) and to load it, then documents
per second of the rules baseline with ``ner=caps`` and with ``ner=spacy`` on a split (default
``muc4/dev``; the sentence cache is cleared between runs). Needs ``pip install -e ".[ner]"``.
"""

from __future__ import annotations

import argparse
import time

from baselines import spacy_ner
from baselines.rules import RuleExtractor
from baselines.text import _sentences
from bench.data.load import load_split
from bench.extractors import blind
from bench.splits import get_split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="muc4/dev")
    parser.add_argument("--limit", type=int, default=50, help="documents timed (default 50)")
    args = parser.parse_args()

    folder = spacy_ner.default_dir()
    start = time.perf_counter()
    spacy_ner.verify(folder)
    verified = time.perf_counter()
    spacy_ner.load(folder)
    loaded = time.perf_counter()
    print(
        f"verify {len(spacy_ner.PINNED)} pinned files: {verified - start:.2f} s; spacy.load (ner only): {loaded - verified:.2f} s"
    )

    docs = blind(load_split(get_split(args.split).gold))[: args.limit]
    for ner in ("caps", "spacy"):
        extractor = RuleExtractor(ner=ner)
        extractor.predict(docs[:2])  # warm-up
        _sentences.cache_clear()
        start = time.perf_counter()
        extractor.predict(docs)
        seconds = time.perf_counter() - start
        print(f"rules ner={ner}: {len(docs) / seconds:.1f} documents/s ({len(docs)} documents of {args.split})")


if __name__ == "__main__":
    main()
