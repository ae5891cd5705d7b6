"""Turn what ML code returns naturally into plain JSON values, at the extractor boundary.

An extractor may return numpy scalars (``np.int64(5)``), tuples, pydantic models or
dataclasses; ``to_plain`` turns them into ``int``/``float``/``bool``/``str``, lists and dicts,
so the validator sees plain JSON. Anything else (a set, an arbitrary object, a numpy array
of more than one dimension is fine, it becomes nested lists) is left as it is and the
validator rejects it with its usual message ("expected an array, got set").

>>> import dataclasses
>>> @dataclasses.dataclass
... class Count:
...     category: str
...     value: int
>>> to_plain({"counts": (Count("escaped", 3),)})
{'counts': [{'category': 'escaped', 'value': 3}]}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

MAX_DEPTH = 64  # deeper than any predictions record; guards against cycles


def _numpy_value(obj: Any) -> tuple[bool, Any]:
    """``(True, plain)`` for a numpy scalar or array (without importing numpy)."""
    module = type(obj).__module__
    if module != "numpy" and not module.startswith("numpy."):
        return False, None
    tolist = getattr(obj, "tolist", None)  # scalars give Python scalars, arrays nested lists
    return (True, tolist()) if callable(tolist) else (False, None)


def to_plain(obj: Any, _depth: int = 0) -> Any:
    """A copy of ``obj`` with numpy scalars, tuples, pydantic models and dataclasses made plain."""
    if obj is None or isinstance(obj, (str, bool, int, float)):
        return obj
    if _depth > MAX_DEPTH:
        return obj
    is_numpy, value = _numpy_value(obj)
    if is_numpy:
        return to_plain(value, _depth + 1)
    if isinstance(obj, Mapping):
        return {key: to_plain(value, _depth + 1) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_plain(value, _depth + 1) for value in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name), _depth + 1) for f in dataclasses.fields(obj)}
    dump = getattr(obj, "model_dump", None)  # pydantic v2 models
    if callable(dump) and not isinstance(obj, type):
        return to_plain(dump(), _depth + 1)
    return obj
