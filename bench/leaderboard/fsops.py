"""Crash-safe folder operations for the leaderboard.

A submission is written in full into a hidden *staging* folder inside the leaderboard's
``submissions/`` folder (so the final ``rename`` never crosses a file system, and a root that
is a mount point or has a read-only parent works), then moved into place with one
``rename``; replacing an entry swaps the two folders atomically with Linux's
``renameat2(RENAME_EXCHANGE)``. A process killed at any moment therefore leaves every entry
exactly as it was, or exactly as it should be afterwards; what it leaves is a hidden staging
folder, which no reader takes for an entry and the next ``bench submit`` removes (once its
process is gone). ``exclusive`` is the leaderboard's lock: one writer at a time.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_STAGING = re.compile(r"^\.staging-(?P<pid>\d+)-[A-Za-z0-9_-]+$")
LOCK_FILE = ".lock"
SUBMISSIONS = "submissions"


def umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def publish_mode(path: Path) -> None:
    """Give a file (0o666) or folder (0o777) the permissions the umask allows, not ``mkstemp``'s 0o600."""
    base = 0o777 if Path(path).is_dir() else 0o666
    os.chmod(path, base & ~umask())


def staging_dir(root: Path) -> Path:
    """A fresh, empty hidden staging folder in ``root/submissions/`` (same file system as the entries)."""
    folder = Path(root) / SUBMISSIONS
    folder.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=folder))
    publish_mode(staged)
    return staged


@contextlib.contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """Hold the leaderboard's exclusive lock (``root/.lock``, ``flock``) for the block."""
    Path(root).mkdir(parents=True, exist_ok=True)
    fd = os.open(Path(root) / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666 & ~umask())
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_staging(root: Path) -> list[Path]:
    """Remove staging folders in ``root/submissions/`` left by processes that no longer run."""
    folder = Path(root) / SUBMISSIONS
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.iterdir()):
        match = _STAGING.match(path.name)
        if match and path.is_dir() and not path.is_symlink() and not _alive(int(match["pid"])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def fsync_tree(folder: Path) -> None:
    """Give every file in ``folder`` its published mode and flush it and the folder to disk."""
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            publish_mode(path)
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when the system cannot (not Linux, old libc, file system)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def install_dir(staged: Path, target: Path) -> Path | None:
    """Move the complete folder ``staged`` to ``target`` in one step.

    If ``target`` exists it is replaced: swapped atomically where the system allows (the
    old content ends up at ``staged``, returned so the caller removes it), otherwise moved
    aside first (a short window in which ``target`` is absent). Returns the path holding the
    old content, or None when there was none.
    """
    staged, target = Path(staged), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.rename(staged, target)
        fsync_dir(target.parent)
        return None
    if _exchange(staged, target):
        fsync_dir(target.parent)
        return staged
    aside = Path(tempfile.mkdtemp(prefix=staged.name + "-old-", dir=staged.parent))
    os.rmdir(aside)
    os.rename(target, aside)
    os.rename(staged, target)
    fsync_dir(target.parent)
    return aside
