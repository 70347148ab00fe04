"""The site-level comparison: the crawled sites' reports side by side.

A compared site carries its crawl as ``result["site"]``: the report of
``aura.crawl.site.site_report`` (findings, figures, structured data by template, site scores).
Sites without it were analysed as one page; when no compared site has one there is no site
section at all. Reports are stored JSON, read here defensively: a missing or malformed part
is absent, never zero.

Who is best follows the comparison's noise conventions (``noise.py``): page counts are
counts (1 and 10 %), coverage shares are ratios (5 points), site scores are scores (3
points). A finding compares by the share of what each site had checked (one point apart),
so a small site is not "best" for having fewer pages to get wrong. A difference within
noise has no leader and no sentence.

The primary site's findings become recommendations (``site_recommendations``) in the same
ranking as the page audits: expected gain = severity points * (0.25 + 0.75 * the share of
checked pages affected) * (1 + 0.5 * the share of competitors without the problem).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal
from urllib.parse import urlsplit

from aura.comparison.advice import SEVERITY_POINTS, TOP_ITEMS
from aura.comparison.document import (
    CompetitorExample,
    Direction,
    FailingItem,
    Recommendation,
    SiteFigureRow,
    SiteFindingRow,
    SiteRecommendations,
    SiteScoreEvidence,
    SiteScoreRow,
    SiteSection,
    SiteTopic,
    StructuredDataRow,
    TemplateCoverage,
    TemplateRow,
    Unit,
)
from aura.comparison.inputs import Contest, mapping, number, order_categories, text
from aura.comparison.noise import BY_UNIT, CATEGORY_SCORE, Noise, significant
from aura.crawl.site import FIXES

#: Two sites' shares of affected pages (or links) differ when they are a point apart: the
#: findings are exact counts, not measurements, but a share is a rounded comparison.
FINDING_SHARE = Noise(0.01)

Severity = Literal["critical", "high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low", "info")

#: Headline figures compared: (key in the report's figures, label, unit, direction).
FIGURES: tuple[tuple[str, str, Unit, Direction | None], ...] = (
    ("pages_crawled", "Pages crawled", "count", None),
    ("pages_discovered", "Pages discovered", "count", None),
    ("pages_failed", "Pages that failed", "count", "lower"),
    ("indexable_pages", "Indexable pages", "count", None),
    ("words_total", "Words of main text", "count", None),
    ("words_median", "Words of main text per page (median)", "count", None),
    ("internal_links", "Internal links", "count", None),
    ("average_inlinks", "Internal links per page (average)", "unitless", None),
    ("pages_with_one_inlink", "Pages with one internal link to them", "count", "lower"),
    ("max_depth", "Deepest page (clicks)", "count", "lower"),
    ("sitemap_urls", "Sitemap URLs", "count", None),
)


#: Topics per site named in the statements (the section lists them all).
STATED_TOPICS = 5


def site_reports(contest: Contest) -> dict[str, Mapping[str, Any]]:
    """Each compared site's site report, in batch order (sites without one left out)."""
    found: dict[str, Mapping[str, Any]] = {}
    for site in contest.sites:
        report = mapping(site.result.get("site"))
        if report:
            found[site.url] = report
    return found


def _findings(report: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    items = report.get("findings")
    if not isinstance(items, list):
        return {}
    return {
        finding_id: mapping(item)
        for item in items
        if (finding_id := text(mapping(item).get("id"))) is not None
    }


def _count(finding: Mapping[str, Any]) -> int | None:
    if finding.get("applicable") is False:
        return None
    value = number(finding.get("count"))
    return None if value is None else int(value)


def _best(values: Mapping[str, float | None], direction: Direction, noise: Noise) -> list[str]:
    """Sites within noise of the best value, when some other site is beyond it."""
    present = {url: value for url, value in values.items() if value is not None}
    if len(present) < 2:
        return []
    pick = min if direction == "lower" else max
    best = pick(present.values())
    leaders = [url for url, value in present.items() if not significant(value, best, noise)]
    return [] if len(leaders) == len(present) else leaders


def _name(names: Mapping[str, str], url: str) -> str:
    return names.get(url, url)


def _figure_rows(reports: Mapping[str, Mapping[str, Any]]) -> list[SiteFigureRow]:
    rows: list[SiteFigureRow] = []
    for key, label, unit, direction in FIGURES:
        values = {url: number(mapping(r.get("figures")).get(key)) for url, r in reports.items()}
        if all(value is None for value in values.values()):
            continue
        leaders = _best(values, direction, BY_UNIT[unit]) if direction else []
        rows.append(
            SiteFigureRow(
                id=key, label=label, unit=unit, direction=direction, values=values, leaders=leaders
            )
        )
    return rows


def _finding_rows(
    reports: Mapping[str, Mapping[str, Any]], names: Mapping[str, str], primary: str | None
) -> list[SiteFindingRow]:
    by_site = {url: _findings(report) for url, report in reports.items()}
    ids: list[str] = []
    for findings in by_site.values():
        ids.extend(finding_id for finding_id in findings if finding_id not in ids)
    rows: list[SiteFindingRow] = []
    for finding_id in ids:
        first = next(f[finding_id] for f in by_site.values() if finding_id in f)
        given = text(first.get("severity"))
        severity: Severity = given if given in SEVERITIES else "info"
        counts = {
            url: _count(findings[finding_id]) if finding_id in findings else None
            for url, findings in by_site.items()
        }
        checked = {
            url: int(number(findings[finding_id].get("total_pages_checked")) or 0)
            for url, findings in by_site.items()
            if finding_id in findings
        }
        notes = {
            url: note
            for url, findings in by_site.items()
            if finding_id in findings and (note := text(findings[finding_id].get("note")))
        }
        # Sites of different sizes compare by the share of what was checked: 9 of 9 pages
        # without a description is no better than 218 of 218.
        values = {
            url: None if count is None or not checked.get(url) else count / checked[url]
            for url, count in counts.items()
        }
        best = [] if severity == "info" else _best(values, "lower", FINDING_SHARE)
        title = text(first.get("title")) or finding_id
        rows.append(
            SiteFindingRow(
                id=finding_id,
                title=title,
                severity=severity,
                category=text(first.get("category")),
                counts=counts,
                checked=checked,
                notes=notes,
                best=best,
                text=_finding_text(title, counts, checked, best, names, primary),
            )
        )
    return rows


def _finding_text(
    title: str,
    counts: Mapping[str, int | None],
    checked: Mapping[str, int],
    best: list[str],
    names: Mapping[str, str],
    primary: str | None,
) -> str | None:
    """ "Broken internal links: you have 14 of 80; the best competitor, Rival, has 0 of 95"."""
    if primary is None or not best or counts.get(primary) is None:
        return None
    own = counts[primary]
    others = {
        url: count
        for url, count in counts.items()
        if url != primary and count is not None and checked.get(url)
    }
    if not others:
        return None
    leader = min(others, key=lambda url: (others[url] / checked[url], others[url]))

    def of(url: str) -> str:
        return f"{counts[url]} of {checked.get(url, 0)}"

    if primary in best:
        if own is None or leader in best:
            return None
        listed = ", ".join(f"{_name(names, url)} {of(url)}" for url in others)
        return f"{title}: you have {of(primary)}, the others {listed}."
    rival = _name(names, leader)
    return f"{title}: you have {of(primary)}; the best competitor, {rival}, has {of(leader)}."


def _template_rows(reports: Mapping[str, Mapping[str, Any]]) -> list[TemplateRow]:
    pages: dict[str, dict[str, int]] = {}
    for url, report in reports.items():
        templates = mapping(report.get("figures")).get("templates")
        for item in templates if isinstance(templates, list) else []:
            name, count = text(mapping(item).get("template")), number(mapping(item).get("pages"))
            if name is not None and count is not None:
                pages.setdefault(name, {})[url] = int(count)
    ordered = sorted(pages.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return [TemplateRow(template=name, pages=counts) for name, counts in ordered]


def _coverage(report: Mapping[str, Any]) -> dict[str, TemplateCoverage]:
    """Per schema.org type, the template where it marks the most pages (its main template)."""
    rows = report.get("structured_data")
    found: dict[str, TemplateCoverage] = {}
    for row in rows if isinstance(rows, list) else []:
        body = mapping(row)
        template, pages = text(body.get("template")), number(body.get("pages"))
        types = body.get("types")
        if template is None or not pages:
            continue
        for item in types if isinstance(types, list) else []:
            kind, marked = text(mapping(item).get("type")), number(mapping(item).get("pages"))
            if kind is None or marked is None:
                continue
            coverage = TemplateCoverage(
                template=template, pages=int(pages), marked=int(marked), share=marked / pages
            )
            current = found.get(kind)
            if current is None or (coverage.marked, coverage.share) > (
                current.marked,
                current.share,
            ):
                found[kind] = coverage
    return found


def _percent(share: float) -> str:
    return f"{round(share * 100):.0f} %"


def _structured_rows(
    reports: Mapping[str, Mapping[str, Any]], names: Mapping[str, str], primary: str | None
) -> list[StructuredDataRow]:
    by_site = {url: _coverage(report) for url, report in reports.items()}
    kinds: list[str] = []
    for found in by_site.values():
        kinds.extend(kind for kind in found if kind not in kinds)
    rows: list[StructuredDataRow] = []
    for kind in sorted(kinds):
        coverage: dict[str, TemplateCoverage | None] = {
            url: found.get(kind) for url, found in by_site.items()
        }
        shares = {url: (c.share if c is not None else 0.0) for url, c in coverage.items()}
        leaders = _best(dict(shares), "higher", BY_UNIT["ratio"])
        sentence = None
        if primary in coverage and leaders and primary not in leaders:
            leader = leaders[0]
            theirs, own = coverage[leader], coverage[primary]
            if theirs is not None:
                sentence = (
                    f"{_name(names, leader)} has {kind} markup on {_percent(theirs.share)} of "
                    f"its {theirs.template} pages, you "
                    + (
                        f"on {_percent(own.share)} of your {own.template} pages."
                        if own is not None
                        else "on none of your pages."
                    )
                )
        rows.append(StructuredDataRow(type=kind, coverage=coverage, leaders=leaders, text=sentence))
    return rows


def _score_rows(reports: Mapping[str, Mapping[str, Any]], contest: Contest) -> list[SiteScoreRow]:
    categories: list[str] = []
    for report in reports.values():
        categories.extend(c for c in mapping(report.get("scores")) if c not in categories)
    rows: list[SiteScoreRow] = []
    for category in order_categories(categories):
        scores: dict[str, float | None] = {}
        evidence: dict[str, SiteScoreEvidence] = {}
        for url, report in reports.items():
            body = mapping(mapping(report.get("scores")).get(category))
            scores[url] = number(body.get("score"))
            pages_score = number(body.get("pages_score"))
            if pages_score is None:
                continue
            deductions = body.get("deductions")
            lowest = body.get("lowest_pages")
            evidence[url] = SiteScoreEvidence(
                pages_score=pages_score,
                pages=int(number(body.get("pages")) or 0),
                deductions={
                    finding_id: points
                    for item in (deductions if isinstance(deductions, list) else [])
                    if (finding_id := text(mapping(item).get("finding"))) is not None
                    and (points := number(mapping(item).get("points"))) is not None
                },
                lowest_pages=[
                    page_url
                    for item in (lowest if isinstance(lowest, list) else [])
                    if (page_url := text(mapping(item).get("url"))) is not None
                ],
            )
        present = {url: score for url, score in scores.items() if score is not None}
        best = max(present.values(), default=None)
        leaders = (
            [url for url, s in present.items() if not significant(s, best, CATEGORY_SCORE)]
            if best is not None
            else []
        )
        rows.append(
            SiteScoreRow(
                category=category,
                title=contest.title_of(category),
                scores=scores,
                ranks={
                    url: 1 + sum(1 for other in present.values() if other > score)
                    for url, score in present.items()
                },
                leaders=leaders,
                leader=leaders[0] if len(leaders) == 1 and len(present) > 1 else None,
                evidence=evidence,
            )
        )
    return rows


def _statements(
    findings: list[SiteFindingRow],
    structured: list[StructuredDataRow],
    templates: list[TemplateRow],
    reports: Mapping[str, Mapping[str, Any]],
    topics: Mapping[str, list[SiteTopic]],
    names: Mapping[str, str],
    primary: str | None,
) -> list[str]:
    if primary is None or primary not in reports:
        return []
    severity_order = {name: index for index, name in enumerate(SEVERITIES)}
    ranked = sorted(
        (row for row in findings if row.text),
        key=lambda row: severity_order.get(row.severity, len(SEVERITIES)),
    )
    statements = [row.text for row in ranked if row.text]
    statements.extend(row.text for row in structured if row.text)
    volume = {
        url: (
            number(mapping(report.get("figures")).get("html_pages")),
            number(mapping(report.get("figures")).get("words_total")),
            number(mapping(report.get("figures")).get("words_median")),
        )
        for url, report in reports.items()
    }
    parts = [
        f"{_name(names, url)} {int(pages):,} pages, {int(words):,} words"
        + (f" (median {median:,.0f} a page)" if median is not None else "")
        for url, (pages, words, median) in volume.items()
        if pages is not None and words is not None
    ]
    if len(parts) > 1:
        statements.append("Content volume: " + "; ".join(parts) + ".")
    listed = [
        f"{_name(names, url)} {', '.join(topic.term for topic in found[:STATED_TOPICS])}"
        for url, found in topics.items()
        if found
    ]
    if len(listed) > 1:
        statements.append("Main topics: " + "; ".join(listed) + ".")
    return statements


def _topics(report: Mapping[str, Any]) -> list[SiteTopic]:
    rows = report.get("topics")
    found: list[SiteTopic] = []
    for row in rows if isinstance(rows, list) else []:
        body = mapping(row)
        term, pages, weight = (
            text(body.get("term")),
            number(body.get("pages")),
            number(body.get("weight")),
        )
        if term is not None and pages is not None and weight is not None:
            found.append(SiteTopic(term=term, pages=int(pages), weight=weight))
    return found


def build_site_section(
    contest: Contest, names: Mapping[str, str], primary: str | None
) -> SiteSection | None:
    reports = site_reports(contest)
    if not reports:
        return None
    own = primary if primary in reports else None
    findings = _finding_rows(reports, names, own)
    structured = _structured_rows(reports, names, own)
    templates = _template_rows(reports)
    topics = {url: _topics(report) for url, report in reports.items()}
    first = next(iter(reports.values()))
    return SiteSection(
        sites=list(reports),
        without_crawl=[site.url for site in contest.sites if site.url not in reports],
        scores_rule=text(first.get("scores_rule")) or "",
        figures=_figure_rows(reports),
        findings=findings,
        templates=templates,
        structured_data=structured,
        scores=_score_rows(reports, contest),
        topics=topics,
        statements=_statements(findings, structured, templates, reports, topics, names, own),
        reports={url: dict(report) for url, report in reports.items()},
    )


# Recommendations ----------------------------------------------------------------------


def _path(url: str, site_url: str) -> str:
    parts, site = urlsplit(url), urlsplit(site_url)
    if parts.netloc == site.netloc and parts.path:
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url


def finding_item(example: Mapping[str, Any], site_url: str) -> FailingItem | None:
    """One example of a finding as a failing item: the URL (or the shared value) and what
    is wrong with it."""
    notes: list[str] = []
    status, error = number(example.get("status")), text(example.get("error"))
    label: str | None
    if error:
        notes.append(error)
    elif status is not None:
        notes.append(f"HTTP {int(status)}")
    for key in ("problem", "canonical", "final_url"):
        if (value := text(example.get(key))) is not None:
            notes.append(f"{key.replace('_', ' ')}: {value}" if key != "problem" else value)
    problems = example.get("problems")
    if isinstance(problems, list):
        notes.extend(p for p in problems if isinstance(p, str))
    sources = example.get("linked_from")
    if isinstance(sources, list) and sources:
        shown = ", ".join(_path(s, site_url) for s in sources[:3] if isinstance(s, str))
        total = int(number(example.get("links")) or len(sources))
        more = f" and {total - 3} more" if total > 3 else ""
        notes.append(f"linked from {shown}{more}")
    resources = example.get("resources")
    if isinstance(resources, list) and resources:
        notes.append("loads " + ", ".join(r for r in resources[:3] if isinstance(r, str)))
    pages = example.get("pages")
    if isinstance(pages, list) and pages:
        total = int(number(example.get("count")) or len(pages))
        notes.append(f"{total} pages: " + ", ".join(_path(p, site_url) for p in pages[:3]))
    for key, unit in (("words", "words"), ("depth", "clicks deep"), ("placeholder_links", "")):
        amount = number(example.get(key))
        if amount is not None:
            notes.append(f"{int(amount)} {unit}" if unit else f"{int(amount)} such links")
    label = text(example.get("url")) or text(example.get("value"))
    if label is None and isinstance(pages, list) and pages and isinstance(pages[0], str):
        label = pages[0]
    if label is None:
        return None
    kind: Literal["url", "value"] = "url" if label.startswith(("http://", "https://")) else "value"
    return FailingItem(label=label, kind=kind, note="; ".join(notes) or None)


def _checked(finding: Mapping[str, Any]) -> int:
    return int(number(finding.get("total_pages_checked")) or 0)


def _share(finding: Mapping[str, Any]) -> float:
    count, checked = _count(finding) or 0, number(finding.get("total_pages_checked")) or 0
    return min(1.0, count / checked) if checked else 1.0


def _deduction(report: Mapping[str, Any], finding: Mapping[str, Any]) -> float:
    category = text(finding.get("category"))
    body = mapping(mapping(report.get("scores")).get(category or ""))
    items = body.get("deductions")
    for item in items if isinstance(items, list) else []:
        if mapping(item).get("finding") == finding.get("id"):
            return number(mapping(item).get("points")) or 0.0
    return 0.0


def _recommendation(
    site_url: str,
    report: Mapping[str, Any],
    finding: Mapping[str, Any],
    competitors: Mapping[str, Mapping[str, Any]],
) -> Recommendation | None:
    finding_id, count = text(finding.get("id")), _count(finding)
    given = text(finding.get("severity"))
    if finding_id is None or not count or given not in SEVERITY_POINTS:
        return None
    severity = given
    theirs = {
        url: found
        for url, other in competitors.items()
        if (found := _findings(other).get(finding_id)) is not None and _count(found) is not None
    }
    passing = [url for url, found in theirs.items() if _count(found) == 0]
    adoption = len(passing) / len(competitors) if competitors else 0.0
    share = _share(finding)
    raw = finding.get("pages")
    examples = [mapping(item) for item in (raw if isinstance(raw, list) else [])]
    items = [item for example in examples if (item := finding_item(example, site_url)) is not None]
    title = text(finding.get("title")) or finding_id
    checked = int(number(finding.get("total_pages_checked")) or 0)
    action = f"{title}: {count} found"
    if items:
        first = _path(items[0].label, site_url) if items[0].kind == "url" else items[0].label
        if len(first) > 90:
            first = first[:89] + "…"
        action += f"; start with {first}"
        if items[0].note:
            action += f" ({items[0].note})"
    ahead = sorted(
        ((url, found) for url, found in theirs.items() if _share(found) < share),
        key=lambda item: (_share(item[1]), list(competitors).index(item[0])),
    )
    category = text(finding.get("category")) or "seo"
    return Recommendation(
        audit_id=f"site:{finding_id}",
        action=action,
        title=title,
        goal=f"Site-wide: no {title[:1].lower()}{title[1:]}",
        description=text(finding.get("note")),
        categories=[category],
        kind="catch_up" if passing else "opportunity",
        severity=severity,
        severity_reason=f"Found on the crawl of the site: {count} of {checked} checked",
        # Aura's own words from its table (outputs show them as such), not the stored text.
        fix=[FIXES[finding_id]] if finding_id in FIXES else [],
        snippets=[],
        items=items[:TOP_ITEMS],
        items_total=count,
        score=round(1 - share, 4),
        your_value=f"{count} of {checked}",
        best_competitor_score=(
            round(1 - min(_share(found) for found in theirs.values()), 4) if theirs else None
        ),
        competitors_passing=passing,
        competitors_total=len(competitors),
        adoption=round(adoption, 4),
        potential_points=round(_deduction(report, finding), 2),
        impact=round(SEVERITY_POINTS[severity] * (0.25 + 0.75 * share) * (1 + 0.5 * adoption), 1),
        competitors=[
            CompetitorExample(
                url=url,
                score=round(1 - _share(found), 4),
                display_value=f"{_count(found)} of {_checked(found)}",
            )
            for url, found in ahead
        ],
    )


def site_recommendations(
    contest: Contest, recommendations: Sequence[SiteRecommendations]
) -> list[SiteRecommendations]:
    """The page audits' recommendations with each site's own site findings ranked among
    them (for the sites that already get recommendations: the primary, or every site)."""
    reports = site_reports(contest)
    if not reports:
        return list(recommendations)
    merged: list[SiteRecommendations] = []
    for entry in recommendations:
        report = reports.get(entry.url)
        if report is None:
            merged.append(entry)
            continue
        competitors = {url: other for url, other in reports.items() if url != entry.url}
        extra = [
            item
            for finding in _findings(report).values()
            if (item := _recommendation(entry.url, report, finding, competitors)) is not None
        ]
        items = [*entry.items, *extra]
        items.sort(key=lambda item: (-item.impact, -item.potential_points))
        merged.append(SiteRecommendations(url=entry.url, items=items))
    return merged
