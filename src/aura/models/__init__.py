"""ORM models, one file per table. Every relationship is ``lazy="raise"``."""

from aura.models.alert import Alert, AlertRule
from aura.models.analysis import Analysis, AnalysisStatus
from aura.models.batch import BatchStatus, CompetitiveAnalysisBatch
from aura.models.batch_url import CompetitiveAnalysisUrl
from aura.models.comparison import ComparisonResult
from aura.models.comparison_set import ComparisonSet
from aura.models.crawl import Crawl, CrawlPage, CrawlPageStatus, CrawlStatus
from aura.models.set_run_changes import SetRunChanges

__all__ = [
    "Alert",
    "AlertRule",
    "Analysis",
    "AnalysisStatus",
    "BatchStatus",
    "ComparisonResult",
    "ComparisonSet",
    "CompetitiveAnalysisBatch",
    "CompetitiveAnalysisUrl",
    "Crawl",
    "CrawlPage",
    "CrawlPageStatus",
    "CrawlStatus",
    "SetRunChanges",
]
