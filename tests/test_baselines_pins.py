"""Pinned model files (``baselines.pins``): one checker for every package a baseline loads."""

from __future__ import annotations

import doctest
import hashlib
from pathlib import Path

import pytest

import baselines.pins
from baselines.pins import file_sha256, package_dir, verify_files


def test_doctests() -> None:
    assert doctest.testmod(baselines.pins).failed == 0


def test_a_changed_or_missing_file_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / "weights").write_bytes(b"right")
    pinned = {"weights": hashlib.sha256(b"right").hexdigest()}
    verify_files(tmp_path, pinned, RuntimeError, "reinstall x")
    (tmp_path / "weights").write_bytes(b"wrong!")  # another size: the memoised digest is not reused
    with pytest.raises(RuntimeError) as err:
        verify_files(tmp_path, pinned, RuntimeError, "reinstall x")
    assert (
        "\n" not in str(err.value) and str(tmp_path / "weights") in str(err.value) and "reinstall x" in str(err.value)
    )
    assert file_sha256(tmp_path / "weights") == hashlib.sha256(b"wrong!").hexdigest()
    with pytest.raises(RuntimeError, match="missing; reinstall x"):
        verify_files(tmp_path, {"other": "0" * 64}, RuntimeError, "reinstall x")


def test_package_dir() -> None:
    assert package_dir("baselines") == Path(baselines.pins.__file__).parent
    assert package_dir("no_such_package_here") is None
