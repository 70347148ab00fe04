"""Alert rules evaluated against the changes of one run (a pure function).

Each rule gives at most one event per subject, and the subject names what changed
("overtaken:seo:https://b.example/"), so evaluating the same run again gives the same
subjects: the store's unique (rule, run, subject) key then makes the repeat harmless. Rules
speak for the set's own site (the primary): a run without one raises nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aura.history.content import LABELS
from aura.history.diff import format_score, overtake_sentence, site_name
from aura.history.document import RunChanges, SiteChanges, TextChange
from aura.history.pricing import describe
from aura.history.standings import OVERALL

#: The content fields a competitor_content_changed rule can watch, in the order reported.
FIELD_LABELS: dict[str, str] = dict([*LABELS.items(), ("pricing", "Pricing")])
#: A score_dropped rule without points fires on a fall of this many points.
DEFAULT_DROP_POINTS = 5.0
#: Subjects are stored in a String(300) column: longer ones end in a hash of the whole.
SUBJECT_LENGTH = 300
#: Lines of main text quoted in an alert's details, added and removed each.
DETAIL_LINES = 20


@dataclass(frozen=True)
class RuleSpec:
    id: uuid.UUID
    kind: str
    category: str
    points: float | None
    fields: tuple[str, ...]
    #: One event per run for everything the rule found, instead of one per subject.
    digest: bool = False


@dataclass(frozen=True)
class AlertEvent:
    rule_id: uuid.UUID
    kind: str
    site: str | None
    subject: str
    message: str
    details: dict[str, Any]


def subject(*parts: str) -> str:
    whole = ":".join(parts)
    if len(whole) <= SUBJECT_LENGTH:
        return whole
    digest = hashlib.sha256(whole.encode()).hexdigest()[:32]
    return f"{whole[: SUBJECT_LENGTH - len(digest) - 1]}:{digest}"


def _competitors(changes: RunChanges) -> list[SiteChanges]:
    return [site for site in changes.sites if not site.is_primary and site.status == "changed"]


def _names(changes: RunChanges) -> dict[str, str]:
    """URL → what the changes call each site (its name in the runs' comparisons)."""
    return {site.url: site.name for site in changes.sites if site.name}


def _overtaken(rule: RuleSpec, changes: RunChanges) -> list[AlertEvent]:
    return [
        AlertEvent(
            rule_id=rule.id,
            kind=rule.kind,
            site=overtake.site,
            subject=subject("overtaken", overtake.category, overtake.site),
            message=overtake_sentence(overtake, changes.primary_url, _names(changes)),
            details={
                "category": overtake.category,
                "label": overtake.label,
                "competitor": overtake.site,
                "competitor_before": overtake.site_before,
                "competitor_after": overtake.site_after,
                "your_before": overtake.overtaken_before,
                "your_after": overtake.overtaken_after,
            },
        )
        for overtake in changes.overtakes
        if overtake.overtaken == changes.primary_url and overtake.category == rule.category
    ]


def _content_details(change: TextChange) -> dict[str, Any]:
    if change.field == "main_text":
        return {
            "added": change.added[:DETAIL_LINES],
            "removed": change.removed[:DETAIL_LINES],
            "summary": change.summary,
        }
    if change.added or change.removed:
        return {"added": change.added, "removed": change.removed, "summary": change.summary}
    return {"before": change.before, "after": change.after, "summary": change.summary}


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _content_changed(rule: RuleSpec, changes: RunChanges) -> list[AlertEvent]:
    watched = [field for field in FIELD_LABELS if field in rule.fields or not rule.fields]
    events: list[AlertEvent] = []
    for site in _competitors(changes):
        details: dict[str, Any] = {
            change.field: _content_details(change)
            for change in site.content
            if change.field in watched
        }
        if "pricing" in watched and site.pricing is not None:
            details["pricing"] = [
                {
                    "plan": change.plan,
                    "change": change.change,
                    "before": describe(change.before) if change.before else None,
                    "after": describe(change.after) if change.after else None,
                    "summary": change.summary,
                }
                for change in site.pricing.changes
            ]
        if not details:
            continue
        fields = [field for field in watched if field in details]
        names = [FIELD_LABELS[field].lower() for field in fields]
        events.append(
            AlertEvent(
                rule_id=rule.id,
                kind=rule.kind,
                site=site.url,
                subject=subject("content", site.url, ",".join(fields)),
                message=f"Competitor {site.name or site_name(site.url)} changed its {_and(names)}",
                details={"url": site.url, "fields": fields, "changes": details},
            )
        )
    return events


def _technology_changed(rule: RuleSpec, changes: RunChanges) -> list[AlertEvent]:
    events: list[AlertEvent] = []
    for site in _competitors(changes):
        added = [c.name for c in site.technology if c.change == "added"]
        removed = [c.name for c in site.technology if c.change == "removed"]
        if not added and not removed:
            continue
        parts = [f"now uses {_and(added)}"] if added else []
        parts += [f"no longer uses {_and(removed)}"] if removed else []
        events.append(
            AlertEvent(
                rule_id=rule.id,
                kind=rule.kind,
                site=site.url,
                subject=subject("technology", site.url),
                message=f"Competitor {site.name or site_name(site.url)} {' and '.join(parts)}",
                details={"url": site.url, "added": added, "removed": removed},
            )
        )
    return events


def _score_dropped(rule: RuleSpec, changes: RunChanges) -> list[AlertEvent]:
    primary = next((site for site in changes.sites if site.is_primary), None)
    score = next((d for d in primary.scores if d.id == rule.category), None) if primary else None
    if primary is None or score is None or score.before is None or score.after is None:
        return []
    points = rule.points if rule.points is not None else DEFAULT_DROP_POINTS
    fall = round(score.before - score.after, 1)
    if fall < points:
        return []
    label = "overall" if rule.category == OVERALL else score.label
    return [
        AlertEvent(
            rule_id=rule.id,
            kind=rule.kind,
            site=primary.url,
            subject=subject("score_dropped", rule.category, primary.url),
            message=f"Your {label} score fell by {format_score(fall)} points "
            f"({format_score(score.before)} → {format_score(score.after)})",
            details={
                "category": rule.category,
                "label": score.label,
                "before": score.before,
                "after": score.after,
                "fall": fall,
                "points": points,
            },
        )
    ]


EVALUATORS = {
    "overtaken": _overtaken,
    "competitor_content_changed": _content_changed,
    "competitor_technology_changed": _technology_changed,
    "score_dropped": _score_dropped,
}


def evaluate(rules: Sequence[RuleSpec], changes: RunChanges) -> list[AlertEvent]:
    """The events the rules raise for a run's changes, rule by rule, in a stable order."""
    if changes.primary_url is None:
        return []
    events: list[AlertEvent] = []
    for rule in rules:
        evaluator = EVALUATORS.get(rule.kind)
        if evaluator is None:
            continue
        found = evaluator(rule, changes)
        events.extend(_digest(rule, found) if rule.digest and len(found) > 1 else found)
    return events


def _digest(rule: RuleSpec, events: Sequence[AlertEvent]) -> list[AlertEvent]:
    """The rule's events of one run as one: its message lists them all."""
    sites = list(dict.fromkeys(event.site for event in events if event.site))
    lines = "\n".join(f"- {event.message}" for event in events)
    return [
        AlertEvent(
            rule_id=rule.id,
            kind=rule.kind,
            site=sites[0] if len(sites) == 1 else None,
            subject="digest",
            message=f"{len(events)} alerts in this run:\n{lines}",
            details={
                "digest": [
                    {"site": event.site, "message": event.message, "details": event.details}
                    for event in events
                ]
            },
        )
    ]
