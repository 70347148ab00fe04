"""Technology by site: what each site is built with, grouped by category, with versions.

Detected technologies come from the analysis facts (``technologies``), or from the details of
the technology category's audits when the facts lack them. Each is a mapping with at least a
``name``, and optionally ``version``, ``categories`` (names, or mappings with a ``name``),
``confidence``, ``website`` and ``icon``. A site without any technology data (detection not
run, or its fingerprints missing) is listed as such, with the analysis's reason when it gives
one, and never counted as using nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeGuard

from aura.comparison.document import (
    PossibleTechnology,
    TechnologyGroup,
    TechnologyRow,
    TechnologySection,
    TechnologyUse,
    VersionRow,
)
from aura.comparison.inputs import Analysed, Contest, mapping, number, text

OTHER = "Other"


@dataclass(frozen=True)
class Detected:
    name: str
    version: str | None
    categories: tuple[str, ...]
    confidence: float | None
    website: str | None
    icon: str | None


def _categories(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    names: list[str] = []
    for item in raw:
        name = text(item) or text(mapping(item).get("name"))
        if name is not None and name not in names:
            names.append(name)
    return tuple(names)


def _detected(raw: object, fallback_name: str | None = None) -> Detected | None:
    body = mapping(raw)
    name = text(body.get("name")) or fallback_name
    if name is None:
        return None
    version = body.get("version")
    return Detected(
        name=name,
        version=text(version) or (f"{version:g}" if number(version) is not None else None),
        categories=_categories(body.get("categories")),
        confidence=number(body.get("confidence")),
        website=text(body.get("website")),
        icon=text(body.get("icon")),
    )


def _is_technology_list(candidate: object) -> TypeGuard[list[object]]:
    """A list of technologies (possibly empty: detection ran and found nothing)."""
    if not isinstance(candidate, list):
        return False
    return not candidate or any(text(mapping(item).get("name")) for item in candidate)


def _raw_technologies(site: Analysed) -> Iterable[tuple[object, str | None]] | None:
    # The technology audits' items carry the most (website, icon, category groups).
    candidates: list[object] = []
    technology = site.categories.get("technology")
    for entry in technology.audits if technology is not None else ():
        candidates.extend((entry.details.get("items"), entry.details.get("technologies")))
    candidates.append(site.facts.get("technologies"))
    for candidate in candidates:
        if _is_technology_list(candidate):
            return [(item, None) for item in candidate]
        if isinstance(candidate, Mapping) and candidate:
            return [(item, str(key)) for key, item in candidate.items()]
    return None


def unavailable_reason(site: Analysed) -> str | None:
    """Why detection gave nothing for the site, when the analysis says so."""
    detection = mapping(site.facts.get("technology_detection"))
    if detection.get("status") == "unavailable":
        return text(detection.get("reason")) or "technology detection was unavailable"
    return None


def technologies_of(site: Analysed) -> dict[str, Detected] | None:
    """The site's technologies by name, or None when the site has no technology data."""
    raw = _raw_technologies(site)
    if raw is None:
        return None
    found: dict[str, Detected] = {}
    for item, key in raw:
        detected = _detected(item, key)
        if detected is None:
            continue
        known = found.get(detected.name)
        if known is None or (known.version is None and detected.version is not None):
            found[detected.name] = detected
    return found


def possible_of(site: Analysed, established: Mapping[str, Detected]) -> list[PossibleTechnology]:
    """What the site possibly uses: detections below the confidence floor (the technology
    audit's ``possible`` items, or the facts' ``technologies_possible``), minus the facts."""
    candidates: list[object] = []
    technology = site.categories.get("technology")
    for entry in technology.audits if technology is not None else ():
        candidates.append(entry.details.get("possible"))
    candidates.append(site.facts.get("technologies_possible"))
    for candidate in candidates:
        if not isinstance(candidate, list) or not candidate:
            continue
        found: dict[str, PossibleTechnology] = {}
        for item in candidate:
            detected = _detected(item)
            if detected is None or detected.name in established or detected.name in found:
                continue
            found[detected.name] = PossibleTechnology(
                name=detected.name, confidence=detected.confidence
            )
        return list(found.values())
    return []


def build_technology(contest: Contest) -> TechnologySection:
    data: dict[str, dict[str, Detected]] = {}
    for site in contest.sites:
        found = technologies_of(site)
        if found is not None:
            data[site.url] = found
    rows = _rows(data)
    groups: dict[str, list[TechnologyRow]] = {}
    for row in rows:
        groups.setdefault(row.categories[0] if row.categories else OTHER, []).append(row)
    compared = len(data) >= 2
    return TechnologySection(
        available=bool(data),
        sites_with_data=list(data),
        sites_without_data=[url for url in contest.urls if url not in data],
        unavailable={
            site.url: reason
            for site in contest.sites
            if site.url not in data and (reason := unavailable_reason(site)) is not None
        },
        groups=[
            TechnologyGroup(category=name, technologies=groups[name])
            for name in sorted(groups, key=lambda name: (name == OTHER, name.casefold()))
        ],
        shared=[row.name for row in rows if compared and len(row.used_by) == len(data)],
        unique={
            url: [row.name for row in rows if row.used_by == [url]] for url in data if compared
        },
        versions=[
            VersionRow(name=row.name, versions={u: use.version for u, use in row.sites.items()})
            for row in rows
            if len(row.used_by) >= 2 and any(use.version for use in row.sites.values())
        ],
        possible={
            site.url: possible
            for site in contest.sites
            if (possible := possible_of(site, data.get(site.url, {})))
        },
    )


def _rows(data: Mapping[str, Mapping[str, Detected]]) -> list[TechnologyRow]:
    names = sorted(
        {name for found in data.values() for name in found}, key=lambda n: (n.casefold(), n)
    )
    rows: list[TechnologyRow] = []
    for name in names:
        uses = {url: found[name] for url, found in data.items() if name in found}
        first = next(iter(uses.values()))
        categories: list[str] = []
        for detected in uses.values():
            categories.extend(c for c in detected.categories if c not in categories)
        rows.append(
            TechnologyRow(
                name=name,
                categories=categories,
                website=first.website,
                icon=first.icon,
                sites={
                    url: TechnologyUse(version=d.version, confidence=d.confidence)
                    for url, d in uses.items()
                },
                used_by=list(uses),
            )
        )
    return rows
