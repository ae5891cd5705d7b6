"""``bench submit``, ``bench leaderboard build`` and ``bench compare``.

Exit codes (``bench.exitcodes``): 0 success; 1 a gate failed (``compare --max-drop``) or
``build --check`` found stale or incomplete pages; 2 usage or environment (a folder that
cannot be written: disk full, read-only, another file system); 3 invalid input or
integrity problem (predictions or metadata that do not validate, a duplicate entry name,
results whose signatures differ, a root that is not a leaderboard); 4 internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer

from bench import exitcodes, paths
from bench.cli.eval import MAX_BOOTSTRAP
from bench.splits import DEFAULT_SPLIT

leaderboard_app = typer.Typer(
    help="Build the leaderboard pages from the submissions.", no_args_is_help=True, rich_markup_mode=None
)

ROOT_OPT = typer.Option(paths.LEADERBOARD_DIR, "--root", help="Leaderboard folder (holds submissions/).")
GOLD_OPT = typer.Option(None, "--gold", help="Gold split (JSON Lines); default: the built-in split.")
KB_OPT = typer.Option(None, "--kb", help="Knowledge base (JSON Lines); default: the built-in KB.")


def _fail(lines: list[str], code: int = exitcodes.INVALID_INPUT) -> NoReturn:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(code)


def _environment(command: str, err: OSError) -> NoReturn:
    """An OS error while writing (disk full, read-only, cross-device): exit 2, one line naming the path."""
    where = err.filename if err.filename is not None else "the leaderboard"
    _fail([f"bench {command}: cannot write {where}: {err.strerror or err}"], exitcodes.USAGE)


def _gold(gold: Path | None, kb: Path | None):  # -> bench.resultsio.Gold
    from bench.data.problems import ProblemsError
    from bench.resultsio import load_gold

    try:
        return load_gold(gold, kb)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])


def _gold_split(split: str, kb: Path | None):  # -> bench.resultsio.Gold
    from bench.data.problems import ProblemsError
    from bench.resultsio import load_gold

    try:
        return load_gold(split, kb)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])


def _check(folder: Path) -> NoReturn:
    from bench.leaderboard.check import check_entry

    problems = check_entry(folder)
    if problems:
        _fail(problems + [f"bench submit --check: {folder}: {len(problems)} problem(s)"])
    typer.echo(f"{folder}: entry passes every check")
    raise typer.Exit(0)


def submit_cmd(
    predictions: Path | None = typer.Argument(None, help="Predictions file (JSON Lines, one object per document)."),
    name: str | None = typer.Option(None, "--name", help="System name shown on the leaderboard."),
    meta: Path | None = typer.Option(
        None,
        "--meta",
        help=(
            "Metadata file (YAML): authors, url, description, model_size, system_type, decoding, open_weights, "
            "licence, training_data, date (generative types: prompt_tuned_on_test, runs)."
        ),
    ),
    replace: bool = typer.Option(False, "--replace", help="Replace an existing entry with this name."),
    raw: list[Path] | None = typer.Option(
        None,
        "--raw",
        help="Raw outputs of a generative system (--raw-out), stored with the entry for replay; "
        "repeat it once per run (as many as the metadata's runs).",
    ),
    split: str | None = typer.Option(
        None, "--split", "-s", help="The split the predictions are for (its board); default: breakout/test."
    ),
    root: Path = ROOT_OPT,
    gold: Path | None = GOLD_OPT,
    kb: Path | None = KB_OPT,
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", min=1, help="Refuse a predictions file larger than this (default 100,000,000 bytes)."
    ),
    check: Path | None = typer.Option(
        None, "--check", help="Only validate an entry folder as CI does (metadata, rescoring, duplicates); exit 3."
    ),
) -> None:
    """Validate, score and add a system to the leaderboard (atomically: all or nothing)."""
    if check is not None:
        _check(check)
    if predictions is None or name is None or meta is None:
        _fail(["bench submit: give PREDICTIONS, --name and --meta (or --check DIR)"], exitcodes.USAGE)
    from bench.data.problems import ProblemsError
    from bench.leaderboard.metadata import load_metadata
    from bench.leaderboard.submit import DuplicateEntry, submit
    from bench.splits import UnknownSplit, get_split

    try:
        metadata = load_metadata(meta, name)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
    if split is not None:
        if gold is not None:
            _fail(["bench submit: give --split or --gold, not both"], exitcodes.USAGE)
        try:
            chosen = get_split(split).name
        except UnknownSplit as err:
            _fail([f"bench submit: {err}"], exitcodes.USAGE)
        if "split" in metadata.model_fields_set and metadata.split != chosen:
            _fail([f"{meta}: -: split: {metadata.split!r} differs from --split {chosen!r}"])
        metadata = metadata.model_copy(update={"split": chosen})
    checked = (
        _gold(gold, kb) if gold is not None or metadata.split == DEFAULT_SPLIT else _gold_split(metadata.split, kb)
    )
    try:
        done = submit(predictions, metadata, root, checked, replace=replace, max_bytes=max_bytes, raw=raw)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems] + [f"{len(err.problems)} problem(s); nothing was submitted"])
    except DuplicateEntry as err:
        _fail([f"bench submit: {err}"])
    except OSError as err:
        _environment("submit", err)
    verb = "replaced" if done.replaced else "added"
    head = done.results["scores"]["overall"]
    typer.echo(
        f"{verb} {name!r} on {metadata.split} as {done.path} (headline F1 {head['f1']:.3f}); run 'bench leaderboard build' to update the pages"
    )


@leaderboard_app.command("build")
def build_cmd(
    root: Path = ROOT_OPT,
    out: Path | None = typer.Option(
        None, "--out", help="Write README.md, index.html and scores.svg here (default: --root)."
    ),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 if the pages in --out are not what a build would write."
    ),
    gold: Path | None = GOLD_OPT,
    kb: Path | None = KB_OPT,
    init: bool = typer.Option(False, "--init", help="Create --root (with an empty submissions/) if it is not one."),
) -> None:
    """Recompute every entry from its predictions and the current gold; write the pages."""
    import tempfile

    from bench.data.problems import ProblemsError
    from bench.leaderboard.build import MANIFEST, OUTPUTS, build, pages_complete
    from bench.leaderboard.export import stale_exports
    from bench.leaderboard.fsops import SUBMISSIONS, exclusive

    submissions = root / SUBMISSIONS
    if not submissions.is_dir() or submissions.is_symlink():
        if not init or submissions.is_symlink() or submissions.exists():
            _fail([f"{root}: -: file: not a leaderboard (no {SUBMISSIONS}/ folder); give --init to create one"])
        try:
            submissions.mkdir(parents=True)
        except OSError as err:
            _environment("leaderboard build", err)
    target = out if out is not None else root
    inside = target.resolve()
    if inside == submissions.resolve() or submissions.resolve() in inside.parents:
        _fail([f"bench leaderboard build: --out {target} is inside {submissions}; pages go elsewhere"], exitcodes.USAGE)
    checked = _gold(gold, kb)
    try:
        if check:
            with tempfile.TemporaryDirectory() as scratch:
                board, written = build(root, checked, Path(scratch), link_base=target)
                stale = [
                    name
                    for name, path in zip(OUTPUTS, written)
                    if not (target / name).is_file() or (target / name).read_bytes() != path.read_bytes()
                ]
                stale += stale_exports(Path(scratch), target)  # the Every Eval Ever records too
            if not stale and not pages_complete(target):
                stale = [MANIFEST]
            if stale:
                _fail(
                    [f"{target / name}: -: file: stale or incomplete, run 'bench leaderboard build'" for name in stale],
                    exitcodes.GATE_FAILED,
                )
        else:
            with exclusive(root):
                board, written = build(root, checked, target)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
    except OSError as err:
        _environment("leaderboard build", err)
    for warning in board.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for path, why in board.broken:
        typer.echo(f"{root / path}: -: entry: broken, listed apart: {why}", err=True)
    if board.others:
        typer.echo("; ".join(f"{b.split}: {len(b.ranked)} ranked" for b in board.boards))
    ranked, unranked = (sum(len(getattr(b, part)) for b in board.boards) for part in ("ranked", "unranked"))
    apart = f", {unranked} listed apart (signature differs)" if unranked else ""
    apart += f", {len(board.broken)} broken" if board.broken else ""
    what = "pages are current" if check else "wrote " + ", ".join(str(p) for p in written)
    typer.echo(f"{ranked} ranked entries{apart} (all boards); {what}")


def compare_cmd(
    baseline: Path = typer.Argument(
        ..., help="Baseline: a results file, a predictions file or a leaderboard entry folder."
    ),
    candidate: Path = typer.Argument(
        ..., help="Candidate: a results file, a predictions file or a leaderboard entry folder."
    ),
    max_drop: float = typer.Option(
        0.0, "--max-drop", min=0.0, help="Exit 1 when a field's F1 drops by more than this."
    ),
    fields: list[str] | None = typer.Option(
        None, "--field", help="Field to compare and gate (repeatable); default: overall and the four fields and span."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
    bootstrap: int | None = typer.Option(
        None,
        "--bootstrap",
        min=0,
        max=MAX_BOOTSTRAP,
        help=f"Resamples for scoring predictions (default: a results side's, else 1000; at most {MAX_BOOTSTRAP}).",
    ),
    seed: int | None = typer.Option(
        None, "--seed", min=0, help="Seed for scoring and for the paired test (default: a results side's, else 0)."
    ),
    gold: Path | None = GOLD_OPT,
    kb: Path | None = KB_OPT,
) -> None:
    """Per-field F1 deltas (candidate - baseline) with paired-bootstrap p-values; exit 1 on a drop."""
    import json

    from bench.comparison import GATED, SignatureMismatch, compare
    from bench.data.problems import ProblemsError
    from bench.gates import GATEABLE

    chosen = tuple(fields) if fields else GATED
    unknown = [f for f in chosen if f not in GATEABLE]
    if unknown:
        _fail([f"bench compare: unknown field(s) {', '.join(unknown)}; known: {', '.join(GATEABLE)}"], exitcodes.USAGE)
    for path in (baseline, candidate):
        if not path.exists():
            _fail([f"{path}: -: file: no such file"])
    checked = _gold(gold, kb) if gold is not None or kb is not None else None
    try:
        result = compare(
            baseline, candidate, gold=checked, max_drop=max_drop, fields=chosen, bootstrap=bootstrap, seed=seed
        )
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
    except SignatureMismatch as err:
        _fail([f"bench compare: {err}"])
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), indent=2, sort_keys=True) + "\n")
    else:
        for line in result.lines():
            typer.echo(line)
    if result.regressions:
        raise typer.Exit(exitcodes.GATE_FAILED)


@leaderboard_app.command("export")
def export_cmd(
    root: Path = ROOT_OPT,
    out: Path | None = typer.Option(
        None, "--out", help="Write one <entry>.json per entry here (default: --root/every_eval_ever)."
    ),
    gold: Path | None = GOLD_OPT,
    kb: Path | None = KB_OPT,
) -> None:
    """Export every entry's recomputed results in the Every Eval Ever schema (v0.3.0)."""
    from bench.data.problems import ProblemsError
    from bench.leaderboard.build import collect_all
    from bench.leaderboard.export import EXPORT_DIR, write_exports
    from bench.leaderboard.fsops import SUBMISSIONS

    submissions = root / SUBMISSIONS
    if not submissions.is_dir() or submissions.is_symlink():
        _fail([f"{root}: -: file: not a leaderboard (no {SUBMISSIONS}/ folder)"])
    target = out if out is not None else root / EXPORT_DIR
    if target.resolve() == submissions.resolve() or submissions.resolve() in target.resolve().parents:
        _fail([f"bench leaderboard export: --out {target} is inside {submissions}"], exitcodes.USAGE)
    try:
        written = write_exports(target, collect_all(root, _gold(gold, kb)))
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
    except OSError as err:
        _environment("leaderboard export", err)
    typer.echo(f"wrote {len(written)} Every Eval Ever record(s) to {target}")


def register(app: typer.Typer) -> None:
    """Add ``submit``, ``leaderboard build`` and ``compare`` to the ``bench`` app."""
    app.command("submit")(submit_cmd)
    app.add_typer(leaderboard_app, name="leaderboard")
    app.command("compare")(compare_cmd)
