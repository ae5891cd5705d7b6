"""The ``bench`` command line. Sub-commands are grouped by noun: ``bench data ...``.

Heavy libraries (datasets, transformers, torch) are imported inside the commands that
need them, so ``bench --help`` stays instant.
"""

from __future__ import annotations

import sys

import typer

from bench import __version__
from bench.cli.data import data_app
from bench.cli.eval import register as register_eval
from bench.cli.imports import register as register_import
from bench.cli.leaderboard import register as register_leaderboard

app = typer.Typer(
    name="bench",
    help="BREAKOUT: score structured extraction from conflict news against gold annotations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rendering it through rich costs 3x the start-up
)
app.add_typer(data_app, name="data")
register_eval(app)
register_leaderboard(app)
register_import(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"breakout-bench {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """BREAKOUT harness."""


def main() -> None:
    """Entry point. Usage errors exit 2 (click's own handling); an unexpected exception
    becomes one line on stderr and exit code 4 instead of a traceback."""
    from bench import exitcodes

    try:
        app()  # standalone mode: exits with the command's code, 2 on usage errors
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        typer.echo(f"bench: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(exitcodes.INTERNAL)
