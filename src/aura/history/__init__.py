"""History of a comparison set: pure functions from its runs to changes, trends and alerts.

No database, queue or web imports: the tracking job and the API hand these functions plain
data (``aura.history.inputs``) and store or serve what they return.
"""

from aura.history.alerts import AlertEvent, RuleSpec, evaluate
from aura.history.diff import diff_runs
from aura.history.document import RunChanges, Trends, VisualChange
from aura.history.inputs import RunInput, SiteRun
from aura.history.trends import build_trends
from aura.history.visual import compare_screenshots

__all__ = [
    "AlertEvent",
    "RuleSpec",
    "RunChanges",
    "RunInput",
    "SiteRun",
    "Trends",
    "VisualChange",
    "build_trends",
    "compare_screenshots",
    "diff_runs",
    "evaluate",
]
