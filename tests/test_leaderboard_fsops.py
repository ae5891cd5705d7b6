"""Crash-safe folder operations: one-step install and replace, staging clean-up, permissions."""

from __future__ import annotations

import os
import stat

from bench.leaderboard import fsops
from bench.leaderboard.fsops import clean_stale_staging, install_dir, staging_dir


def _folder(path, content: str):
    path.mkdir()
    (path / "f").write_text(content)
    return path


def test_install_into_a_new_place(tmp_path):
    staged = _folder(tmp_path / "staged", "new")
    assert install_dir(staged, tmp_path / "a" / "target") is None
    assert (tmp_path / "a" / "target" / "f").read_text() == "new" and not staged.exists()


def test_replace_swaps_in_one_step(tmp_path):
    aside = install_dir(_folder(tmp_path / "new", "new"), _folder(tmp_path / "old", "old"))
    assert (tmp_path / "old" / "f").read_text() == "new"
    assert aside is not None and (aside / "f").read_text() == "old"


def test_replace_without_renameat2(tmp_path, monkeypatch):
    monkeypatch.setattr(fsops, "_exchange", lambda a, b: False)
    aside = install_dir(_folder(tmp_path / "new", "new"), _folder(tmp_path / "old", "old"))
    assert (tmp_path / "old" / "f").read_text() == "new"
    assert aside is not None and (aside / "f").read_text() == "old" and aside.parent == tmp_path


def test_staging_is_hidden_inside_the_root_with_published_permissions(tmp_path):
    root = tmp_path / "lb"
    staged = staging_dir(root)
    assert staged.parent == root / "submissions" and staged.name.startswith(f".staging-{os.getpid()}-")
    assert stat.S_IMODE(staged.stat().st_mode) == 0o777 & ~fsops.umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lb"]  # nothing beside the root


def test_only_stale_staging_of_dead_processes_is_removed(tmp_path):
    root = tmp_path / "lb"
    folder = root / "submissions"
    folder.mkdir(parents=True)
    live = folder / f".staging-{os.getpid()}-abc"
    dead = folder / ".staging-999999999-abc"
    other = folder / ".other-999999999-abc"
    for path in (live, dead, other):
        path.mkdir()
    assert clean_stale_staging(root) == [dead]
    assert live.exists() and other.exists() and not dead.exists()
