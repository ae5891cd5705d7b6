"""Shared test helpers: run the CLI as a user would (a subprocess, real exit codes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_bench(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env
    )
