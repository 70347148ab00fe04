"""Content side by side: headlines, calls to action, readability, and what each site talks about.

Distinctive keywords are TF-IDF over the sites' top keywords: a keyword's share of the site's
keyword counts, times ln(N / sites using it). A keyword every site uses scores 0, so it is
never distinctive; with a single site nothing is. Vocabulary overlap is the Jaccard index of
two sites' keyword sets.
"""

from __future__ import annotations

import math
from itertools import combinations

from aura.comparison.document import ContentSection, Keyword, SiteContent, VocabularyOverlap
from aura.comparison.inputs import Analysed, Contest, mapping, number, strings, text

DISTINCTIVE_LIMIT = 8


def keyword_counts(site: Analysed) -> dict[str, float]:
    """The site's keywords with their counts (from the keywords audit, else from the facts)."""
    audit = site.any_audit("keywords")
    counts: dict[str, float] = {}
    rows = audit.details.get("keywords") if audit is not None else None
    for row in rows if isinstance(rows, list) else []:
        keyword, count = text(mapping(row).get("keyword")), number(mapping(row).get("count"))
        if keyword is not None and count is not None and count > 0:
            counts[keyword.strip().lower()] = counts.get(keyword.strip().lower(), 0) + count
    if counts:
        return counts
    return {keyword.strip().lower(): 1.0 for keyword in strings(site.facts.get("keywords"))}


def distinctive_keywords(vocabularies: dict[str, dict[str, float]]) -> dict[str, list[Keyword]]:
    documents = len(vocabularies)
    frequency: dict[str, int] = {}
    for counts in vocabularies.values():
        for keyword in counts:
            frequency[keyword] = frequency.get(keyword, 0) + 1
    result: dict[str, list[Keyword]] = {}
    for url, counts in vocabularies.items():
        total = sum(counts.values())
        scored = [
            (count / total * math.log(documents / frequency[keyword]), keyword)
            for keyword, count in counts.items()
        ]
        ranked = sorted((item for item in scored if item[0] > 0), key=lambda i: (-i[0], i[1]))
        result[url] = [
            Keyword(keyword=keyword, score=round(score, 4))
            for score, keyword in ranked[:DISTINCTIVE_LIMIT]
        ]
    return result


def overlaps(vocabularies: dict[str, dict[str, float]]) -> list[VocabularyOverlap]:
    pairs: list[VocabularyOverlap] = []
    for (a, first), (b, second) in combinations(vocabularies.items(), 2):
        union = set(first) | set(second)
        shared = sorted(set(first) & set(second))
        pairs.append(
            VocabularyOverlap(
                a=a,
                b=b,
                similarity=round(len(shared) / len(union), 4) if union else 0.0,
                shared=shared,
            )
        )
    return pairs


def site_content(site: Analysed, distinctive: list[Keyword]) -> SiteContent:
    headline = site.any_audit("headline")
    readability = site.any_audit("readability")
    ctas = strings(site.facts.get("ctas"))
    if not ctas and (cta_audit := site.any_audit("calls-to-action")) is not None:
        ctas = strings(cta_audit.details.get("ctas"))
    return SiteContent(
        url=site.url,
        headline=text(site.facts.get("headline"))
        or (text(headline.details.get("headline")) if headline else None),
        hero_text=text(site.facts.get("hero_text")),
        ctas=ctas,
        language=text(site.facts.get("language")),
        word_count=site.metrics.get("word_count"),
        reading_minutes=site.metrics.get("reading_minutes"),
        reading_ease=site.metrics.get("reading_ease"),
        reading_grade=number(readability.details.get("flesch_kincaid_grade"))
        if readability
        else None,
        keywords=strings(site.facts.get("keywords")) or list(keyword_counts(site)),
        distinctive_keywords=distinctive,
    )


def build_content(contest: Contest) -> ContentSection:
    vocabularies = {site.url: counts for site in contest.sites if (counts := keyword_counts(site))}
    distinctive = distinctive_keywords(vocabularies)
    shared: set[str] = set()
    if len(vocabularies) >= 2:
        shared = set.intersection(*(set(counts) for counts in vocabularies.values()))
    return ContentSection(
        sites=[site_content(site, distinctive.get(site.url, [])) for site in contest.sites],
        shared_keywords=sorted(shared),
        overlap=overlaps(vocabularies),
    )
