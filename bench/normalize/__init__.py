"""The published normalisers shared by gold compilation and scoring (norm=v1)."""

from bench.normalize.numbers import NumberParseError, parse_count
from bench.normalize.text import NORM_VERSION, normalize_text

__all__ = ["NORM_VERSION", "NumberParseError", "normalize_text", "parse_count"]
