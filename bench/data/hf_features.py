"""The ``datasets`` features of a gold record type, as the dataset card's YAML declares them.

The card (annotations/README.md) lists the typed features of each config; this module
derives them from the pydantic model, so a test can check that the card and the model
agree. Strings and literals are ``string``, integers ``int32``, booleans ``bool``, lists
``list``, nested records ``struct`` (nullable). ``complete=False`` leaves out the
extension fields (``Record.EXTENSIONS``), which hand-made gold does not write.

>>> from bench.data.model import Span
>>> card_features(Span)
[{'name': 'start', 'dtype': 'int32'}, {'name': 'end', 'dtype': 'int32'}, {'name': 'text', 'dtype': 'string'}]
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _feature(annotation: Any, complete: bool) -> dict[str, Any]:
    annotation = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner = _feature(item, complete)
        return {"list": inner["dtype"] if "dtype" in inner else inner["struct"]}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"struct": card_features(annotation, complete=complete)}
    if annotation is bool:
        return {"dtype": "bool"}
    if annotation is int:
        return {"dtype": "int32"}
    if annotation is str or origin is Literal:
        return {"dtype": "string"}
    raise TypeError(f"no datasets feature for {annotation!r}")


def card_features(model: type[BaseModel], *, complete: bool = True) -> list[dict[str, Any]]:
    """The card's ``features`` list for records of ``model``."""
    extensions: frozenset[str] = getattr(model, "EXTENSIONS", frozenset())
    return [
        {"name": name, **_feature(info.annotation, complete)}
        for name, info in model.model_fields.items()
        if complete or name not in extensions
    ]
