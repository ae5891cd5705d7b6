"""The ``bench`` command line. Sub-commands are grouped by noun: ``bench data ...``.

Heavy libraries (datasets, transformers, torch) are imported inside the commands that
need them, so ``bench --help`` stays instant.
"""

from __future__ import annotations

import sys

import typer

from bench import __version__
from bench.cli_data import data_app

app = typer.Typer(
    name="bench",
    help="BREAKOUT: score structured extraction from conflict news against gold annotations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(data_app, name="data")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"breakout-bench {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """BREAKOUT harness."""


def main() -> None:
    """Entry point: runs the app and turns an unexpected exception into exit code 4."""
    from bench import exitcodes

    try:
        app(standalone_mode=False)
    except SystemExit:
        raise
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(exitcodes.USAGE)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exitcodes.USAGE)
        typer.echo(f"bench: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(exitcodes.INTERNAL)
