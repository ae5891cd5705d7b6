"""``bench data``: compile, validate and describe the gold data."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from bench import exitcodes, paths

data_app = typer.Typer(help="Compile, validate and describe the gold data.", no_args_is_help=True)


def _fail(lines: list[str], code: int = exitcodes.INVALID_INPUT) -> None:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(code)


@data_app.command("compile")
def compile_cmd(
    check: bool = typer.Option(False, "--check", help="Only check that the sources compile and the committed files are current."),
) -> None:
    """Compile annotations/src/*.yaml into annotations/data/{test,kb}.jsonl."""
    from bench.data.compile import compile_all
    from bench.data.problems import ProblemsError
    from bench.io import atomic_write_text

    try:
        split, kb = compile_all(paths.SOURCES_DIR, paths.SEEDS_DIR)
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
        return
    targets = {paths.GOLD_SPLIT: split, paths.GOLD_KB: kb}
    if check:
        stale = [str(t) for t, text in targets.items() if not t.exists() or t.read_text(encoding="utf-8") != text]
        if stale:
            _fail([f"{t}: -: file: stale, run 'bench data compile'" for t in stale])
        typer.echo("sources compile; committed gold files are current")
        return
    for target, text in targets.items():
        atomic_write_text(target, text)
    typer.echo(f"wrote {paths.GOLD_SPLIT} ({split.count(chr(10))} documents) and {paths.GOLD_KB} ({kb.count(chr(10))} entries)")


@data_app.command("check-source")
def check_source_cmd(
    sources: list[Path] = typer.Argument(..., help="Annotation source files (<doc_id>.yaml) to compile on their own."),
) -> None:
    """Compile single annotation sources and report every problem (does not write anything)."""
    from bench.data.compile import compile_document
    from bench.data.problems import ProblemsError

    problems: list[str] = []
    for source in sources:
        seed = paths.SEEDS_DIR / f"{source.stem}.txt"
        if not seed.exists():
            problems.append(f"{source}: -: doc_id: no seed article {seed}")
            continue
        try:
            doc = compile_document(source, seed.read_bytes().decode("utf-8"))
        except ProblemsError as err:
            problems.extend(str(p) for p in err.problems)
            continue
        n_counts = sum(len(e.counts) for e in doc.events)
        n_claims = sum(len(e.claims) for e in doc.events)
        n_mentions = sum(len(e.mentions) for e in doc.entities)
        typer.echo(f"{source}: ok: {len(doc.entities)} entities, {n_mentions} mentions, {len(doc.events)} events, {n_counts} counts, {n_claims} claims")
    if problems:
        _fail(problems)
