"""What detection looks at: the page's signals, gathered from the artifacts.

``PageSignals`` is plain data so any tier can fill it: the static engine builds it from
the HTTP exchange, the HTML and the fetched subresources (``page_signals``); the browser
tier adds what only a running page has through ``BrowserSignals`` (JS globals, live DOM
properties, the URLs of the requests the page made, the rendered DOM).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from aura.audit.artifacts import (
    Document,
    HttpExchange,
    RobotsTxt,
    Stylesheets,
    Subresources,
    memo,
)


@dataclass(frozen=True)
class Script:
    """One script's text and where it came from (its URL; empty for an inline script)."""

    origin: str
    text: str


@dataclass(frozen=True, eq=False)
class PageSignals:
    url: str
    html: str = ""
    #: Lower-cased header name → values (repeated headers keep every value).
    headers: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: Lower-cased cookie name → value.
    cookies: Mapping[str, str] = field(default_factory=dict)
    #: Lower-cased ``<meta name|property>`` → contents.
    meta: Mapping[str, Sequence[str]] = field(default_factory=dict)
    text: str = ""
    scripts: Sequence[Script] = ()
    script_srcs: Sequence[str] = ()
    #: Script URLs that inline loader snippets insert (analytics, tag managers, widgets):
    #: a browser would load them; statically they are only quoted in the inline code.
    loaded_srcs: Sequence[str] = ()
    css: str = ""
    robots: str = ""
    cert_issuer: str = ""
    #: Upper-cased record type (``MX``, ``TXT``, ``NS``, ``SOA``, ``CNAME``) → values.
    dns: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: A parsed tree of ``html``; parsed on demand when not given.
    tree: LexborHTMLParser | None = None

    @memo
    def dom(self) -> LexborHTMLParser:
        return self.tree if self.tree is not None else LexborHTMLParser(self.html)

    @memo
    def html_lower(self) -> str:
        return self.html.lower()


@dataclass(frozen=True)
class BrowserSignals:
    """What a browser saw, for the fingerprints' ``js``, ``dom`` properties and ``xhr``.

    ``js`` maps a property chain from ``FingerprintSet.js_chains`` to its value in the
    page (leave out chains that are undefined); ``dom_properties`` maps a (selector,
    property) pair from ``FingerprintSet.dom_properties`` to the property's value on the
    first element that has it; ``requests`` are the URLs the page requested.
    """

    js: Mapping[str, object] = field(default_factory=dict)
    dom_properties: Mapping[tuple[str, str], object] = field(default_factory=dict)
    requests: Sequence[str] = ()


def page_signals(
    exchange: HttpExchange,
    document: Document,
    subresources: Subresources | None = None,
    stylesheets: Stylesheets | None = None,
    robots: RobotsTxt | None = None,
    dns: Mapping[str, Sequence[str]] | None = None,
) -> PageSignals:
    """The signals of a page as the static engine sees it."""
    headers: dict[str, list[str]] = {}
    for name, value in exchange.headers.items:
        headers.setdefault(name.lower(), []).append(value)
    scripts = [Script("", node.text(deep=True)) for node in document.css("script:not([src])")]
    scripts = [script for script in scripts if script.text.strip()]
    loaded = loader_urls(script.text for script in scripts)
    srcs = [
        document.resolve(src)
        for node in document.css("script[src]")
        if (src := (node.attributes.get("src") or "").strip())
    ]
    if subresources is not None:
        for item in subresources.of_kind("script"):
            if item.ok and item.body:
                scripts.append(Script(item.url, item.text))
            if item.url not in srcs:
                srcs.append(item.url)
    return PageSignals(
        url=exchange.final_url,
        html=document.html,
        headers=headers,
        cookies=parse_cookies(headers.get("set-cookie", [])),
        meta=meta_of(document),
        text=document.visible_text,
        scripts=tuple(scripts),
        script_srcs=tuple(srcs),
        loaded_srcs=tuple(url for url in loaded if url not in srcs),
        css=stylesheets.text if stylesheets is not None else _inline_css(document),
        robots=robots.text if robots is not None and robots.found else "",
        cert_issuer=(exchange.tls.certificate_issuer or "") if exchange.tls else "",
        dns=dict(dns or {}),
        tree=document.tree,
    )


_QUOTED_SCRIPT_URL = re.compile(
    r"""["']((?:https?:)?(?://|\.)[^"'\s<>()]{3,300}?\.js(?:\?[^"'\s<>()]{0,200})?)["']"""
)
#: Loader URLs kept per page at most.
MAX_LOADER_URLS = 100


def loader_urls(inline_scripts: Iterable[str]) -> list[str]:
    """Quoted script URLs in inline code (``'//www.google-analytics.com/analytics.js'``)."""
    found: dict[str, None] = {}
    for text in inline_scripts:
        for match in _QUOTED_SCRIPT_URL.finditer(text):
            found.setdefault(match.group(1), None)
            if len(found) >= MAX_LOADER_URLS:
                return list(found)
    return list(found)


def parse_cookies(set_cookie_headers: Sequence[str]) -> dict[str, str]:
    cookies: dict[str, str] = {}
    for header in set_cookie_headers:
        pair = header.split(";", 1)[0]
        name, separator, value = pair.partition("=")
        if separator and name.strip():
            cookies[name.strip().lower()] = value.strip()
    return cookies


def meta_of(document: Document) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node in document.css("meta[name], meta[property]"):
        key = node.attributes.get("name") or node.attributes.get("property") or ""
        if key.strip():
            content = node.attributes.get("content") or ""
            found.setdefault(key.strip().lower(), []).append(content)
    return found


def _inline_css(document: Document) -> str:
    return "\n".join(node.text(deep=True) for node in document.css("style"))
