"""BREAKOUT: a benchmark and evaluation harness for structured extraction from conflict news."""

__version__ = "0.1.0"
