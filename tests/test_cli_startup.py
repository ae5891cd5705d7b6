"""``bench --help`` must not import the heavy libraries."""

import subprocess
import sys


def test_help_imports_no_heavy_library():
    code = "import sys; from bench.cli import app; print(','.join(m for m in ('datasets','transformers','torch','pyarrow') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_help_runs_and_lists_commands():
    result = subprocess.run([sys.executable, "-m", "bench", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "data" in result.stdout


def test_unknown_command_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "bench", "no-such-command"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_help_imports_only_what_it_needs():
    """``bench --help`` stays within 2x of ``import typer`` (benchmarks/startup.py): no rich rendering,
    no numpy, pydantic, jsonschema or YAML."""
    code = (
        "import atexit, sys\n"
        "heavy = ('rich', 'numpy', 'pydantic', 'jsonschema', 'fastjsonschema', 'yaml', 'scipy')\n"
        "atexit.register(lambda: print('loaded:' + ','.join(m for m in heavy if m in sys.modules), file=sys.stderr))\n"
        "sys.argv = ['bench', '--help']\n"
        "from bench.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and "Commands:" in result.stdout
    assert result.stderr.strip() == "loaded:"
