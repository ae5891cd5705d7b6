"""Exit codes of every ``bench`` command (documented in the README)."""

OK = 0  # success
GATE_FAILED = 1  # a quality gate failed (--fail-under, compare --max-drop)
USAGE = 2  # bad command-line usage (typer/click uses 2 too)
INVALID_INPUT = 3  # invalid input or integrity problem: bad predictions, gold, hash or signature mismatch
INTERNAL = 4  # a bug in the harness
