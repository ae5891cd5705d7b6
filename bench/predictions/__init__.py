"""Predictions: the format a system submits (SPEC section 2), its schema and its validator.

The published JSON Schema is ``bench/predictions/schema.json`` (a copy lives in
``docs/predictions.schema.json``); ``SCHEMA_PATH`` points at it.
"""

from pathlib import Path

from bench.predictions.model import PredClaim, PredCount, PredDocument, PredEvent, PredMention, PredValue
from bench.predictions.validate import check_object, load_predictions, validate_records

SCHEMA_PATH: Path = Path(__file__).with_name("schema.json")

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
