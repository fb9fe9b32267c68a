"""Helpers the tests, the benchmark and the screenshots share; none of them is a test."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"  # answers, attacks, tampering
