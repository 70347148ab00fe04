"""The comparison: pure functions from a batch's analysis results to a comparison document."""

from aura.comparison.compare import COMPARISON_VERSION, SiteInput, compare

__all__ = ["COMPARISON_VERSION", "SiteInput", "compare"]
