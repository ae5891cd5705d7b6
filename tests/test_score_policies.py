"""No fixed way of writing count values beats writing what the text says (issue 9 item 5).

Each policy rewrites the count values of the gold-as-predictions (the oracle) on the
built-in split and leaves everything else alone, so the policies differ only in how they
write numbers:
- ``text``: the number expression as written (the mention text);
- ``integers``: an integer always - the stated number, or the low end of a vague range;
- ``midpoints``: an integer always - the stated number, or the middle of a vague range;
- ``vague words``: a vague word always - the narrowest guideline word whose range holds
  the number (the range's middle for a range), the nearest range when none holds it.
Under scorer 1.0 a predicted integer inside a vague gold range matched, so writing
midpoints scored exactly as well as the text: "never write hundreds" was free. Now each
fixed policy loses every count whose kind it cannot write, and the text wins outright.
"""

from __future__ import annotations

import pytest

from bench.data.model import CountValue
from bench.extractors.oracle import OracleExtractor
from bench.normalize.numbers import VAGUE_RANGES
from bench.resultsio import load_gold
from bench.score.evaluate import evaluate


def _vague_word(n: int) -> str:
    holding = [(hi - lo, w) for w, (lo, hi) in VAGUE_RANGES.items() if lo <= n <= hi and not w.endswith(" of")]
    if holding:
        return min(holding)[1]
    return min((min(abs(n - lo), abs(n - hi)), w) for w, (lo, hi) in VAGUE_RANGES.items())[1]


def _middle(v: CountValue) -> int:
    return v.stated if v.stated is not None else (v.low + (v.high if v.high is not None else v.low)) // 2


POLICIES = {
    "text": lambda count: count.mention.text,
    "integers": lambda count: count.value.stated if count.value.stated is not None else count.value.low,
    "midpoints": lambda count: _middle(count.value),
    "vague words": lambda count: _vague_word(_middle(count.value)),
}


def _score(policy: str, gold) -> dict:
    """The oracle (events and counts in gold order) with every count value rewritten."""
    records = OracleExtractor().predict(gold.docs)
    by_doc = {d.doc_id: d for d in gold.docs}
    for record in records:
        doc = by_doc[record["doc_id"]]
        for n, (gold_event, event) in enumerate(zip(doc.events, record["events"], strict=True)):
            counts = [*gold_event.counts, *(doc.totals if n == 0 else ())]  # the oracle writes totals on the first
            for gold_count, count in zip(counts, event["counts"], strict=True):
                count["value"] = POLICIES[policy](gold_count)
    results = evaluate(gold.docs, gold.kb, records, bootstrap=0, split=gold.split)
    return {k: results.scores[k]["f1"] for k in ("count", "attribution", "overall")}


@pytest.fixture(scope="module")
def scored() -> tuple[dict, dict]:
    gold = load_gold()
    counts = [c for d in gold.docs for e in d.events for c in e.counts]
    kinds = {
        "vague": sum(c.value.stated is None for c in counts),
        "number": sum(c.value.stated is not None for c in counts),
    }
    return {p: _score(p, gold) for p in POLICIES}, kinds


def test_writing_the_text_is_never_beaten(scored) -> None:
    scores, _ = scored
    for policy, values in scores.items():
        for key, value in values.items():
            assert value <= scores["text"][key] + 1e-12, (policy, key)
    assert scores["text"]["count"] == 1.0


def test_every_fixed_policy_loses_what_it_cannot_write(scored) -> None:
    scores, kinds = scored
    if kinds["vague"]:  # the built-in gold has vague counts: integers and midpoints lose them
        assert scores["integers"]["count"] < scores["text"]["count"]
        assert scores["midpoints"]["count"] < scores["text"]["count"]
        assert scores["midpoints"]["overall"] < scores["text"]["overall"]
    if kinds["number"]:  # ... and counts with a number: vague words lose them
        assert scores["vague words"]["count"] < scores["text"]["count"]
