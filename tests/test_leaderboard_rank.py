"""Rank intervals, p-values against the leader and ties (``bench.leaderboard.rank``)."""

from __future__ import annotations

import pytest
from leaderboard_helpers import META as HELPER_META
from leaderboard_helpers import records

from bench.leaderboard.metadata import parse_metadata
from bench.leaderboard.model import Entry
from bench.leaderboard.rank import competition_ranks, rank_board
from bench.resultsio import load_gold
from bench.score.evaluate import evaluate
from bench.score.paired import paired_bootstrap

BOOT = 200
META = {**HELPER_META, "model_size": "0", "system_type": "rules"}


def _scored(kind: str, name: str):
    gold = load_gold()
    results = evaluate(gold.docs, gold.kb, records(kind), bootstrap=BOOT, seed=0, gold_hash=gold.hash, split=gold.split)
    meta = parse_metadata({**META, "date": "2024-01-01"}, "meta", name)
    return Entry(name.lower(), meta, results.to_json(), ranked=True), results.stats


def _board(*kinds: tuple[str, str]):
    scored = [_scored(kind, name) for kind, name in kinds]
    scored.sort(key=lambda pair: -(pair[0].score() or 0.0))
    entries, tables = [e for e, _ in scored], [t for _, t in scored]
    rank_board(entries, tables, bootstrap=BOOT, seed=0)
    return entries, tables


@pytest.mark.parametrize(
    "scores, ranks",
    [([0.9, 0.8, 0.7], [1, 2, 3]), ([0.9, 0.9, 0.7], [1, 1, 3]), ([0.5, 0.5, 0.5], [1, 1, 1]), ([0.4, None], [1, 2])],
)
def test_competition_ranks(scores, ranks):
    assert competition_ranks(scores) == ranks


def test_rank_intervals_and_p_values():
    entries, tables = _board(("oracle", "Oracle"), ("partial", "Partial"), ("empty", "Empty"))
    oracle, partial, empty = entries
    assert oracle.rank_ci == (1, 1) and oracle.leader and oracle.p_value is None  # 1.0 in every resample
    assert partial.rank_ci is not None and partial.rank_ci[0] == 2  # never beats the oracle
    assert empty.rank_ci is not None and empty.rank_ci[1] == 3  # never beats anyone
    for entry, table in zip(entries[1:], tables[1:]):  # the p-value is the paired test's, not a second one
        expected = paired_bootstrap(tables[0], table, resamples=BOOT, seed=0, metrics=("overall",))
        assert entry.p_value == expected["overall"]["p_value"]
    assert empty.p_value is not None and empty.p_value < 0.05


def test_equal_systems_tie_without_a_leader():
    entries, _ = _board(("oracle", "Zeta"), ("oracle", "Alpha"), ("empty", "Empty"))
    assert [e.rank for e in entries] == [1, 1, 3]
    assert not any(e.leader for e in entries) and entries[0].tied and entries[1].tied
    assert entries[0].rank_ci == entries[1].rank_ci == (1, 1)  # equal in every resample: both first
    assert entries[1].p_value == 1.0  # no difference at all
