"""The README's test command is exactly what CI runs."""

import re

from bench import paths


def _commands() -> list[str]:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(python3 -m venv[^\n]*)\n```", readme)


def test_readme_has_the_two_commands():
    commands = _commands()
    assert len(commands) == 2
    assert commands[0].endswith("bench eval")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_readme_documents_every_limit():
    from bench.leaderboard.metadata import LIMITS, MAX_META_BYTES
    from bench.predictions.reader import MAX_LINE_BYTES
    from bench.predictions.shape import MAX_DOC_ID, MAX_EVENTS, MAX_ITEMS, MAX_MENTIONS, MAX_STRING
    from bench.predictions.validate import MAX_FILE_BYTES, MAX_PROBLEMS, MAX_PROBLEMS_PER_LINE
    from bench.resultsio import MAX_DEPTH, MAX_RESULTS_BYTES

    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    limits = readme[readme.index("### Limits") : readme.index("## Scoring")]
    rows = {
        "predictions file": f"{MAX_FILE_BYTES:,} bytes",
        "one line of predictions": f"{MAX_LINE_BYTES:,} bytes",
        "events per document": f"| {MAX_EVENTS} |",
        "per event": f"| {MAX_ITEMS} each |",
        "mentions per document": f"| {MAX_MENTIONS:,} |",
        "a string": f"{MAX_STRING} characters; `doc_id` {MAX_DOC_ID}",
        "problems listed": f"{MAX_PROBLEMS} per file",
        "results file": f"{MAX_RESULTS_BYTES:,} bytes, JSON nested at most {MAX_DEPTH} levels",
        "`META.yaml`": f"{MAX_META_BYTES:,} bytes",
    }
    for row, text in rows.items():
        line = next(line for line in limits.splitlines() if line.startswith("| ") and row in line.split(" | ")[0])
        assert text in line, (row, text)
    assert f"{MAX_PROBLEMS_PER_LINE} per line" in limits
    meta = next(line for line in limits.splitlines() if line.startswith("| `META.yaml`"))
    for text in ("name {name}", "description {description:,}", "url {url}", "model size {model_size}", "`how` {how}"):
        assert text.format(**LIMITS) in meta, text
    assert "authors {authors} of {author} characters".format(**LIMITS) in meta
    assert "datasets {datasets} of {dataset} characters".format(**LIMITS) in meta


def test_readme_documents_every_exit_code():
    from bench import exitcodes

    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Exit codes") :]
    for code in (
        exitcodes.OK,
        exitcodes.GATE_FAILED,
        exitcodes.USAGE,
        exitcodes.INVALID_INPUT,
        exitcodes.INTERNAL,
        130,
    ):
        assert f"\n| {code} |" in table


def test_the_scoring_section_states_the_rules_of_the_docstrings():
    """Issue 9 item 8: rules that lived only in docstrings are in the README's scoring section."""
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Scoring") : readme.index("## Baselines")]
    text = " ".join(section.split())
    for rule in (
        "Identical mentions (same start, end and type) count once",  # span layer
        "the maximum count matching with the most equal modifiers",  # modifier accuracy
        'A string whose normal form is empty ("the") matches nothing',
        "lexicographically best",  # alignment ties (item 3)
        "bounds pointing opposite ways",  # item 4
        "A number never matches a range and a range never a number",  # item 5
        "Attribution is scored on *every* gold count",  # item 6
        "left out of every mean",  # item 7
        "C(2n-1, n) distinct resamples",  # item 9
        "Scorer changelog",
    ):
        assert rule in text, rule
