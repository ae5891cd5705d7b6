"""Extractors: anything that reads documents and returns predictions in the spec's format."""

from bench.extractors.base import Extractor, blind
from bench.extractors.registry import BUILTIN, load_extractor

__all__ = ["BUILTIN", "Extractor", "blind", "load_extractor"]
