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
