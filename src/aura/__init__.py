"""Aura: competitive website analysis."""

__version__ = "0.1.0"
