"""Recommendations: a site's failed audits as actions, ranked by the expected gain for it.

impact (the expected gain, the number shown and the sort key) =
  severity points (``advice.SEVERITY_POINTS``: critical 10, high 6, medium 3, low 1)
  * magnitude (the measured saving: bytes over ``BYTES_FOR_FULL_POINTS`` or milliseconds
    over ``MS_FOR_FULL_POINTS``, capped at 2; otherwise how far the audit fails, 1 - score)
  * weight factor (0.5 + 0.5 * the audit's weight over the heaviest audit of its category:
    a scale that does not depend on how many audits the category has)
  * competitor boost (1 + 0.5 * the share of competitors that pass it).

So a failure nobody else fixes still ranks by what it costs the site (plain HTTP, a 1 MB
hero image), and competitors' adoption raises it by up to half, never gates it.

``potential_points`` stays as information: the overall-score points the site gains by doing
as well as the best competitor (or by passing, when no competitor does better).

A competitor is cited (``competitors_passing``, ``competitors``) only on real evidence: its
render was not degraded in the audit's category, and what it shows for the audit is not
placeholder text ("Foo", "Lorem ipsum").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal
from urllib.parse import urlsplit

from aura.comparison.advice import (
    BYTES_FOR_FULL_POINTS,
    MS_FOR_FULL_POINTS,
    SEVERITY_POINTS,
    TOP_ITEMS,
    Advice,
    advice_for,
)
from aura.comparison.document import (
    CompetitorExample,
    FailingItem,
    Recommendation,
    ServerSnippet,
    SiteRecommendations,
)
from aura.comparison.inputs import CATEGORY_WEIGHTS, Analysed, AuditEntry, Contest, number
from aura.formatting import format_bytes

ItemKind = Literal["url", "element", "value"]

ORDER_EXPLAINED = (
    "Ordered by expected gain: the problem's severity (security risk, WCAG level, search "
    "visibility, measured bytes or milliseconds saved), how much of it fails and the "
    "audit's weight, raised by up to half when competitors already do it."
)

#: Detail fields that show what a competitor's page has for an audit (its evidence).
EVIDENCE_KEYS = ("ctas", "headline", "src", "text", "tls_version", "profiles", "types")
_PLACEHOLDER = re.compile(
    r"^(?:foo|bar|baz|qux|foo ?bar|lorem|ipsum|dolor|lorem ipsum.*|test|todo|tbd|xxx+|"
    r"asdf|placeholder|sample|example|text|link|button|click|\.+|…|#|-+)$",
    re.I,
)


def audit_share(site: Analysed, entry: AuditEntry) -> float:
    """The audit's share (0-1) of the site's overall score through ``entry``'s category."""
    category = site.categories.get(entry.category)
    if category is None or entry.category not in site.scores:
        return 0.0
    counted = sum(audit.advice_weight for audit in category.audits if advisable(audit))
    weights = {name: CATEGORY_WEIGHTS.get(name, 1.0) for name in site.scores}
    if counted <= 0 or sum(weights.values()) <= 0:
        return 0.0
    return entry.advice_weight / counted * weights[entry.category] / sum(weights.values())


def weight_factor(site: Analysed, entry: AuditEntry) -> float:
    """0.5-1: the audit's weight against the heaviest audit of its category."""
    category = site.categories.get(entry.category)
    heaviest = (
        max((audit.advice_weight for audit in category.audits), default=0.0) if category else 0.0
    )
    if heaviest <= 0:
        return 0.5
    return 0.5 + 0.5 * min(1.0, entry.advice_weight / heaviest)


def advisable(entry: AuditEntry) -> bool:
    """A scored audit that weighs in its category's score, or in its static score (browser
    mode's opportunities, which Lighthouse's lab score leaves out)."""
    return entry.score is not None and entry.advice_weight > 0 and entry.mode == "numeric"


def failed_audits(site: Analysed) -> dict[str, list[AuditEntry]]:
    """Advisable, failing audits by id (an audit may count in several categories)."""
    failing: dict[str, list[AuditEntry]] = {}
    for category in site.categories.values():
        for entry in category.audits:
            if advisable(entry) and not entry.passed:
                failing.setdefault(entry.id, []).append(entry)
    return failing


def competitor_entry(competitor: Analysed, entry: AuditEntry) -> AuditEntry | None:
    return competitor.audit(entry.category, entry.id) or competitor.any_audit(entry.id)


# Failing items ------------------------------------------------------------------------


def _int(value: object) -> int | None:
    found = number(value)
    return None if found is None else int(found)


def _kind_of(label: str) -> ItemKind:
    if label.startswith(("http://", "https://")):
        return "url"
    if label.startswith("<") or (label.startswith(("#", ".")) and " " not in label):
        return "element"
    return "value"


#: axe-core's lead-in to each failure summary, which says nothing about the element.
_AXE_PREAMBLE = re.compile(r"^\s*Fix (?:any|all) of the following:\s*")


def _from_mapping(raw: Mapping[str, Any]) -> FailingItem | None:
    label: str | None = None
    for key in ("url", "target", "selector", "link", "image", "html", "id", "name", "library"):
        value = raw.get(key)
        if isinstance(value, list):
            value = " ".join(part for part in value if isinstance(part, str))
        if isinstance(value, str) and value.strip():
            label = value.strip()
            break
    if label is None:
        return None
    notes = [
        f"{raw['intrinsic']} shown at {raw['displayed']}"
        if key == "intrinsic" and isinstance(raw.get("displayed"), str)
        else " ".join(_AXE_PREAMBLE.sub("", raw[key]).split())
        for key in ("summary", "format", "intrinsic", "text", "alt", "type", "help", "version")
        if isinstance(raw.get(key), str) and raw[key].strip()
    ]
    if isinstance(raw.get("fixed_in"), str):
        notes.append(f"fixed in {raw['fixed_in']}")
    savings = _int(raw.get("estimated_savings"))
    if savings is None:
        savings = _int(raw.get("wasted_bytes"))
    return FailingItem(
        label=label,
        kind="element" if "html" in raw or "target" in raw else _kind_of(label),
        note="; ".join(notes) or None,
        bytes=_int(raw.get("bytes")),
        savings_bytes=savings,
    )


def failing_items(details: Mapping[str, Any], keys: Sequence[str]) -> list[FailingItem]:
    """The items the audit's details list under ``keys``, worst (largest saving) first."""
    items: list[FailingItem] = []
    for key in keys:
        raw = details.get(key)
        if isinstance(raw, Mapping):
            # A map of names to values (response headers).
            items.extend(
                FailingItem(label=f"{name}: {value}", kind="value")
                for name, value in raw.items()
                if isinstance(value, str)
            )
            continue
        if not isinstance(raw, list):
            continue
        for element in raw:
            if isinstance(element, str) and element.strip():
                label = element.strip()
                items.append(FailingItem(label=label, kind=_kind_of(label)))
            elif isinstance(element, Mapping) and (item := _from_mapping(element)) is not None:
                items.append(item)
    # Python's sort is stable: items without a measured saving keep the audit's order.
    items.sort(key=lambda item: -(item.savings_bytes or item.bytes or 0))
    return items


def short_name(url: str, site_url: str) -> str:
    """A same-site URL as its path (``/assets/img/bg.jpg``), another site's whole."""
    parts, site = urlsplit(url), urlsplit(site_url)
    if parts.netloc == site.netloc and parts.path:
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url


_TAG = re.compile(r"^<([a-zA-Z][\w-]*)")
_NAMING_ATTRIBUTE = re.compile(r"""\s(src|href|id|name|aria-label)=(["'])(.*?)\2""", re.S)


def short_element(snippet: str) -> str:
    """``<img class="…" src="a.jpg" alt="">`` as ``<img src="a.jpg">``: the tag and the
    attribute that identifies it."""
    tag = _TAG.match(snippet)
    if tag is None:
        return snippet
    named = _NAMING_ATTRIBUTE.search(snippet)
    if named is None:
        return f"<{tag.group(1)}>"
    return f'<{tag.group(1)} {named.group(1)}="{named.group(3)}">'


#: The server response time Aura's audit calls good (its curve's p10).
GOOD_TTFB_MS = 200.0
#: Lab metrics that are not durations (no milliseconds to save).
UNITLESS_LAB = frozenset({"cumulative-layout-shift"})


def measured_ms(audit_id: str, details: Mapping[str, Any]) -> float | None:
    """Milliseconds the site would gain by reaching the audit's "good" mark: the server
    response over 200 ms, or a lab metric over its curve's p10 on the worse profile."""
    ttfb = number(details.get("ttfb_ms"))
    if ttfb is not None:
        return ttfb - GOOD_TTFB_MS if ttfb > GOOD_TTFB_MS else None
    if audit_id in UNITLESS_LAB:
        return None
    profiles = details.get("profiles")
    if not isinstance(profiles, Mapping):
        return None
    over = [
        value - p10
        for seen in profiles.values()
        if isinstance(seen, Mapping)
        and (value := number(seen.get("value"))) is not None
        and (p10 := number(seen.get("p10"))) is not None
    ]
    worst = max(over, default=0.0)
    return worst if worst > 0 else None


def action_of(
    advice: Advice, items: list[FailingItem], site_url: str, savings_ms: float | None = None
) -> str:
    """The action, naming the worst item when there is one."""
    if not items:
        if savings_ms:
            return f"{advice.action}: about {savings_ms:,.0f} ms to gain"
        return advice.action
    top = items[0]
    if top.kind == "url":
        name = short_name(top.label, site_url)
    elif top.kind == "element":
        name = short_element(top.label)
    else:
        name = top.label
    if len(name) > 90:
        name = name[:89] + "…"
    if top.bytes and top.savings_bytes:
        after = max(top.bytes - top.savings_bytes, 0)
        before, later = format_bytes(top.bytes), format_bytes(after)
        return f"{advice.action}, starting with {name}: {before} → about {later}"
    if top.savings_bytes:
        return (
            f"{advice.action}, starting with {name}: about {format_bytes(top.savings_bytes)} less"
        )
    more = f" and {len(items) - 1} more" if len(items) > 1 else ""
    return f"{advice.action}: {name}{more}"


# Competitor evidence ------------------------------------------------------------------


def evidence_of(entry: AuditEntry) -> list[str]:
    """What the competitor's page shows for the audit, as found on it."""
    found: list[str] = []
    for key in EVIDENCE_KEYS:
        value = entry.details.get(key)
        if isinstance(value, str) and value.strip():
            found.append(value.strip())
        elif isinstance(value, list):
            found.extend(part.strip() for part in value if isinstance(part, str) and part.strip())
        elif isinstance(value, Mapping):
            found.extend(str(name) for name in value)
    return found[:5]


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.match(" ".join(text.split()).strip(" .!?:;,")))


def real_evidence(entry: AuditEntry) -> bool:
    """False when all a page shows for the audit is placeholder text (a test page's
    "Foo", "Bar" calls to action): its pass proves nothing."""
    shown = evidence_of(entry)
    return not shown or not all(is_placeholder(text) for text in shown)


# The recommendation -------------------------------------------------------------------


def expected_gain(
    advice: Advice,
    score: float,
    savings: tuple[int | None, float | None],
    weight: float,
    adoption: float,
) -> float:
    savings_bytes, savings_ms = savings
    if savings_bytes:
        magnitude = min(2.0, savings_bytes / BYTES_FOR_FULL_POINTS)
    elif savings_ms:
        magnitude = min(2.0, savings_ms / MS_FOR_FULL_POINTS)
    else:
        magnitude = 1.0 - score
    return SEVERITY_POINTS[advice.severity] * magnitude * weight * (1 + 0.5 * adoption)


def recommendation(
    site: Analysed, entries: list[AuditEntry], competitors: list[Analysed], contest: Contest
) -> Recommendation:
    own = entries[0]
    own_score = own.score or 0.0
    advice = advice_for(own.id, own.title)
    # A competitor whose render was degraded in the audit's category, or whose page shows
    # only placeholders for it, proves nothing there.
    theirs = {
        competitor.url: found
        for competitor in competitors
        if (found := competitor_entry(competitor, own)) is not None
        and found.score is not None
        and competitor.reliable_category(found.category)
        and real_evidence(found)
    }
    passing = [url for url, found in theirs.items() if found.passed]
    best = max((found.score or 0.0 for found in theirs.values()), default=None)
    share = sum(audit_share(site, entry) for entry in entries)
    if passing and best is not None:
        potential = 100 * share * (best - own_score)
    else:
        potential = 100 * share * (1 - own_score)
    adoption = len(passing) / len(competitors) if competitors else 0.0
    ahead = sorted(
        (
            (url, found)
            for url, found in theirs.items()
            if found.score is not None and found.score > own_score
        ),
        key=lambda item: (-(item[1].score or 0.0), contest.position(item[0])),
    )
    items = failing_items(own.details, advice.items_from)
    savings = [item.savings_bytes for item in items if item.savings_bytes]
    savings_bytes = sum(savings) if savings else None
    savings_ms = None if savings_bytes else measured_ms(own.id, own.details)
    weight = max(weight_factor(site, entry) for entry in entries)
    goal = next((theirs[url].title for url in passing), None)
    return Recommendation(
        audit_id=own.id,
        action=action_of(advice, items, site.url, savings_ms),
        title=own.title,
        goal=goal,
        description=own.description,
        categories=[entry.category for entry in entries],
        kind="catch_up" if passing else "opportunity",
        severity=advice.severity,
        severity_reason=advice.reason,
        fix=list(advice.fix),
        snippets=[ServerSnippet(server=s.server, code=s.code) for s in advice.snippets],
        items=items[:TOP_ITEMS],
        items_total=len(items),
        savings_bytes=savings_bytes,
        savings_ms=None if savings_ms is None else round(savings_ms),
        score=own_score,
        your_value=own.display_value,
        best_competitor_score=best,
        competitors_passing=passing,
        competitors_total=len(competitors),
        adoption=round(adoption, 4),
        potential_points=round(potential, 2),
        impact=round(
            expected_gain(advice, own_score, (savings_bytes, savings_ms), weight, adoption), 1
        ),
        competitors=[
            CompetitorExample(
                url=url,
                score=found.score or 0.0,
                display_value=found.display_value,
                evidence=evidence_of(found),
            )
            for url, found in ahead
        ],
    )


def recommendations_for(site: Analysed, contest: Contest) -> SiteRecommendations:
    competitors = contest.others(site.url)
    items = [
        recommendation(site, entries, competitors, contest)
        for entries in failed_audits(site).values()
    ]
    # Stable: equal gains keep the order the site's categories list the audits in.
    items.sort(key=lambda item: (-item.impact, -item.potential_points))
    return SiteRecommendations(url=site.url, items=items)


def build_recommendations(contest: Contest) -> list[SiteRecommendations]:
    if contest.primary_url is not None:
        primary = contest.primary
        return [] if primary is None else [recommendations_for(primary, contest)]
    return [recommendations_for(site, contest) for site in contest.sites]
