"""The comparison: pure functions from a batch's analysis results to a comparison document."""

from aura.comparison.compare import COMPARISON_VERSION, SiteInput, compare, compare_document
from aura.comparison.document import ComparisonDocument

__all__ = ["COMPARISON_VERSION", "ComparisonDocument", "SiteInput", "compare", "compare_document"]
