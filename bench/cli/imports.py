"""``bench import lm-eval|inspect``: another harness's log to a BREAKOUT predictions file.

The predictions then work with ``bench eval``, ``bench compare`` and ``bench submit``.
Exit codes: 0 success; 2 usage (unknown split, unwritable output); 3 a log that cannot be
read or does not cover the split (one line per problem).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

import_app = typer.Typer(
    help="Turn lm-evaluation-harness or Inspect AI logs into BREAKOUT predictions.", no_args_is_help=True
)
OUT_OPT = typer.Option(..., "--out", "-o", help="Write the predictions (JSON Lines) here.")
SPLIT_OPT = typer.Option(None, "--split", "-s", help="The split the log is of (default: what the log says).")


def _run(kind: str, log: Path, out: Path, split: str | None) -> None:
    from bench.cli.eval import _fail, _load_gold, _write
    from bench.data.problems import ProblemsError
    from bench.generative.imports import read_inspect, read_lm_eval, to_predictions
    from bench.score.render import validity_line

    reader = read_lm_eval if kind == "lm-eval" else read_inspect
    try:
        imported = reader(log)
        checked = _load_gold(split or imported.split, None, None)
        records, validity = to_predictions(imported, checked.docs, log)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
    _write(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    typer.echo(validity_line(validity), err=True)
    typer.echo(f"wrote {out} ({len(records)} documents of {checked.split.label}, from {kind} log {log})", err=True)


@import_app.command("lm-eval")
def import_lm_eval(
    samples: Path = typer.Argument(..., help="lm-eval's per-sample file (--log_samples): samples_breakout_*.jsonl."),
    out: Path = OUT_OPT,
    split: str | None = SPLIT_OPT,
) -> None:
    """Predictions from an lm-evaluation-harness run of the ``breakout`` task."""
    _run("lm-eval", samples, out, split)


@import_app.command("inspect")
def import_inspect(
    log: Path = typer.Argument(..., help="An Inspect eval log (.eval or .json) of bench/generative/inspect_task.py."),
    out: Path = OUT_OPT,
    split: str | None = SPLIT_OPT,
) -> None:
    """Predictions from an Inspect AI run of the ``breakout`` task (needs inspect-ai)."""
    _run("inspect", log, out, split)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
