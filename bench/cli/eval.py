"""``bench eval``, ``bench validate`` and ``bench predict``: score, check and produce predictions.

Exit codes (``bench.exitcodes``): 0 success; 2 usage (bad options, unwritable output, unknown or unloadable
extractor); 3 invalid input (malformed predictions or gold, one line per problem as
``FILE:LINE: DOC_ID: FIELD: message``); 4 internal error, including an extractor that
crashes, calls ``sys.exit`` (even with 0) or is interrupted: never a pass, never a failed
gate (``bench.extractors.guard``). No traceback reaches the user for bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from bench import exitcodes

if TYPE_CHECKING:  # pragma: no cover
    from bench.data.model import Document
    from bench.predictions.model import PredDocument
    from bench.resultsio import Gold

DEFAULT_EXTRACTOR = "rules"
MAX_BOOTSTRAP = 100_000  # = bench.score.bootstrap.MAX_RESAMPLES (not imported: numpy stays out of --help)

SPLIT_OPT = typer.Option(None, "--split", "-s", help="A registered split (breakout/test, ...); default: breakout/test.")
GOLD_OPT = typer.Option(None, "--gold", help="Gold file (JSON Lines of documents) instead of a registered split.")
KB_OPT = typer.Option(None, "--kb", help="Knowledge base (JSON Lines); default: the built-in KB.")


MODEL_OPT = typer.Option(None, "--model", help="Extractor option model=: a local path or a hub id (loaded offline).")
DEVICE_OPT = typer.Option(None, "--device", help="Extractor option device=: cpu, cuda or auto.")
MAX_BYTES_OPT = typer.Option(
    None, "--max-bytes", min=1, help="Refuse a predictions file larger than this (default 100,000,000 bytes)."
)
OPTION_OPT = typer.Option(
    None, "--option", "-O", metavar="KEY=VALUE", help="Any extractor option, repeatable; VALUE is JSON when it parses."
)
RAW_OUT_OPT = typer.Option(
    None, "--raw-out", help="Generative extractors: write every request and completion here (default: next to --out)."
)
NO_CACHE_OPT = typer.Option(False, "--no-cache", help="Generative extractors: send every request, ignore the cache.")


def _fail(lines: list[str], code: int = exitcodes.INVALID_INPUT) -> NoReturn:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(code)


def _load_gold(split: str | None, gold: Path | None, kb: Path | None) -> Gold:
    """The checked gold of ``--split``/``--gold``/``--kb``; exit 2 for an unknown split or both
    ``--split`` and ``--gold``, exit 3 with one line per problem if the gold is invalid."""
    from bench.data.problems import ProblemsError
    from bench.resultsio import load_gold
    from bench.splits import UnknownSplit, resolve_split

    if split is not None and gold is not None:
        _fail(["bench: give --split or --gold, not both"], exitcodes.USAGE)
    try:
        chosen = resolve_split(split, gold, kb)
    except UnknownSplit as err:
        _fail([f"bench: {err}"], exitcodes.USAGE)
    try:
        return load_gold(chosen)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])


def _extractor_options(model: str | None, device: str | None, option: list[str] | None) -> dict[str, Any]:
    from bench.extractors.options import OptionError, parse_options

    try:
        options = parse_options(option or [])
    except OptionError as err:
        _fail([f"bench: {err}"], exitcodes.USAGE)
    if model is not None:
        options["model"] = model
    if device is not None:
        options["device"] = device
    return options


def _run_extractor(
    name: str, docs: list[Document], options: dict[str, Any] | None = None, split: Path | None = None
) -> tuple[list[dict[str, Any]], list[PredDocument], Any]:
    """Run an extractor on the split (blind unless it needs gold); validate what it returns.

    ``options`` are the extractor's keyword arguments; ``split`` (the gold file being
    evaluated) is passed as ``gold`` to extractors that train on the split. Returns the
    records, the validated predictions and the extractor (for its ``metadata`` and ``validity``).
    """
    from bench.data.problems import ProblemsError
    from bench.extractors import blind, load_extractor
    from bench.extractors.guard import ExtractorExit, guarded
    from bench.extractors.options import OptionError, check_bindable, with_split
    from bench.extractors.registry import ExtractorNotFound, resolve
    from bench.predictions.coerce import to_plain
    from bench.predictions.validate import validate_records

    try:
        with guarded():  # extractor code: its prints go to stderr, sys.exit is a failure
            factory = resolve(name)
            kwargs = with_split(factory, dict(options or {}), split)
            check_bindable(factory, kwargs)
            extractor = load_extractor(name, **kwargs)
    except OptionError as err:
        _fail([f"bench: extractor {name!r}: {err}"], exitcodes.USAGE)
    except ExtractorNotFound as err:
        _fail([f"bench: extractor {name!r}: {err}"], exitcodes.USAGE)
    except ExtractorExit as err:
        _fail([f"bench: extractor {name!r} failed to load: it {err}"], exitcodes.INTERNAL)
    except Exception as err:
        _fail([f"bench: extractor {name!r} failed to load: {type(err).__name__}: {err}"], exitcodes.INTERNAL)
    needs_gold = bool(getattr(type(extractor), "needs_gold", False))
    try:
        with guarded():
            returned = extractor.predict(docs if needs_gold else blind(docs))
            records = to_plain(list(returned)) if not isinstance(returned, (str, bytes, dict)) else returned
    except ExtractorExit as err:
        _fail([f"bench: extractor {name!r} failed: it {err}"], exitcodes.INTERNAL)
    except OptionError as err:
        _fail([f"bench: extractor {name!r}: {err}"], exitcodes.USAGE)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
    except Exception as err:
        _fail([f"bench: extractor {name!r} failed: {type(err).__name__}: {err}"], exitcodes.INTERNAL)
    if not isinstance(records, list):
        what = type(records).__name__
        _fail(
            [f"bench: extractor {name!r} failed: predict() returned {what}, expected a list of records"],
            exitcodes.INTERNAL,
        )
    try:
        preds = validate_records(records, docs, f"<extractor {name}>")
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
    by_id = {r["doc_id"]: r for r in records}
    return [by_id[d.doc_id] for d in docs], preds, extractor


def _generative(name: str, options: dict[str, Any], raw_out: Path | None, no_cache: bool, next_to: Path | None):
    """Extractor options with ``--raw-out``/``--no-cache`` applied (``bench.cli.generative``)."""
    from bench.cli.generative import generative_options
    from bench.extractors.options import OptionError

    try:
        options, note = generative_options(name, options, raw_out=raw_out, no_cache=no_cache, next_to=next_to)
    except OptionError as err:
        _fail([f"bench: {err}"], exitcodes.USAGE)
    if note:
        typer.echo(note, err=True)
    return options


def _validity_note(extractor: Any) -> None:
    validity = getattr(extractor, "validity", None)
    if isinstance(validity, dict):
        from bench.score.render import validity_line

        typer.echo(validity_line(validity), err=True)


def _read_predictions(path: Path, docs: list[Document], max_bytes: int | None = None) -> list[PredDocument]:
    from bench.data.problems import ProblemsError
    from bench.predictions.validate import MAX_FILE_BYTES, load_predictions

    try:
        return load_predictions(path, docs, max_bytes=max_bytes or MAX_FILE_BYTES)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _write(path: Path, text: str) -> None:
    """Write a file atomically; a path that cannot be written is a usage error (exit 2)."""
    from bench.io import atomic_write_text

    try:
        atomic_write_text(path, text)
    except OSError as err:
        _fail([f"bench: cannot write {path}: {err.strerror or err}"], exitcodes.USAGE)


def validate_cmd(
    predictions: Path = typer.Argument(..., help="Predictions file (JSON Lines, one object per document)."),
    split: str | None = SPLIT_OPT,
    gold: Path | None = GOLD_OPT,
    kb: Path | None = KB_OPT,
    max_bytes: int | None = MAX_BYTES_OPT,
) -> None:
    """Check a predictions file against the schema and the split; one line per problem (exit 3)."""
    docs = _load_gold(split, gold, kb).docs
    preds = _read_predictions(predictions, docs, max_bytes)
    n_events = sum(len(p.events) for p in preds)
    n_mentions = sum(len(p.mentions) for p in preds)
    typer.echo(f"{predictions}: ok: {len(preds)} documents, {n_events} events, {n_mentions} mentions")


def predict_cmd(
    extractor: str = typer.Option(
        DEFAULT_EXTRACTOR,
        "--extractor",
        "-e",
        help="Extractor: rules (default), oracle, empty, transformer, an entry point, or module:Class.",
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write predictions here (default: standard output)."),
    split: str | None = SPLIT_OPT,
    gold: Path | None = GOLD_OPT,
    kb: Path | None = KB_OPT,
    model: str | None = MODEL_OPT,
    device: str | None = DEVICE_OPT,
    option: list[str] | None = OPTION_OPT,
    raw_out: Path | None = RAW_OUT_OPT,
    no_cache: bool = NO_CACHE_OPT,
) -> None:
    """Run an extractor over the split and write its predictions (validated) as JSON Lines."""
    options = _generative(extractor, _extractor_options(model, device, option), raw_out, no_cache, out)
    checked = _load_gold(split, gold, kb)
    records, _, instance = _run_extractor(extractor, checked.docs, options, checked.split_path)
    _validity_note(instance)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if out is None:
        sys.stdout.write(text)
        return
    _write(out, text)
    typer.echo(f"wrote {out} ({len(records)} documents, extractor {extractor})", err=True)


def eval_cmd(
    predictions: Path | None = typer.Option(None, "--predictions", "-p", help="Predictions file to score."),
    extractor: str | None = typer.Option(
        None,
        "--extractor",
        "-e",
        help=f"Run this extractor, then score it (default without --predictions: {DEFAULT_EXTRACTOR}).",
    ),
    split: str | None = SPLIT_OPT,
    gold: Path | None = GOLD_OPT,
    kb: Path | None = KB_OPT,
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the results JSON here."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the results JSON to standard output instead of the table."
    ),
    bootstrap: int = typer.Option(
        1000,
        "--bootstrap",
        min=0,
        max=MAX_BOOTSTRAP,
        help=f"Bootstrap resamples for the 95% intervals (0: none, at most {MAX_BOOTSTRAP}).",
    ),
    seed: int = typer.Option(0, "--seed", min=0, help="Bootstrap seed."),
    errors: bool = typer.Option(
        False, "--errors", help="Also print, per document and field, the missed and spurious items."
    ),
    errors_out: Path | None = typer.Option(
        None, "--errors-out", help="Write the missed and spurious items as JSON here."
    ),
    model: str | None = MODEL_OPT,
    device: str | None = DEVICE_OPT,
    option: list[str] | None = OPTION_OPT,
    max_bytes: int | None = MAX_BYTES_OPT,
    fail_under: list[str] | None = typer.Option(
        None,
        "--fail-under",
        metavar="FIELD=VALUE",
        help="Exit 1 if FIELD's F1 is below VALUE (repeatable), e.g. overall=0.4.",
    ),
    runs: int = typer.Option(
        1, "--runs", min=1, help="Run the extractor K times (seeds seed, seed+1, ...); report each run and the range."
    ),
    raw_out: Path | None = RAW_OUT_OPT,
    no_cache: bool = NO_CACHE_OPT,
) -> None:
    """Score predictions (a file, or an extractor run now) against a gold split."""
    from rich.console import Console

    from bench.data.problems import ProblemsError
    from bench.score.evaluate import evaluate
    from bench.score.render import render_errors, render_results, validity_line

    if predictions is not None and extractor is not None:
        _fail(["bench eval: give --predictions or --extractor, not both"], exitcodes.USAGE)
    gates = _gates(fail_under)
    options = _extractor_options(model, device, option)
    if predictions is not None and (options or runs > 1 or raw_out is not None or no_cache):
        _fail(
            ["bench eval: --model, --device, --option, --runs, --raw-out and --no-cache go with --extractor"],
            exitcodes.USAGE,
        )
    checked = _load_gold(split, gold, kb)

    def score(preds: list[PredDocument], detail: bool) -> Any:
        try:
            return evaluate(
                checked.docs,
                checked.kb,
                preds,
                bootstrap=bootstrap,
                seed=seed,
                gold_hash=checked.hash,
                errors=detail,
                split=checked.split,
            )
        except ProblemsError as err:
            _fail([str(p) for p in err.problems])

    detail = errors or errors_out is not None
    extra: dict[str, Any] = {}
    if predictions is not None:
        results = score(_read_predictions(predictions, checked.docs, max_bytes), detail)
    else:
        from bench.cli.generative import run_options, runs_block
        from bench.extractors.options import OptionError

        name = extractor or DEFAULT_EXTRACTOR
        options = _generative(name, options, raw_out, no_cache, out)
        try:
            per_run = run_options(name, options, runs)
        except OptionError as err:
            _fail([f"bench eval: {err}"], exitcodes.USAGE)
        done = []
        for k, run in enumerate(per_run):
            _, preds, instance = _run_extractor(name, checked.docs, run, checked.split_path)
            run_results = score(preds, detail and k == 0)
            done.append((run, run_results.to_json(), getattr(instance, "validity", None)))
            if k == 0:
                results, first = run_results, instance
        for key in ("metadata", "validity"):
            value = getattr(first, key, None)
            if isinstance(value, dict):
                extra["extractor" if key == "metadata" else key] = value
        if runs > 1:
            extra["runs"] = runs_block(done)
    payload = {**results.to_json(), **extra}
    if out is not None:
        _write(out, _dump(payload))
    if errors_out is not None:
        _write(errors_out, _dump(results.errors or {}))
    if as_json:
        sys.stdout.write(_dump(payload))
    else:
        console = Console(highlight=False, soft_wrap=True)
        render_results(results, console)
        if "validity" in extra:
            console.print(validity_line(extra["validity"]), markup=False, highlight=False)
        if "runs" in extra:
            from bench.cli.generative import runs_lines

            for line in runs_lines(extra["runs"]):
                console.print(line, markup=False, highlight=False)
        if errors:
            console.print()
            render_errors(results.errors or {}, console)
    _check_gates(payload, gates)


def _gates(texts: list[str] | None) -> list[tuple[str, float]]:
    """Parse ``--fail-under FIELD=VALUE`` options (``bench.gates``); a bad one is a usage error."""
    from bench.gates import GateError, parse_thresholds

    try:
        return parse_thresholds(texts or [])
    except GateError as err:
        _fail([f"bench eval: --fail-under {err}"], exitcodes.USAGE)


def _check_gates(payload: dict[str, Any], gates: list[tuple[str, float]]) -> None:
    """Exit 1 (``GATE_FAILED``) with one line per missed threshold."""
    from bench.gates import check_thresholds

    failures = check_thresholds(payload["scores"], gates)
    if failures:
        _fail([f"bench eval: gate failed: {line}" for line in failures], exitcodes.GATE_FAILED)


def register(app: typer.Typer) -> None:
    """Add ``eval``, ``validate`` and ``predict`` to the ``bench`` app."""
    app.command("eval")(eval_cmd)
    app.command("validate")(validate_cmd)
    app.command("predict")(predict_cmd)
