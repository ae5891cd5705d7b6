"""Keyword options for an extractor, from the command line.

``--option KEY=VALUE`` is repeatable; VALUE is read as JSON when it parses (numbers,
booleans, null) and as a plain string otherwise. An extractor whose constructor takes a
``gold`` parameter (it trains on the split, like the leave-one-document-out transformer)
receives the split being evaluated unless ``gold`` is given explicitly.

>>> parse_options(["epochs=3", "model=/models/minilm", "progress=false"])
{'epochs': 3, 'model': '/models/minilm', 'progress': False}
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


class OptionError(ValueError):
    pass


def parse_options(texts: Iterable[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for text in texts:
        key, sep, raw = text.partition("=")
        if not sep or not key.isidentifier():
            raise OptionError(f"--option {text!r}: expected KEY=VALUE with KEY a Python identifier")
        try:
            options[key] = json.loads(raw)
        except json.JSONDecodeError:
            options[key] = raw
    return options


def with_split(factory: Any, options: dict[str, Any], split: Path | None) -> dict[str, Any]:
    """``options`` plus ``gold=split`` when ``factory`` accepts ``gold`` and it is not set."""
    if split is None or "gold" in options:
        return options
    try:
        parameters = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return options
    return {**options, "gold": str(split)} if "gold" in parameters else options


def check_bindable(factory: Any, options: dict[str, Any]) -> None:
    """Raise ``OptionError`` when ``factory`` does not take these keyword options."""
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):
        return
    try:
        signature.bind(**options)
    except TypeError as err:
        accepted = [
            name for name, p in signature.parameters.items() if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        raise OptionError(f"{err}; it accepts: {', '.join(accepted) or 'no options'}") from err
