"""Aggregation: the only code that turns responses into counts (suppression included)."""
