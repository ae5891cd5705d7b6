"""Run extractor code so that it can neither end the process nor write to standard output.

``bench eval --json`` promises exactly one JSON document on standard output, and ``bench
eval --fail-under`` promises that exit 0 means "the gate passed". Extractor code runs under
``guarded``:

- whatever it prints goes to standard error: ``sys.stdout`` is redirected, and so is file
  descriptor 1 when it is the process's real standard output (C extensions and child
  processes write there directly);
- ``SystemExit`` and ``KeyboardInterrupt`` raised inside it become ``ExtractorExit``, which
  the command line reports as an extractor failure (exit 4), never as a pass or a failed gate.

>>> with guarded():
...     print("progress: 10%")  # goes to standard error
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


class ExtractorExit(Exception):
    """Extractor code raised ``SystemExit`` or ``KeyboardInterrupt``."""

    def __init__(self, what: BaseException) -> None:
        if isinstance(what, SystemExit):
            text = f"called sys.exit({what.code!r})"
        else:
            text = "was interrupted (KeyboardInterrupt)"
        super().__init__(text)
        self.original = what


def _real_stdout_fd() -> int | None:
    """1 when ``sys.stdout`` writes to the process's file descriptor 1, else None."""
    try:
        return 1 if sys.stdout.fileno() == 1 and sys.stderr.fileno() == 2 else None
    except (AttributeError, OSError, ValueError):  # replaced streams (pytest, CliRunner)
        return None


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Redirect standard output to standard error; turn exits into ``ExtractorExit``."""
    fd = _real_stdout_fd()
    saved: int | None = None
    sys.stdout.flush()
    if fd is not None:
        saved = os.dup(fd)
        os.dup2(2, fd)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    except (SystemExit, KeyboardInterrupt) as err:
        raise ExtractorExit(err) from err
    finally:
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        if saved is not None and fd is not None:
            os.dup2(saved, fd)
            os.close(saved)
