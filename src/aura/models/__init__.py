"""ORM models, one file per table. Every relationship is ``lazy="raise"``."""

from aura.models.analysis import Analysis, AnalysisStatus
from aura.models.batch import BatchStatus, CompetitiveAnalysisBatch
from aura.models.batch_url import CompetitiveAnalysisUrl
from aura.models.comparison import ComparisonResult

__all__ = [
    "Analysis",
    "AnalysisStatus",
    "BatchStatus",
    "ComparisonResult",
    "CompetitiveAnalysisBatch",
    "CompetitiveAnalysisUrl",
]
