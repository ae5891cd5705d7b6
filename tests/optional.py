"""Optional heavy test dependencies: skipped where missing, except in CI (``CI`` set), where
they must be installed (the README's test command installs them) and a missing one fails."""

from __future__ import annotations

import importlib.util
import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def need(condition: bool, message: str) -> None:
    """Skip (locally) or fail (in CI) unless ``condition``."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI is set, so this test must run: {message}")
    pytest.skip(message)


def need_module(module: str, install: str) -> None:
    need(importlib.util.find_spec(module) is not None, f"{module} is not installed ({install})")
