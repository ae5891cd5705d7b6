"""``bench compare``: per-field deltas between two systems, paired bootstrap p-values, a gate.

Each side is a results file (``bench eval --out``), a predictions file (scored now against
the gold) or a leaderboard entry folder. The two must carry the same signature (same gold,
scorer, normalisation and bootstrap settings): otherwise they are not comparable and the
comparison refuses (``SignatureMismatch``, exit 3). When one side is a results file and
the other predictions, the predictions are scored with the results' bootstrap settings.

The test is ``bench.score.paired.paired_bootstrap`` (both systems resampled with the
same document draws). A field *regresses* when ``candidate - baseline < -max_drop``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.gates import dropped
from bench.resultsio import (
    DEFAULT_BOOTSTRAP,
    DEFAULT_SEED,
    Gold,
    Side,
    load_gold,
    looks_like_results,
    read_results,
    results_of,
)

GATED: tuple[str, ...] = ("overall", "actor", "location", "count", "attribution", "claim", "span")


class SignatureMismatch(ValueError):
    """The two results are not comparable; ``reasons`` says which parts of the signatures differ."""

    def __init__(self, a: str, b: str, reasons: list[str]) -> None:
        super().__init__(
            f"not comparable: signatures differ ({'; '.join(reasons)})\n  baseline:  {a}\n  candidate: {b}"
        )
        self.reasons = reasons


@dataclass
class FieldDelta:
    """One row of a comparison."""

    field: str
    baseline: float
    candidate: float
    delta: float
    ci: list[float] | None
    p_value: float | None
    regressed: bool


@dataclass
class Comparison:
    """The result of ``compare``."""

    baseline: str
    candidate: str
    signature: str
    max_drop: float
    resamples: int
    seed: int
    rows: list[FieldDelta] = field(default_factory=list)
    documents: int = 0  # documents both sides are scored on

    @property
    def min_p_value(self) -> float | None:
        """The smallest p-value the paired test can give: 1 / (resamples + 1)."""
        return 1 / (self.resamples + 1) if self.resamples else None

    @property
    def regressions(self) -> list[FieldDelta]:
        return [row for row in self.rows if row.regressed]

    def to_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "candidate": self.candidate,
            "signature": self.signature,
            "max_drop": self.max_drop,
            "paired_bootstrap": {
                "resamples": self.resamples,
                "seed": self.seed,
                "documents": self.documents,
                "distinct_resamples": _distinct(self.documents),
                "min_p_value": self.min_p_value,
            },
            "fields": {
                r.field: {
                    "baseline": r.baseline,
                    "candidate": r.candidate,
                    "delta": r.delta,
                    "ci": r.ci,
                    "p_value": r.p_value,
                    "regressed": r.regressed,
                }
                for r in self.rows
            },
            "regressions": [r.field for r in self.regressions],
        }

    def _limits(self) -> list[str]:
        distinct, floor = _distinct(self.documents), self.min_p_value
        if floor is None:
            return []
        line = f"smallest possible p-value {floor:.4f} (1 / (resamples + 1)): a difference in every resample gets it"
        if distinct is not None and distinct < self.resamples:
            line += f"; {self.documents} documents allow only {distinct} distinct resamples"
        return [line]

    def lines(self) -> list[str]:
        """The human table, one line per field, then a verdict."""
        out = [
            f"baseline:  {self.baseline}",
            f"candidate: {self.candidate}",
            f"signature: {self.signature}",
            f"paired bootstrap: {self.resamples} resamples, seed {self.seed}; max drop {self.max_drop:g}",
            *self._limits(),
            "",
            f"{'field':<12} {'baseline':>9} {'candidate':>9} {'delta':>8}  {'95% CI of delta':<18} {'p-value':>7}  status",
        ]
        for r in self.rows:
            ci = f"[{r.ci[0]:+.3f}, {r.ci[1]:+.3f}]" if r.ci else "-"
            p = "-" if r.p_value is None else f"{r.p_value:.3f}"
            status = f"REGRESSION (drop {-r.delta:.3f} > {self.max_drop:g})" if r.regressed else "ok"
            out.append(
                f"{r.field:<12} {r.baseline:>9.3f} {r.candidate:>9.3f} {r.delta:>+8.3f}  {ci:<18} {p:>7}  {status}"
            )
        out.append("")
        out.append(
            f"{len(self.regressions)} field(s) regressed: {', '.join(r.field for r in self.regressions)}"
            if self.regressions
            else "no regression"
        )
        return out


def _boot(signature: str) -> tuple[int, int] | None:
    from bench.score.signature import parse_signature

    try:
        resamples, seed = parse_signature(signature)["boot"].split(":")
    except ValueError:
        return None
    return int(resamples), int(seed)


def compare_sides(
    baseline: Side,
    candidate: Side,
    *,
    max_drop: float = 0.0,
    fields: Sequence[str] = GATED,
    resamples: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> Comparison:
    """Compare two sides with the same signature (raises ``SignatureMismatch`` otherwise)."""
    from bench.score.paired import paired_bootstrap
    from bench.score.signature import differences

    if baseline.signature != candidate.signature:
        try:
            reasons = differences(baseline.signature, candidate.signature)
        except ValueError as err:
            reasons = [str(err)]
        raise SignatureMismatch(baseline.signature, candidate.signature, reasons or ["they are not equal"])
    scored = {*baseline.stats.fields, "overall", *(("span", "span_partial") if baseline.stats.span else ())}
    fields = [f for f in fields if f in scored]  # a split without a field does not report it
    try:
        tests = paired_bootstrap(baseline.stats, candidate.stats, resamples=resamples, seed=seed, metrics=tuple(fields))
    except ValueError as err:
        raise SignatureMismatch(baseline.signature, candidate.signature, [str(err)]) from err
    rows = [
        FieldDelta(name, t["a"], t["b"], t["delta"], t["ci"], t["p_value"], dropped(t["delta"], max_drop))
        for name, t in tests.items()
    ]
    return Comparison(
        baseline.label,
        candidate.label,
        baseline.signature,
        max_drop,
        resamples,
        seed,
        rows,
        documents=len(baseline.stats.doc_ids),
    )


def _distinct(documents: int) -> int | None:
    from bench.score.bootstrap import distinct_resamples

    return distinct_resamples(documents)


Source = str | Path | dict | Sequence[dict] | Any


def compare(
    baseline: Source,
    candidate: Source,
    *,
    gold: Gold | None = None,
    max_drop: float = 0.0,
    fields: Sequence[str] = GATED,
    bootstrap: int | None = None,
    seed: int | None = None,
    resamples: int | None = None,
) -> Comparison:
    """Compare two systems: paths (results, predictions, entry folder), results dicts, ``Results``
    objects or lists of prediction records (an extractor's output).

    ``bootstrap``/``seed`` score predictions (default: those of a results side, else 1000/0);
    ``resamples`` is the paired test's (default: ``bootstrap``).
    """
    sources = (baseline, candidate)
    inferred = None
    for source in sources:
        signature = _signature_of(source)
        if signature is not None:
            inferred = _boot(signature)
            break
    boot = bootstrap if bootstrap is not None else inferred[0] if inferred else DEFAULT_BOOTSTRAP
    boot_seed = seed if seed is not None else inferred[1] if inferred else DEFAULT_SEED
    needs_gold = any(
        (isinstance(s, (str, Path)) and not _is_results_path(s)) or isinstance(s, (list, tuple)) for s in sources
    )
    if needs_gold and gold is None:
        gold = load_gold()
    sides = [results_of(s, gold, bootstrap=boot, seed=boot_seed) for s in sources]
    return compare_sides(
        sides[0],
        sides[1],
        max_drop=max_drop,
        fields=fields,
        resamples=resamples if resamples is not None else (boot or DEFAULT_BOOTSTRAP),
        seed=boot_seed,
    )


def _is_results_path(source: str | Path) -> bool:
    path = Path(source)
    return path.is_file() and looks_like_results(path)


def _signature_of(source: Source) -> str | None:
    """The signature of a source that already has one (results file, dict or object)."""
    if isinstance(source, (str, Path)):
        if not _is_results_path(source):
            return None
        try:
            return str(read_results(source)["signature"])
        except Exception:
            return None
    if isinstance(source, dict):
        value = source.get("signature")
        return value if isinstance(value, str) else None
    value = getattr(source, "signature", None)
    return value if isinstance(value, str) else None
