"""One page of a crawl: fetch it and keep its record.

The page is fetched with the crawl's ``Fetcher`` (the network guard and its limits; it
follows redirects and the chain is kept). A response that is not a page Aura reads (an
error status, another type of content: ``aura.audit.html.page_problem``) gets a record with
its status and type and is not parsed. An HTML page is parsed once, off the event loop, after
the same refusal of hostile shapes as an analysis (``aura.audit.html.parse_refusal``); then,
in the same thread, its facts are read (title, description, H1s, canonical, robots
directives, hreflang, links, resources, words and SimHash, structured data) and the
document-only audits run (``DOCUMENT_AUDITS``).

URLs in the record (redirect hops, the final URL, links, canonical, alternates, resources)
are normalised (``aura.crawl.urls.normalise``), so they compare with the crawl's queue.

**Links**: ``links`` holds every ``<a href>`` target on the page's own site (the final URL's
host, ``www.`` ignored, same port; with ``subdomains`` every host of its registrable
domain), normalised (``aura.crawl.urls.normalise``), in document order, once each; the
crawl decides which are in its scope. Links to other sites are counted in
``external_links``. ``href`` values that lead nowhere (empty, ``#``, ``#!``,
``javascript:``) are ``placeholder_links``; in-page anchors (``#features``), ``mailto:``,
``tel:`` and the like are neither.

**SimHash**: 64 bits over the blake2b hashes of the 3-word shingles of the main text
(``aura.audit.text.main_text``, lower-cased; the first ``SIMHASH_MAX_WORDS``), so pages
sharing most of their text have hashes a few bits apart (``hamming``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from aura.audit import cpu, scoring
from aura.audit.artifacts import Artifacts, Document, HttpExchange, exclusive
from aura.audit.base import Audit
from aura.audit.fetch import Fetcher, FetchError
from aura.audit.fetch.client import FetchedResponse
from aura.audit.html import page_problem, parse_refusal
from aura.audit.runner import audit_entry, page_artifacts, run_audits, select_audits
from aura.audit.structured import extract as extract_structured
from aura.audit.text import keyword_counts, main_text, without_placeholder, words
from aura.crawl.records import PageRecord
from aura.crawl.templates import template_of
from aura.crawl.urls import normalise, registrable_domain

logger = logging.getLogger(__name__)

#: Page text kept at most per field (titles, descriptions, headings are page text).
MAX_TEXT = 300
MAX_HEADINGS = 20
#: Links, resources and alternates kept per page at most.
MAX_LINKS = 2000
#: Subresources on other hosts kept per page at most (they are named, not checked).
MAX_EXTERNAL_RESOURCES = 100

#: The least part of a category's audit weight the page's audits must carry for the page to
#: get a score in it: the document-only audits carry 27 % of design's (logo and viewport)
#: and 35 % of performance's (no transfer sizes, caching, compression or timings), too
#: little to stand for the category; SEO, accessibility, security and content keep theirs
#: (78 to 100 %).
MIN_COVERAGE = 0.5

#: Words per shingle of the SimHash, and words hashed at most (1.8 µs a word, measured: a
#: 10,000-word page costs 18 ms; a page of a million words must not cost seconds).
SHINGLE_WORDS = 3
SIMHASH_MAX_WORDS = 20_000
#: Keywords kept per page for the site's topics (``_keywords``).
KEYWORDS = 12


def _document_audits() -> tuple[type[Audit], ...]:
    """The audits that need nothing but the page's response and its HTML."""
    return tuple(
        audit for audit in select_audits(None) if set(audit.requires) <= {HttpExchange, Document}
    )


#: The audits every crawled page gets (they fetch nothing: the page is all they read). All 65
#: of them cost 8 ms of CPU a page (median; p95 15 ms) on the 246 shared pages
#: (bench/crawl_page.py, 2026-12), so none is left out.
DOCUMENT_AUDITS: tuple[type[Audit], ...] = _document_audits()


async def crawl_page(
    url: str,
    depth: int,
    fetcher: Fetcher,
    *,
    source: str = "link",
    found_on: str | None = None,
    subdomains: bool = False,
    audits: tuple[type[Audit], ...] | None = None,
) -> PageRecord:
    """Fetch ``url`` (redirects followed and recorded) and return its record: the facts the
    site audits need, the page's same-site links, and the scores of the document-only audits.
    A page that cannot be fetched is a record with ``error`` set, never an exception.

    ``subdomains``: links to other hosts of the site's registrable domain are site links.
    ``audits``: the audits to run (``DOCUMENT_AUDITS`` when None; ``()`` runs none)."""
    record = PageRecord(
        url=url, depth=depth, source=source, found_on=found_on, template=template_of(url)
    )
    try:
        response = await fetcher.fetch(url)
    except FetchError as error:
        return replace(record, error=str(error))
    record = replace(
        record,
        final_url=normalise(response.final_url) or response.final_url,
        status=response.status_code,
        redirects=tuple(
            (normalise(hop.url) or hop.url, hop.status_code) for hop in response.redirects
        ),
        content_type=response.content_type or None,
        bytes=len(response.body),
    )
    if page_problem(response.status_code, response.content_type) is not None:
        # Not read as a page; a PDF may still say noindex in its headers.
        noindex, nofollow = _verdict(_header_directives(response.header_values("x-robots-tag")))
        return replace(record, noindex=noindex, nofollow=nofollow)
    chosen = DOCUMENT_AUDITS if audits is None else audits
    return await cpu.to_thread(_read_page, record, response, subdomains, chosen)


def _read_page(
    record: PageRecord,
    response: FetchedResponse,
    subdomains: bool,
    audits: tuple[type[Audit], ...],
) -> PageRecord:
    exchange, document = page_artifacts(record.url, response)
    refusal = parse_refusal(document.html)
    if refusal is not None:
        return replace(record, error=f"the page {refusal}; such a page is not read")
    cpu.checkpoint()
    try:
        facts = exclusive(document, _facts, document, exchange, subdomains)
    except Exception as error:  # a page Aura cannot read is one record, not a failed crawl
        logger.exception("reading the crawled page %s failed", record.url)
        return replace(record, error=f"the page could not be read ({type(error).__name__})")
    cpu.checkpoint()
    scores, failing = _audit(audits, exchange, document)
    return replace(record, **facts, scores=scores, failing=failing)


@dataclass
class _Links:
    links: dict[str, None] = field(default_factory=dict)
    nofollow: dict[str, None] = field(default_factory=dict)
    external: int = 0
    placeholders: int = 0


def _facts(document: Document, exchange: HttpExchange, subdomains: bool) -> dict[str, Any]:
    page_url = document.url
    same_site = _SameSite(page_url, subdomains)
    title_node = document.first("title")
    title = _clean(title_node.text(deep=True)) if title_node is not None else None
    description = document.meta("description")
    headings = [_clean(node.text(deep=True)) for node in document.css("h1")]
    noindex, nofollow = _robots(document, exchange)
    links = _links(document, same_site)
    resources, mixed, elsewhere = _resources(document, same_site, page_url)
    text = main_text(document)
    page_words = [word.lower() for word in words(text)]
    return {
        "title": title or None,
        "description": description[: MAX_TEXT * 2] if description else None,
        "h1": tuple(h for h in headings[:MAX_HEADINGS]),
        "canonical": _canonical(document, exchange),
        "noindex": noindex,
        "nofollow": nofollow,
        "hreflang": _hreflang(document),
        "links": tuple(links.links),
        "nofollow_links": tuple(links.nofollow),
        "external_links": links.external,
        "placeholder_links": links.placeholders,
        "resources": resources,
        "mixed_content": mixed,
        "external_resources": elsewhere,
        "words": len(page_words),
        "simhash": simhash(page_words),
        "keywords": _keywords(document, text),
        "structured_types": tuple(t[:100] for t in extract_structured(document).types[:50]),
    }


def _keywords(document: Document, text: str) -> tuple[tuple[str, int], ...]:
    """The page's most frequent meaningful words, as the keywords audit counts them (main
    text, "lorem ipsum" filler left out) less the words of preformatted blocks: a code
    sample's output (``<int> <chr>``) is not what the page is about."""
    counts = keyword_counts(without_placeholder(text)[0])
    for block in document.css("pre"):
        counts.subtract(keyword_counts(block.text(deep=True)))
    ranked = sorted(
        ((term, count) for term, count in counts.items() if count > 0),
        key=lambda item: (-item[1], item[0]),
    )
    return tuple(ranked[:KEYWORDS])


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())[:MAX_TEXT]


class _SameSite:
    def __init__(self, page_url: str, subdomains: bool) -> None:
        parts = urlsplit(page_url)
        self.host = (parts.hostname or "").lower().removeprefix("www.")
        self.port = parts.port
        self.subdomains = subdomains
        self.domain = registrable_domain(self.host) if subdomains else ""

    def __call__(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        if parts.port != self.port:
            return False
        if host == self.host:
            return True
        return self.subdomains and registrable_domain(host) == self.domain


def _links(document: Document, same_site: _SameSite) -> _Links:
    found = _Links()
    for node in document.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if href in _PLACEHOLDERS or href[:11].lower() == "javascript:":
            found.placeholders += 1
            continue
        if href.startswith("#"):
            continue  # a place on this page, not another page
        target = normalise(document.resolve(href))
        if target is None:
            continue  # mailto:, tel:, …
        if not same_site(target):
            found.external += 1
            continue
        if len(found.links) < MAX_LINKS:
            found.links[target] = None
            rel = (node.attributes.get("rel") or "").lower().split()
            if "nofollow" in rel:
                found.nofollow[target] = None
    return found


#: ``href`` values that go nowhere (``#!`` is the usual stand-in of templates).
_PLACEHOLDERS = frozenset({"", "#", "#!"})


#: ``<link rel>`` values whose target a browser loads for the page: stylesheets, icons (a
#: missing favicon is a 404 on every page view) and the web app manifest.
_LOADED_LINKS = frozenset({"stylesheet", "icon", "apple-touch-icon", "manifest"})


def _resources(
    document: Document, same_site: _SameSite, page_url: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The page's same-site subresources, its ``http:`` ones on an ``https:`` page, and
    those on other hosts (CDNs, fonts: not the site's to check)."""
    sources: list[str] = []
    for node in document.css("img[src], script[src], source[src]"):
        sources.append(node.attributes.get("src") or "")
    for node in document.css("img[srcset], source[srcset]"):
        srcset = node.attributes.get("srcset") or ""
        sources.extend(item.strip().split(" ", 1)[0] for item in srcset.split(","))
    for node in document.css("link[href]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        if _LOADED_LINKS.intersection(rel):
            sources.append(node.attributes.get("href") or "")
    https_page = page_url.startswith("https:")
    resources: dict[str, None] = {}
    mixed: dict[str, None] = {}
    elsewhere: dict[str, None] = {}
    for source in sources:
        source = source.strip()
        if not source or source.startswith("data:"):
            continue
        target = normalise(document.resolve(source))
        if target is None:
            continue
        if https_page and target.startswith("http:") and len(mixed) < MAX_LINKS:
            mixed[target] = None
        if same_site(target):
            if len(resources) < MAX_LINKS:
                resources[target] = None
        elif len(elsewhere) < MAX_EXTERNAL_RESOURCES:
            elsewhere[target] = None
    return tuple(resources), tuple(mixed), tuple(elsewhere)


_LINK_CANONICAL = re.compile(r"<([^>]*)>\s*;[^,]*\brel\s*=\s*\"?canonical\b", re.I)


def _canonical(document: Document, exchange: HttpExchange) -> str | None:
    """The page's canonical URL: ``<link rel=canonical>``, else the ``Link`` header."""
    for node in document.css("link[rel][href]"):
        if "canonical" in (node.attributes.get("rel") or "").lower().split():
            href = (node.attributes.get("href") or "").strip()
            return normalise(document.resolve(href)) if href else None
    header = exchange.headers.get("link")
    match = _LINK_CANONICAL.search(header or "")
    return normalise(match.group(1), document.url) if match else None


def _robots(document: Document, exchange: HttpExchange) -> tuple[bool, bool]:
    """noindex and nofollow from ``<meta name=robots|aura>`` and ``X-Robots-Tag``."""
    directives = _header_directives(exchange.headers.get_all("x-robots-tag"))
    for node in document.css("meta[name][content]"):
        if (node.attributes.get("name") or "").strip().lower() in ("robots", "aura"):
            directives.update(_directives(node.attributes.get("content") or ""))
    return _verdict(directives)


def _header_directives(values: list[str]) -> set[str]:
    """The ``X-Robots-Tag`` directives for Aura (a value prefixed with another crawler's
    name, ``googlebot: noindex``, is not Aura's)."""
    directives: set[str] = set()
    for value in values:
        agent, _, rest = value.partition(":")
        if rest and " " not in agent.strip() and agent.strip().lower() not in _HEADER_RULES:
            if agent.strip().lower() not in ("aura", "*"):
                continue
            value = rest
        directives.update(_directives(value))
    return directives


def _verdict(directives: set[str]) -> tuple[bool, bool]:
    """(noindex, nofollow); ``none`` is both."""
    none = "none" in directives
    return none or "noindex" in directives, none or "nofollow" in directives


#: X-Robots-Tag rules that carry a value after a colon (not a crawler's name).
_HEADER_RULES = frozenset({"unavailable_after", "max-snippet", "max-image-preview"})


def _directives(value: str) -> set[str]:
    return {part.strip().lower() for part in value.split(",") if part.strip()}


def _hreflang(document: Document) -> tuple[tuple[str, str], ...]:
    found: dict[tuple[str, str], None] = {}
    for node in document.css("link[hreflang][href]"):
        if "alternate" not in (node.attributes.get("rel") or "").lower().split():
            continue
        language = (node.attributes.get("hreflang") or "").strip()[:35]
        target = normalise(document.resolve(node.attributes.get("href") or ""))
        if language and target is not None and len(found) < MAX_LINKS:
            found[(language, target)] = None
    return tuple(found)


def simhash(tokens: list[str]) -> int | None:
    """The 64-bit SimHash of ``tokens``' shingles (None when there are no words)."""
    if not tokens:
        return None
    tokens = tokens[:SIMHASH_MAX_WORDS]
    if len(tokens) < SHINGLE_WORDS:
        shingles = [" ".join(tokens)]
    else:
        shingles = [
            " ".join(tokens[index : index + SHINGLE_WORDS])
            for index in range(len(tokens) - SHINGLE_WORDS + 1)
        ]
    unique = set(shingles)
    # Each hash as 64 characters of 0 and 1; column i of the rows counts the hashes with
    # bit i set (str.count runs in C: no Python loop over 64 bits per shingle).
    rows = "".join(
        format(int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest()), "064b")
        for s in unique
    )
    half = len(unique) / 2
    value = 0
    for bit in range(64):
        if rows[bit::64].count("1") > half:
            value |= 1 << (63 - bit)
    return value


def _coverage(weights: Mapping[str, float], ran: list[str]) -> float:
    """The part of a category's audit weight the audits that ran carry."""
    total = sum(weights.values())
    return sum(weights.get(audit_id, 0.0) for audit_id in ran) / total if total else 0.0


def hamming(first: int, second: int) -> int:
    """Bits in which two SimHashes differ (near-duplicates: a few of 64)."""
    return (first ^ second).bit_count()


def _audit(
    audits: tuple[type[Audit], ...], exchange: HttpExchange, document: Document
) -> tuple[dict[str, float | None], tuple[str, ...]]:
    if not audits:
        return {}, ()
    outcomes = run_audits(audits, Artifacts([exchange, document]), {})
    by_id = {outcome.audit.id: outcome for outcome in outcomes}
    scores: dict[str, float | None] = {}
    for name, spec in scoring.CATEGORIES.items():
        ids = scoring.audit_ids_of(name, by_id)
        if not ids or spec.informative or _coverage(spec.weights, ids) < MIN_COVERAGE:
            continue
        entries = [audit_entry(by_id[i], spec.weights.get(i, 0.0)) for i in ids]
        score = scoring.category_score(entries)
        scores[name] = None if score is None else float(score)
    failing = tuple(
        outcome.audit.id
        for outcome in outcomes
        if outcome.error is None
        and not outcome.audit.informative
        and outcome.result.score is not None
        and outcome.result.score < 0.9
    )
    return scores, failing
