"""Site-level audits over all the pages of a crawl, and the site's scores.

``site_report`` reads the records of one crawl (and the site's rules, for the sitemap) and
returns a JSON-ready report: headline figures, findings and per-category site scores.

Every finding is a claim about the records: a link is broken only when the crawl fetched its
target and it failed; a target the crawl never fetched is counted as unchecked, never as
fine or broken. A directory's index file answering exactly what the directory answers
(``/index.html`` and ``/``) is one page under two URLs: counted once, listed with the
near-duplicates. Click depth is measured on the recorded links from the start page. A check
whose input is missing (no sitemap, no hreflang, no fetched
subresource) is ``applicable: False`` with a note that says why.

Site scores (documented in ``docs/architecture.md``): per category, the mean of the pages'
scores within each template, then the mean of those template means (so 400 blog posts do not
drown 5 product pages); then each SEO or content finding deducts
``FINDING_POINTS[severity] * (0.25 + 0.75 * share)`` points, share being the part of the
checked pages (or links) it affects, so one occurrence costs a quarter of its points and a
site-wide problem all of them.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from aura.audit.text import keyword_counts
from aura.crawl.records import PageRecord
from aura.crawl.rules import SiteRules

SITE_REPORT_VERSION = "1.0"

#: Example pages kept per finding (the count says how many there are in all).
EXAMPLES = 10
#: Pages linking to a broken target kept per target.
SOURCES = 5
#: Clicks from the start page beyond which a page is "deep".
DEEP_CLICKS = 3
#: Words of main text below which an indexable page is thin.
THIN_WORDS = 200
#: SimHash bits (of 64) two pages may differ in and still be near-duplicates.
NEAR_DUPLICATE_BITS = 3
#: Main topics kept per site.
TOPICS = 10
#: What a page's keyword weighs more for being in its H1 (its own top keyword weighs 1).
HEADLINE_BONUS = 0.5
#: Boilerplate: a term among the keywords of at least this share of a site's pages (of at
#: least this many), the same number of times on at least this share of those (a page keeps
#: its top keywords only, so a label every page repeats once shows on the shorter pages).
BOILERPLATE_MIN_PAGES = 4
BOILERPLATE_SHARE = 0.25
BOILERPLATE_SAME = 0.9
#: Points a finding takes off its category's site score at most, by severity.
FINDING_POINTS: dict[str, float] = {"critical": 15.0, "high": 10.0, "medium": 5.0, "low": 2.0}
#: The category each finding deducts from (findings not listed deduct nothing).
FINDING_CATEGORY: dict[str, str] = {
    "broken-internal-links": "seo",
    "broken-resources": "seo",
    "redirect-loops": "seo",
    "redirect-chains": "seo",
    "links-to-redirects": "seo",
    "canonical-targets": "seo",
    "sitemap-urls": "seo",
    "duplicate-titles": "seo",
    "missing-titles": "seo",
    "duplicate-descriptions": "seo",
    "missing-descriptions": "seo",
    "hreflang": "seo",
    "orphan-pages": "seo",
    "deep-pages": "seo",
    "duplicate-h1": "content",
    "missing-h1": "content",
    "thin-content": "content",
    "near-duplicates": "content",
}


#: How to fix each finding: Aura's own words (outputs show `code` spans as code).
FIXES: dict[str, str] = {
    "broken-internal-links": (
        "Fix or remove each link on the pages listed, or redirect the missing "
        "URL to its replacement."
    ),
    "broken-resources": "Restore the missing files or update the references on the pages listed.",
    "placeholder-links": (
        "Point each link at a real page, or make it a `<button>` if it runs a script."
    ),
    "canonical-targets": (
        "Point each canonical link at the final, indexable URL that names itself as canonical."
    ),
    "sitemap-urls": "List only final, indexable URLs in the sitemap.",
    "orphan-pages": "Link to each page from a related page or a section index.",
    "hreflang": (
        "Each language version lists every version, itself included; every target answers 200."
    ),
    "deep-pages": "Link to deep pages from section indexes or the navigation.",
    "thin-content": "Add content the page's visitors look for, or mark the page noindex.",
    "near-duplicates": "Merge near-duplicate pages, or point their canonical at the one to keep.",
    "mixed-content": (
        "Load every resource over https (or from the same origin with a relative URL)."
    ),
    "redirect-loops": "Make each URL redirect once, straight to a page that answers 200.",
    "redirect-chains": "Redirect the first URL straight to the final one.",
    "links-to-redirects": "Link to the final URL directly.",
    "noindex-pages": "Check that each of these should stay out of search results.",
    "nofollow": "Check that internal links are meant to be nofollow; it wastes the link's value.",
    "duplicate-titles": "Give each indexable page its own title, saying what is on it.",
    "missing-titles": "Give each indexable page its own title, saying what is on it.",
    "duplicate-descriptions": (
        "Give each indexable page its own meta description, saying what is on it."
    ),
    "missing-descriptions": (
        "Give each indexable page its own meta description, saying what is on it."
    ),
    "duplicate-h1": "Give each indexable page its own H1 heading, saying what is on it.",
    "missing-h1": "Give each indexable page its own H1 heading, saying what is on it.",
}


# Small helpers ------------------------------------------------------------------------


def _fold(value: str | None) -> str:
    """A text as compared across pages: whitespace collapsed, case folded."""
    return " ".join((value or "").split()).casefold()


def _failed(record: PageRecord) -> bool:
    return record.error is not None or record.status is None or record.status >= 400


def _outcome(record: PageRecord) -> str:
    if record.error:
        return record.error
    return f"HTTP {record.status}"


def _status_class(record: PageRecord) -> str:
    if record.status is None or record.error:
        return "error"
    return f"{record.status // 100}xx"


def _looped(record: PageRecord) -> bool:
    hops = [url for url, _ in record.redirects]
    if len(set(hops)) < len(hops):
        return True
    return record.final_url is not None and record.final_url in hops


def _indexable(record: PageRecord) -> bool:
    return record.ok and record.is_html and not record.noindex


#: The file a server answers for a directory URL.
_INDEX_FILE = re.compile(r"index\.(html?|php)", re.I)


def _share(part: int, whole: int) -> float | None:
    return None if whole <= 0 else round(part / whole, 4)


class _Site:
    """The records of one crawl, indexed."""

    def __init__(self, pages: Sequence[PageRecord], rules: SiteRules | None, start: str) -> None:
        self.pages = list(pages)
        self.rules = rules
        self.start_url = start
        self.by_url: dict[str, PageRecord] = {}
        for record in self.pages:
            self.by_url.setdefault(record.url, record)
        # Final URLs find a record too, so a link to where a redirect ends is checked.
        for record in self.pages:
            if record.final_url:
                self.by_url.setdefault(record.final_url, record)
        # Subresources the crawl fetched to check them are records too, but not pages.
        linked = {t for r in self.pages for t in r.links}
        used = {t for r in self.pages for t in r.resources} - linked
        listed = {e.url for e in rules.entries} if rules is not None else set()
        self.resources = [
            r for r in self.pages if r.url in used and r.url not in listed and r.source != "start"
        ]
        fetched = {id(r) for r in self.resources}
        # ``/dir/index.html`` answering exactly what ``/dir/`` answers is that page under a
        # second URL: one page (counted once, its links are links to the page), reported
        # with the near-duplicates.
        self.aliases = self._aliases([r for r in self.pages if id(r) not in fetched])
        for alias, page in self.aliases:
            self.by_url[alias.url] = page
            fetched.add(id(alias))
        self.crawled = [r for r in self.pages if id(r) not in fetched]
        self.html = [r for r in self.crawled if r.ok and r.is_html]
        # Indexable: not noindex, and not canonicalised to another URL (a page that names
        # another as canonical asks not to be indexed itself).
        self.indexable = [
            r
            for r in self.html
            if not r.noindex and (not r.canonical or r.canonical in self.names(r))
        ]
        self.inlinks: dict[str, list[str]] = defaultdict(list)
        folded = {alias.url: page.url for alias, page in self.aliases}
        for record in self.pages:
            source = folded.get(record.url, record.url)
            for target in record.links:
                target = folded.get(target, target)
                if target != source:
                    self.inlinks[target].append(source)
        # Click depth is measured on the links the crawl recorded, not taken from the order
        # the crawl found pages in: a page first found in a sitemap, or linked only from
        # such a page, has no click path from the start page.
        self.depth = self._click_depths()
        self.clicked = [r for r in self.html if id(r) in self.depth]

    def record(self, url: str) -> PageRecord | None:
        return self.by_url.get(url)

    @staticmethod
    def _aliases(pages: list[PageRecord]) -> list[tuple[PageRecord, PageRecord]]:
        """(``…/index.html`` record, ``…/`` record) pairs whose responses are the same page:
        both HTML that answered 200, same size, same title and same text fingerprint."""
        by_url = {r.url: r for r in pages}
        found: list[tuple[PageRecord, PageRecord]] = []
        for record in pages:
            head, slash, last = record.url.partition("?")[0].rpartition("/")
            if not slash or "?" in record.url or not _INDEX_FILE.fullmatch(last):
                continue
            page = by_url.get(head + "/")
            if (
                page is not None
                and page.ok
                and record.ok
                and page.is_html
                and record.is_html
                and page.bytes == record.bytes
                and page.title == record.title
                and page.simhash is not None
                and page.simhash == record.simhash
            ):
                found.append((record, page))
        return found

    def _click_depths(self) -> dict[int, int]:
        """Clicks from the start page to each crawled record (by ``id``), breadth-first over
        the recorded links (a link to a URL that redirects reaches where it ends); pages
        asking not to be followed (meta nofollow) lead nowhere, as for the crawl."""
        starts = [r for r in self.crawled if r.source == "start"]
        first = self.record(self.start_url)
        if first is not None and first not in starts:
            starts.append(first)
        depth = {id(r): 0 for r in starts}
        queue = deque(starts)
        while queue:
            record = queue.popleft()
            if record.nofollow:
                continue
            for target in record.links:
                found = self.record(target)
                if found is not None and id(found) not in depth:
                    depth[id(found)] = depth[id(record)] + 1
                    queue.append(found)
        return depth

    def names(self, record: PageRecord) -> set[str]:
        return {record.url, record.final_url} - {None}  # type: ignore[return-value]


def _finding(
    finding_id: str,
    title: str,
    severity: str,
    items: list[dict[str, Any]],
    checked: int,
    *,
    count: int | None = None,
    applicable: bool = True,
    note: str | None = None,
    unchecked: int = 0,
) -> dict[str, Any]:
    return {
        "id": finding_id,
        "title": title,
        "severity": severity,
        "category": FINDING_CATEGORY.get(finding_id),
        "applicable": applicable,
        "count": (len(items) if count is None else count) if applicable else None,
        # Every item here; ``_examples`` keeps the first ``EXAMPLES`` in the report.
        "pages": items,
        "total_pages_checked": checked,
        "unchecked": unchecked,
        "note": note,
        "how_to_fix": FIXES.get(finding_id),
    }


# Links, resources, redirects --------------------------------------------------------


def _broken_links(site: _Site) -> dict[str, Any]:
    broken: list[dict[str, Any]] = []
    checked = unchecked = 0
    for target, sources in site.inlinks.items():
        record = site.record(target)
        if record is None:
            unchecked += 1
            continue
        checked += 1
        if _failed(record):
            broken.append(
                {
                    "url": target,
                    "status": record.status,
                    "error": record.error,
                    "linked_from": sorted(set(sources)),
                    "links": len(set(sources)),
                }
            )
    broken.sort(key=lambda item: (-item["links"], item["url"]))
    note = (
        f"{unchecked} linked URLs were not fetched (crawl limits): not checked"
        if unchecked
        else None
    )
    return _finding(
        "broken-internal-links",
        "Internal links to pages that fail (4xx, 5xx or no response)",
        "high",
        broken,
        checked,
        note=note,
        unchecked=unchecked,
    )


def _broken_resources(site: _Site) -> dict[str, Any]:
    users: dict[str, list[str]] = defaultdict(list)
    for record in site.pages:
        for resource in record.resources:
            users[resource].append(record.url)
    fetched = {url: site.record(url) for url in users}
    checked = [url for url, record in fetched.items() if record is not None]
    elsewhere = sorted({url for r in site.html for url in r.external_resources})
    hosts = sorted({urlsplit(url).hostname or "" for url in elsewhere} - {""})
    other_hosts = (
        f"{len(elsewhere)} resources on other hosts ({', '.join(hosts[:3])}"
        f"{', …' if len(hosts) > 3 else ''}) were not checked"
        if elsewhere
        else None
    )
    if not checked:
        note = (
            "The crawl fetched none of the site's subresources: cannot tell"
            if users
            else "No same-site subresources were recorded"
        )
        return _finding(
            "broken-resources",
            "Images, scripts and stylesheets that fail to load",
            "high",
            [],
            0,
            applicable=False,
            note=f"{note}; {other_hosts}" if other_hosts else note,
            unchecked=len(users) + len(elsewhere),
        )
    broken: list[dict[str, Any]] = [
        {
            "url": url,
            "status": found.status,
            "error": found.error,
            "linked_from": sorted(set(users[url])),
            "links": len(set(users[url])),
        }
        for url in checked
        if (found := fetched[url]) is not None and _failed(found)
    ]
    broken.sort(key=lambda item: (-item["links"], item["url"]))
    return _finding(
        "broken-resources",
        "Images, scripts and stylesheets that fail to load",
        "high",
        broken,
        len(checked),
        note=other_hosts,
        unchecked=len(users) - len(checked) + len(elsewhere),
    )


def _placeholder_links(site: _Site) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"url": r.url, "placeholder_links": r.placeholder_links}
        for r in site.html
        if r.placeholder_links > 0
    ]
    items.sort(key=lambda item: (-item["placeholder_links"], item["url"]))
    return _finding(
        "placeholder-links",
        'Links that lead nowhere (href="#", javascript:, empty)',
        "low",
        items,
        len(site.html),
    )


def _hops(record: PageRecord) -> list[dict[str, Any]]:
    return [{"url": url, "status": status} for url, status in record.redirects]


def _redirects(site: _Site) -> list[dict[str, Any]]:
    loops = [
        {"url": r.url, "hops": _hops(r), "final_url": r.final_url, "error": r.error}
        for r in site.crawled
        if r.redirects and _looped(r)
    ]
    chains = [
        {"url": r.url, "hops": _hops(r), "final_url": r.final_url, "status": r.status}
        for r in site.crawled
        if len(r.redirects) >= 2 and not _looped(r)
    ]
    redirected = 0
    linked: list[dict[str, Any]] = []
    for target, sources in site.inlinks.items():
        record = site.record(target)
        if record is None or record.url != target:
            continue
        if record.redirects:
            redirected += 1
            linked.append(
                {
                    "url": target,
                    "final_url": record.final_url,
                    "hops": len(record.redirects),
                    "linked_from": sorted(set(sources)),
                    "links": len(set(sources)),
                }
            )
    linked.sort(key=lambda item: (-item["links"], item["url"]))
    with_redirects = sum(1 for r in site.crawled if r.redirects)
    return [
        _finding(
            "redirect-loops",
            "Redirect loops",
            "high",
            loops,
            with_redirects,
        ),
        _finding(
            "redirect-chains",
            "Redirect chains (2 or more hops)",
            "medium",
            chains,
            with_redirects,
        ),
        _finding(
            "links-to-redirects",
            "Internal links that point to redirects",
            "low",
            linked,
            sum(1 for t in site.inlinks if site.record(t) is not None),
        ),
    ]


# Canonicals and sitemaps --------------------------------------------------------------


def _target_problem(site: _Site, url: str) -> str | bool | None:
    """What is wrong with a URL a page or sitemap points to: a text, None (fine) or False
    (not fetched: cannot tell)."""
    record = site.record(url)
    if record is None:
        return False
    if _failed(record):
        return f"fails ({_outcome(record)})"
    if record.url == url and record.redirects:
        return f"redirects to {record.final_url}"
    if record.noindex:
        return "is noindex"
    return None


def _canonicals(site: _Site) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    checked = unchecked = 0
    for record in site.html:
        canonical = record.canonical
        if not canonical or canonical in site.names(record):
            continue
        problem = _target_problem(site, canonical)
        if problem is False:
            unchecked += 1
            continue
        checked += 1
        if problem is None:
            target = site.record(canonical)
            further = target.canonical if target is not None else None
            if target is not None and further and further not in site.names(target):
                problem = f"points on to {further} (its own canonical)"
        if problem:
            items.append({"url": record.url, "canonical": canonical, "problem": problem})
    return _finding(
        "canonical-targets",
        "Canonical URLs that redirect, fail, are noindex or point elsewhere",
        "high",
        items,
        checked,
        note=f"{unchecked} canonical targets were not fetched: not checked" if unchecked else None,
        unchecked=unchecked,
    )


def _no_sitemap(site: _Site) -> str | None:
    if site.rules is None:
        return "The site's rules (robots.txt, sitemaps) were not read: cannot tell"
    if not site.rules.entries:
        return "No sitemap lists any URL: not applicable"
    return None


def _sitemap_urls(site: _Site) -> dict[str, Any]:
    missing = _no_sitemap(site)
    if missing is not None or site.rules is None:
        return _finding(
            "sitemap-urls",
            "Sitemap URLs that redirect, fail or are noindex",
            "medium",
            [],
            0,
            applicable=False,
            note=missing,
        )
    items: list[dict[str, Any]] = []
    checked = unchecked = 0
    for entry in site.rules.entries:
        problem = _target_problem(site, entry.url)
        if problem is False:
            unchecked += 1
            continue
        checked += 1
        if problem:
            items.append({"url": entry.url, "sitemap": entry.sitemap, "problem": problem})
    return _finding(
        "sitemap-urls",
        "Sitemap URLs that redirect, fail or are noindex",
        "medium",
        items,
        checked,
        note=f"{unchecked} sitemap URLs were not fetched: not checked" if unchecked else None,
        unchecked=unchecked,
    )


def _orphans(site: _Site) -> dict[str, Any]:
    missing = _no_sitemap(site)
    if missing is not None or site.rules is None:
        return _finding(
            "orphan-pages",
            "Orphan pages (in the sitemap, linked from no crawled page)",
            "medium",
            [],
            0,
            applicable=False,
            note=missing,
        )
    linked = set(site.inlinks)
    for record in site.pages:
        # A link to a URL that redirects to the page links to the page.
        if record.url in linked and record.final_url:
            linked.add(record.final_url)
    starts = {site.start_url} | {r.final_url for r in site.pages if r.source == "start"}
    for alias, page in site.aliases:
        if page.url in linked or page.url in starts:
            linked.add(alias.url)
    items = [
        {"url": entry.url, "sitemap": entry.sitemap}
        for entry in site.rules.entries
        if entry.url not in linked and entry.url not in starts
    ]
    crawled_all = all(site.record(t) is not None for t in site.inlinks)
    note = (
        None
        if crawled_all
        else "The crawl stopped before every linked page was fetched: an unfetched page may "
        "link to some of these"
    )
    return _finding(
        "orphan-pages",
        "Orphan pages (in the sitemap, linked from no crawled page)",
        "medium",
        items,
        len(site.rules.entries),
        note=note,
    )


# Titles, descriptions, headings -------------------------------------------------------


def _duplicates(
    site: _Site, finding_id: str, label: str, value_of: Any, severity: str
) -> list[dict[str, Any]]:
    groups: dict[str, list[PageRecord]] = defaultdict(list)
    missing: list[dict[str, Any]] = []
    for record in site.indexable:
        value = value_of(record)
        if not _fold(value):
            missing.append({"url": record.url})
        else:
            groups[_fold(value)].append(record)
    shared = sorted(
        (members for members in groups.values() if len(members) > 1),
        key=lambda members: (-len(members), _fold(value_of(members[0]))),
    )
    items: list[dict[str, Any]] = [
        {
            "value": " ".join((value_of(members[0]) or "").split()),
            "pages": [member.url for member in members],
            "count": len(members),
        }
        for members in shared
    ]
    checked = len(site.indexable)
    return [
        _finding(
            f"duplicate-{finding_id}",
            f"Pages sharing the same {label}",
            severity,
            items,
            checked,
            count=sum(item["count"] for item in items),
        ),
        _finding(
            f"missing-{finding_id}",
            f"Pages without a {label}",
            severity,
            missing,
            checked,
        ),
    ]


def _first_h1(record: PageRecord) -> str | None:
    return record.h1[0] if record.h1 else None


# hreflang -----------------------------------------------------------------------------


def _hreflang(site: _Site) -> dict[str, Any]:
    annotated = [r for r in site.html if r.hreflang]
    if not annotated:
        return _finding(
            "hreflang",
            "hreflang annotations without return links or self-reference",
            "medium",
            [],
            0,
            applicable=False,
            note="No page has hreflang annotations: not applicable",
        )
    items: list[dict[str, Any]] = []
    unchecked = 0
    for record in annotated:
        own = site.names(record)
        targets = {url for _, url in record.hreflang}
        problems: list[str] = []
        if not own & targets:
            problems.append("no self-reference")
        for language, target in record.hreflang:
            if target in own:
                continue
            other = site.record(target)
            if other is None:
                unchecked += 1
            elif _failed(other):
                problems.append(f"{language}: {target} fails ({_outcome(other)})")
            elif not own & {url for _, url in other.hreflang}:
                problems.append(f"{language}: {target} does not link back")
        if problems:
            items.append({"url": record.url, "problems": problems})
    return _finding(
        "hreflang",
        "hreflang annotations without return links or self-reference",
        "medium",
        items,
        len(annotated),
        note=f"{unchecked} hreflang targets were not fetched: not checked" if unchecked else None,
        unchecked=unchecked,
    )


# Depth, content, near-duplicates ------------------------------------------------------


def _deep_pages(site: _Site) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"url": r.url, "depth": site.depth[id(r)]}
        for r in site.clicked
        if site.depth[id(r)] > DEEP_CLICKS
    ]
    items.sort(key=lambda item: (-item["depth"], item["url"]))
    return _finding(
        "deep-pages",
        f"Pages more than {DEEP_CLICKS} clicks from the start page",
        "low",
        items,
        len(site.clicked),
        note="Pages that no chain of links from the start page reaches (found through a sitemap) "
        "have no click depth and are left out"
        if len(site.clicked) < len(site.html)
        else None,
    )


def _thin(site: _Site) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {"url": r.url, "words": r.words} for r in site.indexable if r.words < THIN_WORDS
    ]
    items.sort(key=lambda item: (item["words"], item["url"]))
    return _finding(
        "thin-content",
        f"Indexable pages with fewer than {THIN_WORDS} words of main text",
        "low",
        items,
        len(site.indexable),
    )


def near_duplicate_groups(hashes: Sequence[tuple[str, int]]) -> list[list[str]]:
    """Groups of URLs whose 64-bit SimHashes differ in at most ``NEAR_DUPLICATE_BITS`` bits.

    Two hashes within 3 bits agree on at least one of four 16-bit bands (pigeonhole), so
    only hashes sharing a band are compared; identical hashes are compared once."""
    by_hash: dict[int, list[str]] = defaultdict(list)
    for url, value in hashes:
        by_hash[value & 0xFFFFFFFFFFFFFFFF].append(url)
    distinct = list(by_hash)
    parent = list(range(len(distinct)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    bands = NEAR_DUPLICATE_BITS + 1
    width = 64 // bands
    mask = (1 << width) - 1
    for band in range(bands):
        buckets: dict[int, list[int]] = defaultdict(list)
        for index, value in enumerate(distinct):
            buckets[(value >> (band * width)) & mask].append(index)
        for members in buckets.values():
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    if (distinct[first] ^ distinct[second]).bit_count() <= NEAR_DUPLICATE_BITS:
                        a, b = root(first), root(second)
                        if a != b:
                            parent[b] = a
    groups: dict[int, list[str]] = defaultdict(list)
    for index, value in enumerate(distinct):
        groups[root(index)].extend(by_hash[value])
    found = [sorted(urls) for urls in groups.values() if len(urls) > 1]
    return sorted(found, key=lambda urls: (-len(urls), urls[0]))


def _near_duplicates(site: _Site) -> dict[str, Any]:
    # A page answering under two URLs is the nearest of duplicates: its second URL is listed
    # in its group, but it is one page, checked and counted once.
    indexable = {id(r) for r in site.indexable}
    aliases = [(alias, page) for alias, page in site.aliases if id(page) in indexable]
    page_of = {alias.url: page.url for alias, page in aliases}
    pages = [r for r in site.indexable if r.simhash is not None]
    if not pages:
        return _finding(
            "near-duplicates",
            "Near-duplicate pages (main text within 3 of 64 SimHash bits)",
            "medium",
            [],
            0,
            applicable=False,
            note="No page has a text fingerprint: cannot tell",
        )
    hashes = [(r.url, r.simhash) for r in pages if r.simhash is not None]
    hashes += [(a.url, page.simhash) for a, page in aliases if page.simhash is not None]
    groups = near_duplicate_groups(hashes)
    items = [{"pages": urls, "count": len(urls)} for urls in groups]
    return _finding(
        "near-duplicates",
        "Near-duplicate pages (main text within 3 of 64 SimHash bits)",
        "medium",
        items,
        len(pages),
        count=sum(len({page_of.get(url, url) for url in urls}) for urls in groups),
    )


def _robots_use(site: _Site) -> list[dict[str, Any]]:
    noindex = [{"url": r.url} for r in site.crawled if r.noindex and not _failed(r)]
    nofollow = [
        {"url": r.url, "meta_nofollow": r.nofollow, "nofollow_links": len(r.nofollow_links)}
        for r in site.crawled
        if (r.nofollow or r.nofollow_links) and not _failed(r)
    ]
    return [
        _finding(
            "noindex-pages",
            "Pages kept out of search results (noindex)",
            "info",
            noindex,
            len(site.crawled) - sum(1 for r in site.crawled if _failed(r)),
        ),
        _finding(
            "nofollow",
            "Pages whose links search engines are asked not to follow (nofollow)",
            "info",
            nofollow,
            len(site.crawled) - sum(1 for r in site.crawled if _failed(r)),
        ),
    ]


def _mixed_content(site: _Site) -> dict[str, Any]:
    https = [r for r in site.html if (r.final_url or r.url).startswith("https:")]
    items = [
        {"url": r.url, "resources": list(r.mixed_content[:SOURCES]), "count": len(r.mixed_content)}
        for r in https
        if r.mixed_content
    ]
    return _finding(
        "mixed-content",
        "HTTPS pages loading http: resources (mixed content)",
        "high",
        items,
        len(https),
        applicable=bool(https),
        note=None if https else "No page was served over HTTPS: not applicable",
    )


# Figures ------------------------------------------------------------------------------


def _discovered(site: _Site) -> int:
    urls: set[str] = {r.url for r in site.crawled}
    urls.update(site.inlinks)
    if site.rules is not None:
        urls.update(entry.url for entry in site.rules.entries)
    return len(urls)


def _figures(site: _Site) -> dict[str, Any]:
    templates = Counter(r.template for r in site.html)
    inlinks = {url: len(set(sources)) for url, sources in site.inlinks.items()}
    page_inlinks = [inlinks.get(r.url, 0) for r in site.html]
    depth = Counter(site.depth[id(r)] for r in site.clicked)
    links = sum(len(r.links) for r in site.crawled)
    return {
        "pages_crawled": len(site.crawled),
        "resources_fetched": len(site.resources),
        "pages_discovered": _discovered(site),
        "pages_failed": sum(1 for r in site.crawled if _failed(r)),
        "html_pages": len(site.html),
        "indexable_pages": len(site.indexable),
        "by_status": dict(sorted(Counter(_status_class(r) for r in site.crawled).items())),
        "templates": [
            {"template": name, "pages": count}
            for name, count in sorted(templates.items(), key=lambda item: (-item[1], item[0]))
        ],
        "internal_links": links,
        "average_inlinks": round(sum(page_inlinks) / len(page_inlinks), 2)
        if page_inlinks
        else None,
        "pages_with_one_inlink": sum(1 for count in page_inlinks if count == 1),
        "depth": {str(level): depth[level] for level in sorted(depth)},
        "max_depth": max(depth) if depth else None,
        "pages_without_click_path": len(site.html) - len(site.clicked),
        "words_total": sum(r.words for r in site.html),
        "words_median": round(statistics.median(r.words for r in site.html), 1)
        if site.html
        else None,
        "sitemap_urls": len(site.rules.entries) if site.rules is not None else None,
        "sitemap_truncated": site.rules.truncated if site.rules is not None else None,
        "sitemaps": [
            {"url": url, "status": status, "error": error}
            for url, status, error in (site.rules.sitemaps if site.rules else ())
        ],
    }


def _structured_data(site: _Site) -> list[dict[str, Any]]:
    by_template: dict[str, list[PageRecord]] = defaultdict(list)
    for record in site.html:
        by_template[record.template].append(record)
    rows: list[dict[str, Any]] = []
    for template, members in sorted(by_template.items(), key=lambda item: (-len(item[1]), item[0])):
        types = Counter(kind for record in members for kind in set(record.structured_types))
        rows.append(
            {
                "template": template,
                "pages": len(members),
                "types": [
                    {"type": kind, "pages": count, "share": _share(count, len(members))}
                    for kind, count in sorted(types.items(), key=lambda item: (-item[1], item[0]))
                ],
            }
        )
    return rows


# Topics -------------------------------------------------------------------------------


def _singular(vocabulary: set[str]) -> Callable[[str], str]:
    """Folds a plural onto its singular when the site uses both (``columns`` → ``column``)."""

    def fold(term: str) -> str:
        if term.endswith("s") and not term.endswith("ss") and term[:-1] in vocabulary:
            return term[:-1]
        return term

    return fold


def _boilerplate(counts: list[int], pages: int) -> bool:
    """A term on most pages, the same number of times on nearly all of them: a block every
    page repeats ("Source", "Arguments", a byline), not what the pages are about."""
    if pages < BOILERPLATE_MIN_PAGES or len(counts) < BOILERPLATE_SHARE * pages:
        return False
    _, usual = Counter(counts).most_common(1)[0]
    return usual >= BOILERPLATE_SAME * len(counts)


def _topics(site: _Site) -> list[dict[str, Any]]:
    """The site's main topics from its indexable pages' keywords (``PageRecord.keywords``).

    Each page gives each of its keywords its count relative to the page's top keyword (1 for
    the top one), so a page weighs the same whatever its length, and a term on many pages
    outweighs one repeated on a single page (which gives 1 at most); a keyword also in the
    page's H1 (what the page says it is about) gets ``HEADLINE_BONUS`` more. A plural counts
    with its singular. Boilerplate (``_boilerplate``) is left out."""
    pages = [record for record in site.indexable if record.keywords]
    if not pages:
        return []
    fold = _singular({term for record in pages for term, _ in record.keywords})
    weight: dict[str, float] = defaultdict(float)
    counts: dict[str, list[int]] = defaultdict(list)
    for record in pages:
        own: Counter[str] = Counter()
        for term, count in record.keywords:
            own[fold(term)] += count
        top = max(own.values())
        headline = {fold(term) for term in keyword_counts(_first_h1(record) or "")}
        for term, count in own.items():
            weight[term] += count / top + (HEADLINE_BONUS if term in headline else 0.0)
            counts[term].append(count)
    ranked = sorted(
        (term for term in weight if not _boilerplate(counts[term], len(pages))),
        key=lambda term: (-weight[term], -len(counts[term]), term),
    )
    return [
        {"term": term, "pages": len(counts[term]), "weight": round(weight[term], 2)}
        for term in ranked[:TOPICS]
    ]


# Scores -------------------------------------------------------------------------------


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return sum(found) / len(found) if found else None


def _deduction(finding: dict[str, Any]) -> float:
    count, checked = finding["count"], finding["total_pages_checked"]
    if not finding["applicable"] or not count or finding["severity"] not in FINDING_POINTS:
        return 0.0
    share = min(1.0, count / checked) if checked else 1.0
    return FINDING_POINTS[finding["severity"]] * (0.25 + 0.75 * share)


def _scores(site: _Site, findings: list[dict[str, Any]]) -> dict[str, Any]:
    by_category: dict[str, dict[str, list[tuple[str, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for record in site.html:
        for category, score in record.scores.items():
            if isinstance(score, int | float) and not isinstance(score, bool):
                by_category[category][record.template].append((record.url, float(score)))
    scores: dict[str, Any] = {}
    for category, templates in by_category.items():
        means = {
            template: _mean(score for _, score in members)
            for template, members in templates.items()
        }
        pages_mean = _mean(means[t] for t in means if means[t] is not None)  # type: ignore[misc]
        if pages_mean is None:
            continue
        deductions = [
            {"finding": f["id"], "points": round(_deduction(f), 2)}
            for f in findings
            if f.get("category") == category and _deduction(f) > 0
        ]
        deducted = sum(item["points"] for item in deductions)
        every = sorted(
            (item for members in templates.values() for item in members),
            key=lambda item: (item[1], item[0]),
        )
        scores[category] = {
            "score": round(max(0.0, pages_mean - deducted), 1),
            "pages_score": round(pages_mean, 1),
            "pages": sum(len(members) for members in templates.values()),
            "templates": [
                {"template": t, "pages": len(templates[t]), "score": round(means[t] or 0.0, 1)}
                for t in sorted(templates, key=lambda t: (means[t] or 0.0, t))
            ],
            "deductions": deductions,
            "lowest_pages": [{"url": url, "score": score} for url, score in every[:5]],
        }
    return scores


# The report ---------------------------------------------------------------------------


def _examples(finding: dict[str, Any]) -> dict[str, Any]:
    """The finding as reported: its first ``EXAMPLES`` items, each naming at most
    ``EXAMPLES`` pages of a group and ``SOURCES`` pages linking to it."""
    items = [
        {
            **item,
            **({"pages": item["pages"][:EXAMPLES]} if isinstance(item.get("pages"), list) else {}),
            **(
                {"linked_from": item["linked_from"][:SOURCES]}
                if isinstance(item.get("linked_from"), list)
                else {}
            ),
        }
        for item in finding["pages"][:EXAMPLES]
    ]
    return {**finding, "pages": items}


def _page_findings(findings: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Per URL, the findings it is evidence for: the URL an item is about, the pages of a
    group (duplicates), the pages linking to a broken or redirected target or loading a
    broken resource. Every item counts, not only the reported examples."""
    found: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        if not finding["applicable"] or not finding["count"]:
            continue
        for item in finding["pages"]:
            urls = [item.get("url"), *item.get("pages", ()), *item.get("linked_from", ())]
            for url in dict.fromkeys(u for u in urls if isinstance(u, str)):
                if finding["id"] not in found[url]:
                    found[url].append(finding["id"])
    return dict(found)


def site_report(
    pages: Sequence[PageRecord], rules: SiteRules | None, start_url: str
) -> dict[str, Any]:
    """The site's findings (each with the pages behind it), headline figures (pages, templates,
    link graph, click depth), main topics and per-category site scores; and per URL the
    findings it is evidence for (``page_findings``: for the pages table, not the
    comparison). JSON-ready."""
    site = _Site(pages, rules, start_url)
    findings = [
        _broken_links(site),
        _broken_resources(site),
        _placeholder_links(site),
        *_redirects(site),
        _canonicals(site),
        _sitemap_urls(site),
        *_duplicates(site, "titles", "title", lambda r: r.title, "medium"),
        *_duplicates(site, "descriptions", "meta description", lambda r: r.description, "low"),
        *_duplicates(site, "h1", "H1 heading", _first_h1, "low"),
        _hreflang(site),
        _orphans(site),
        _deep_pages(site),
        _thin(site),
        _near_duplicates(site),
        *_robots_use(site),
        _mixed_content(site),
    ]
    return {
        "version": SITE_REPORT_VERSION,
        "start_url": start_url,
        "figures": _figures(site),
        "findings": [_examples(finding) for finding in findings],
        "page_findings": _page_findings(findings),
        "structured_data": _structured_data(site),
        "topics": _topics(site),
        "scores": _scores(site, findings),
        "scores_rule": (
            "Per category: the mean of the pages' scores within each template, then the mean "
            "of the templates; each SEO or content finding then deducts up to "
            "critical 15, high 10, medium 5, low 2 points: a quarter for one occurrence, "
            "all for every checked page."
        ),
    }
