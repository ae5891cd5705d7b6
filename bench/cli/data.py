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
    split: str | None = typer.Option(
        None, "--split", "-s", help="A registered split (its gold, KB and, for a converted split, freshness)."
    ),
    gold: Path | None = typer.Option(None, "--gold", help="Gold split (JSON Lines); default: breakout/test."),
    kb: Path | None = typer.Option(None, "--kb", help="Knowledge base (JSON Lines)."),
    seeds: Path | None = typer.Option(
        paths.SEEDS_DIR,
        "--seeds",
        help="Folder of seed articles with a SHA256SUMS manifest; '' skips the seed checks (for your own splits).",
    ),
    sources: Path | None = typer.Option(
        paths.SOURCES_DIR, "--sources", help="Annotation sources; the compiled files must be current. '' skips."
    ),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings (knowledge-base links) as problems (exit 3)."),
) -> None:
    """Check that seeds, gold split and knowledge base are consistent (exit 0), else one line per problem (exit 3).

    Knowledge-base link warnings (an entity a KB name denotes without that kb id, a mention
    that names another id, an unused id) are printed as warning lines; with --strict they
    fail the check like problems.
    """
    from bench.data.kblinks import kb_link_warnings
    from bench.data.load import load_kb, load_split
    from bench.data.validate import validate_all
    from bench.splits import UnknownSplit, get_split

    seeds_dir = seeds if seeds and str(seeds) not in ("", ".") else None
    sources_dir = sources if sources and str(sources) else None
    converted = None
    if split is not None:
        if gold is not None:
            _fail(["bench data validate: give --split or --gold, not both"], exitcodes.USAGE)
        try:
            chosen = get_split(split)
        except UnknownSplit as err:
            _fail([f"bench data validate: {err}"], exitcodes.USAGE)
            return
        gold, kb = chosen.gold, kb or chosen.kb
        if chosen.converted_from is not None:  # no seed files or sources: a converted corpus
            seeds_dir = sources_dir = None
            converted = (chosen.converted_from, chosen.name.split("/", 1)[1])
    gold = gold or paths.GOLD_SPLIT
    kb = kb or paths.GOLD_KB
    problems = validate_all(
        seeds_dir=seeds_dir,
        manifest=(seeds_dir or Path(".")) / "SHA256SUMS",
        split_path=gold,
        kb_path=kb,
        sources_dir=sources_dir,
        converted=converted,
    )
    if problems:
        _fail([str(p) for p in problems] + [f"{len(problems)} problem(s)"])
    # a converted split's KB is a gazetteer shared by its parts (MUC-4 location sets): no unused-id check
    warnings = kb_link_warnings(load_split(gold), load_kb(kb), gold, unused=converted is None)
    lines = [
        f"{w.file}{'' if w.line is None else f':{w.line}'}: {w.doc_id or '-'}: {w.item}: warning: {w.message}"
        for w in warnings
    ]
    if warnings and strict:
        _fail(lines + [f"{len(warnings)} warning(s), failing because of --strict"])
    for line in lines:
        typer.echo(line, err=True)
    note = f" ({len(warnings)} warning(s))" if warnings else ""
    where = f"a fresh conversion of {converted[0]}" if converted else (seeds_dir or "its own texts")
    typer.echo(f"ok: {gold} is consistent with {where} and {kb}{note}")


@data_app.command("stats")
def stats_cmd(
    split: str | None = typer.Option(None, "--split", "-s", help="A registered split; default: breakout/test."),
    gold: Path | None = typer.Option(None, "--gold", help="Gold file (JSON Lines) instead of a registered split."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
    per_document: bool = typer.Option(
        False, "--per-document", help="List every document (the default for splits of up to 20)."
    ),
) -> None:
    """Entities, mentions, events, counts and claims per document and in total; for a
    converted split (MUC-4) also the key fillers the conversion could not locate or map."""
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
    show_documents = per_document or len(stats["per_document"]) <= 20
    for doc_id, row in stats["per_document"].items() if show_documents else ():
        table.add_row(doc_id, *(str(row[c]) for c in COLUMNS))
    table.add_row(f"total ({stats['documents']} documents)", *(str(stats[c]) for c in COLUMNS), style="bold")
    console = Console()
    console.print(table)
    for key in ("event_types", "count_categories", "count_modifiers", "claim_kinds", "optional"):
        console.print(f"{key}: " + ", ".join(f"{k}={v}" for k, v in stats[key].items()))
    if "unmapped_by_reason" in stats:
        console.print(
            f"irrelevant documents: {stats['irrelevant_documents']}; threatened templates (no event): "
            f"{stats['threatened_templates']}"
        )
        reasons = Table(title=f"key fillers not located or not mapped: {stats['unmapped_fillers']}")
        for column, justify in (("reason", "left"), ("kept in another form", "right"), ("dropped", "right")):
            reasons.add_column(column, justify=justify)  # type: ignore[arg-type]
        for reason, found in stats["unmapped_by_reason"].items():
            reasons.add_row(reason, str(found["kept"]), str(found["dropped"]))
        console.print(reasons)


@data_app.command("convert-muc4")
def convert_muc4_cmd(
    archive: Path = typer.Option(
        paths.MUC4_ARCHIVE, "--archive", help="The MUC-3/MUC-4 archive (muc34-corpora.tar.gz)."
    ),
    out: Path = typer.Option(paths.MUC4_DIR, "--out", help="Folder for train/dev/test.jsonl and kb.jsonl."),
    check: bool = typer.Option(False, "--check", help="Only check that the committed files equal a fresh conversion."),
) -> None:
    """Convert the MUC-4 corpus (1,700 messages and their answer keys) into BREAKOUT's layers."""
    import time

    from bench.data.muc4.build import ConversionError, convert, output_files
    from bench.io import atomic_write_text

    started = time.perf_counter()
    try:
        conversion = convert(archive)
    except ConversionError as err:
        _fail([f"{err}"])
        return
    files = output_files(conversion, out)
    if check:
        stale = [str(p) for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            _fail([f"{p}: -: file: stale, run 'bench data convert-muc4'" for p in stale])
        typer.echo(f"the converted files in {out} are current")
        return
    for path, text in files.items():
        atomic_write_text(path, text)
    for split, docs in conversion.splits.items():
        events = [ev for d in docs for ev in d.events]
        unmapped = [u for d in docs if d.muc4 for u in d.muc4.unmapped]
        typer.echo(
            f"{split}: {len(docs)} documents, {len(events)} events, {sum(len(e.counts) for e in events)} counts, "
            f"{sum(len(e.claims) for e in events)} claims; {len(unmapped)} key fillers not located or mapped "
            f"({sum(not u.kept for u in unmapped)} dropped)"
        )
    typer.echo(
        f"kb: {len(conversion.kb)} places ({conversion.places_from_keys} only in the keys); "
        f"wrote {len(files)} files to {out} in {time.perf_counter() - started:.1f} s"
    )


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
