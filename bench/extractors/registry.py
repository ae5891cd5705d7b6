"""Find an extractor by name: built-ins, installed entry points, or ``module:Class``.

Third-party packages register under the ``bench.extractors`` entry-point group::

    [project.entry-points."bench.extractors"]
    my-model = "my_package.extract:MyExtractor"
"""

from __future__ import annotations

import importlib
import os
import sys
from importlib.metadata import entry_points
from typing import Any

from bench.extractors.base import Extractor

ENTRY_POINT_GROUP = "bench.extractors"

BUILTIN: dict[str, str] = {
    "oracle": "bench.extractors.oracle:OracleExtractor",
    "empty": "bench.extractors.empty:EmptyExtractor",
    "rules": "baselines.rules:RuleExtractor",
    "transformer": "baselines.transformer:TransformerExtractor",
    "openai": "bench.generative.extractor:OpenAIExtractor",
}


class ExtractorNotFound(LookupError):
    pass


def _import(target: str) -> Any:
    module_name, _, attr = target.partition(":")
    if not module_name or not attr:
        raise ExtractorNotFound(f"{target!r} is not 'module:Class'")
    try:
        module = _import_module(module_name)
    except ImportError as err:
        raise ExtractorNotFound(f"cannot import {module_name!r}: {err}") from err
    try:
        return getattr(module, attr)
    except AttributeError as err:
        raise ExtractorNotFound(f"module {module_name!r} has no {attr!r}") from err


def _import_module(module_name: str) -> Any:
    """Import ``module_name`` with the current folder on the path, as ``python -m`` would
    (the ``bench`` script itself does not put it there)."""
    cwd = os.getcwd()
    if cwd in sys.path or "" in sys.path:
        return importlib.import_module(module_name)
    sys.path.insert(0, cwd)
    try:
        return importlib.import_module(module_name)
    finally:
        if cwd in sys.path:
            sys.path.remove(cwd)


def resolve(name: str) -> Any:
    """The extractor class for a built-in name, an entry-point name, or ``module:Class``."""
    if name in BUILTIN:
        return _import(BUILTIN[name])
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            return ep.load()
    if ":" in name:
        return _import(name)
    known = sorted(set(BUILTIN) | {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})
    raise ExtractorNotFound(f"unknown extractor {name!r}; known: {', '.join(known)} (or give module:Class)")


def load_extractor(name: str, **options: Any) -> Extractor:
    """Instantiate the extractor ``name`` with keyword ``options``."""
    instance = resolve(name)(**options)
    if not isinstance(instance, Extractor):
        raise ExtractorNotFound(f"{name!r} does not implement the Extractor protocol (name, predict)")
    return instance
