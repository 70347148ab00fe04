"""The words every export uses for a recommendation, as plain (unescaped) text.

Each format escapes these for its medium (Markdown: ``for_markdown``; HTML: ``escape``);
nothing here is markup. Labels of failing items are the page's own (URLs, HTML snippets,
selectors, header values): they must always go through the format's escaping.
"""

from __future__ import annotations

from aura.comparison.document import CompetitorExample, FailingItem, Recommendation
from aura.formatting import format_bytes
from aura.reports.common import site_label

SEVERITY_LABELS = {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low"}


def size_text(size: int) -> str:
    """Sizes as every output writes them (``aura.formatting``: B, KiB, MiB)."""
    return format_bytes(size)


def item_facts(item: FailingItem) -> str:
    """What Aura measured about a failing item: size, saving, note (empty when nothing)."""
    facts: list[str] = []
    if item.bytes:
        facts.append(size_text(item.bytes))
    if item.savings_bytes:
        facts.append(f"about {size_text(item.savings_bytes)} to save")
    if item.note:
        facts.append(item.note)
    return ", ".join(facts)


def items_heading(item: Recommendation) -> str:
    shown = len(item.items)
    if item.items_total > shown:
        return f"Where ({shown} of {item.items_total}):"
    return "Where:"


def standing_text(item: Recommendation) -> str:
    """How the competitors do: "2 of 3 competitors already do this" or that none does."""
    passing = len(item.competitors_passing)
    if item.competitors_total == 0:
        return "No competitor to compare with"
    if passing == 0:
        return f"None of the {item.competitors_total} competitors does this yet"
    return f"{passing} of {item.competitors_total} competitors already do this"


def example_text(example: CompetitorExample) -> str:
    """A competitor doing better, with what a reader can check on its page."""
    shown = site_label(example.url)
    evidence = "; ".join(example.evidence) or example.display_value
    return f"{shown} ({evidence})" if evidence else shown


def gain_text(item: Recommendation) -> str:
    return f"gain {item.impact:g}"


def severity_text(item: Recommendation) -> str:
    label = SEVERITY_LABELS[item.severity]
    return f"{label}: {item.severity_reason}" if item.severity_reason else label


def now_text(item: Recommendation) -> str:
    """Where the site stands: the audit's own measurement, else its failure title."""
    return f"Now: {item.your_value}" if item.your_value else f"Now: {item.title}"
