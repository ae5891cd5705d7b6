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
