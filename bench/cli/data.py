"""``bench data``: compile, validate and describe the gold data."""

from __future__ import annotations

from pathlib import Path

import typer

from bench import exitcodes, paths

data_app = typer.Typer(
    help="Compile, validate and describe the gold data.", no_args_is_help=True, rich_markup_mode=None
)


def _fail(lines: list[str], code: int = exitcodes.INVALID_INPUT) -> None:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(code)


@data_app.command("compile")
def compile_cmd(
    check: bool = typer.Option(
        False, "--check", help="Only check that the sources compile and the committed files are current."
    ),
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
    typer.echo(
        f"wrote {paths.GOLD_SPLIT} ({split.count(chr(10))} documents) and {paths.GOLD_KB} ({kb.count(chr(10))} entries)"
    )


@data_app.command("check-source")
def check_source_cmd(
    sources: list[Path] = typer.Argument(..., help="Annotation source files (<doc_id>.yaml) to compile on their own."),
) -> None:
    """Compile single annotation sources and report every problem (does not write anything)."""
    from bench.data.compile import compile_document, compile_kb
    from bench.data.problems import ProblemsError
    from bench.data.validate import check_document

    try:
        kb = {entry.id: entry for entry in compile_kb(paths.KB_SOURCE)}
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
        return
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
        found = check_document(doc, kb, source)
        if found:
            problems.extend(str(p) for p in found)
            continue
        n_counts = sum(len(e.counts) for e in doc.events)
        n_claims = sum(len(e.claims) for e in doc.events)
        n_mentions = sum(len(e.mentions) for e in doc.entities)
        typer.echo(
            f"{source}: ok: {len(doc.entities)} entities, {n_mentions} mentions, {len(doc.events)} events, {n_counts} counts, {n_claims} claims"
        )
    if problems:
        _fail(problems)


@data_app.command("validate")
def validate_cmd(
    gold: Path = typer.Option(paths.GOLD_SPLIT, "--gold", help="Gold split (JSON Lines)."),
    kb: Path = typer.Option(paths.GOLD_KB, "--kb", help="Knowledge base (JSON Lines)."),
    seeds: Path | None = typer.Option(
        paths.SEEDS_DIR,
        "--seeds",
        help="Folder of seed articles with a SHA256SUMS manifest; '' skips the seed checks (for your own splits).",
    ),
    sources: Path | None = typer.Option(
        paths.SOURCES_DIR, "--sources", help="Annotation sources; the compiled files must be current. '' skips."
    ),
) -> None:
    """Check that seeds, gold split and knowledge base are consistent (exit 0), else one line per problem (exit 3)."""
    from bench.data.validate import validate_all

    seeds_dir = seeds if seeds and str(seeds) not in ("", ".") else None
    problems = validate_all(
        seeds_dir=seeds_dir,
        manifest=(seeds_dir or Path(".")) / "SHA256SUMS",
        split_path=gold,
        kb_path=kb,
        sources_dir=sources if sources and str(sources) else None,
    )
    if problems:
        _fail([str(p) for p in problems] + [f"{len(problems)} problem(s)"])
    typer.echo(f"ok: {gold} is consistent with {seeds_dir or 'its own texts'} and {kb}")


@data_app.command("stats")
def stats_cmd(
    split: str | None = typer.Option(None, "--split", "-s", help="A registered split; default: breakout/test."),
    gold: Path | None = typer.Option(None, "--gold", help="Gold file (JSON Lines) instead of a registered split."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
) -> None:
    """Entities, mentions, events, counts and claims per document and in total."""
    import json

    from bench.data.load import load_split
    from bench.data.problems import ProblemsError
    from bench.data.stats import COLUMNS, split_stats
    from bench.splits import UnknownSplit, resolve_split

    if split is not None and gold is not None:
        _fail(["bench data stats: give --split or --gold, not both"], exitcodes.USAGE)
    try:
        gold = resolve_split(split, gold, None).gold
    except UnknownSplit as err:
        _fail([f"bench data stats: {err}"], exitcodes.USAGE)
        return

    try:
        stats = split_stats(load_split(gold))
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
        return
    if as_json:
        typer.echo(json.dumps(stats, indent=2, sort_keys=True))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"BREAKOUT gold: {gold.name}")
    table.add_column("document")
    for column in COLUMNS:
        table.add_column(column, justify="right")
    for doc_id, row in stats["per_document"].items():
        table.add_row(doc_id, *(str(row[c]) for c in COLUMNS))
    table.add_row("total", *(str(stats[c]) for c in COLUMNS), style="bold")
    console = Console()
    console.print(table)
    for key in ("event_types", "count_categories", "count_modifiers", "claim_kinds"):
        console.print(f"{key}: " + ", ".join(f"{k}={v}" for k, v in stats[key].items()))


@data_app.command("agreement")
def agreement_cmd(
    pass_a: Path = typer.Option(paths.SOURCES_DIR, "--a", help="Folder of pass-A sources (the reference)."),
    pass_b: Path = typer.Option(..., "--b", help="Folder of pass-B sources; every <doc_id>.yaml in it is compared."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
) -> None:
    """Inter-annotator agreement between two annotation passes, scored with the harness's scorer."""
    import json

    from bench.data.agreement import AGREEMENT_FIELDS, agreement, compile_pass
    from bench.data.compile import compile_kb
    from bench.data.problems import ProblemsError

    doc_ids = sorted(p.stem for p in pass_b.glob("*.yaml") if p.name != "kb.yaml")
    if not doc_ids:
        _fail([f"{pass_b}: -: folder: no <doc_id>.yaml sources"])
    try:
        kb = {e.id: e for e in compile_kb(paths.KB_SOURCE)}
        found = agreement(
            compile_pass(pass_a, doc_ids, paths.SEEDS_DIR), compile_pass(pass_b, doc_ids, paths.SEEDS_DIR), kb
        )
    except ProblemsError as err:
        _fail([str(p) for p in err.problems])
        return
    if as_json:
        typer.echo(json.dumps(found, indent=2, sort_keys=True))
        return
    typer.echo(f"documents: {', '.join(doc_ids)}")
    typer.echo(f"{'field':<16}{'P':>7}{'R':>7}{'F1':>7}{'F1 (B ref)':>12}")
    for key in AGREEMENT_FIELDS:
        s = found["a_as_reference"][key]
        typer.echo(
            f"{key:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{found['b_as_reference_f1'][key]:>12.3f}"
        )
