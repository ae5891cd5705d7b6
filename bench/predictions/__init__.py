"""Predictions: the format a system submits (SPEC section 2), its schema and its validator.

The published JSON Schema is ``bench/predictions/schema.json`` (a copy lives in
``docs/predictions.schema.json``); ``SCHEMA_PATH`` points at it. ``bench.predictions.shape``
applies it (with the size limits it states), ``bench.predictions.validate`` adds the checks a
schema cannot express.
"""

from bench.predictions.model import PredClaim, PredCount, PredDocument, PredEvent, PredMention, PredValue
from bench.predictions.shape import SCHEMA_PATH
from bench.predictions.validate import check_object, load_predictions, validate_records

__all__ = [
    "SCHEMA_PATH",
    "PredClaim",
    "PredCount",
    "PredDocument",
    "PredEvent",
    "PredMention",
    "PredValue",
    "check_object",
    "load_predictions",
    "validate_records",
]
