"""Artifacts: the typed facts that gatherers collect and audits read.

An audit declares the artifact types it needs; the runner hands it an ``Artifacts`` holding
only those, so an audit cannot quietly depend on something it did not declare.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, ParamSpec, TypeVar, cast, overload
from urllib.parse import urljoin, urlsplit

from protego import Protego
from selectolax.lexbor import LexborHTMLParser, LexborNode

from aura.audit.css import CssFacts, hiding_selectors
from aura.audit.css import scan as scan_css
from aura.audit.fetch.client import RedirectHop, Timings, TlsFacts

T = TypeVar("T")


class memo(Generic[T]):
    """A property computed on first use and kept in the instance, like ``cached_property``
    but without its lock.

    Python 3.11's ``cached_property`` holds one lock per property, for every instance,
    while it computes. With ``Document.lock`` that deadlocked a worker: one thread computed
    ``base_url`` (holding that property's lock) and waited for the tree's lock, which a
    thread in ``exclusive`` held while it asked for ``base_url``. Here the value is computed
    without any lock; if two threads compute it at once, both get the first one stored.
    """

    def __init__(self, function: Callable[[Any], T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> memo[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | memo[T]:
        if instance is None:
            return self
        stored = instance.__dict__
        if self.name in stored:
            return cast(T, stored[self.name])
        return cast(T, stored.setdefault(self.name, self.function(instance)))


@dataclass(frozen=True)
class Headers:
    """Response headers in arrival order; names compare case-insensitively."""

    items: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]] | Mapping[str, str]) -> Headers:
        if isinstance(pairs, Mapping):
            return cls(tuple(pairs.items()))
        return cls(tuple(pairs))

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return ", ".join(values) if values else None

    def get_all(self, name: str) -> list[str]:
        lowered = name.lower()
        return [value for key, value in self.items if key.lower() == lowered]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.get_all(name))


@dataclass(frozen=True)
class HttpExchange:
    """The page's HTTP exchange: redirect chain, final status, headers, timings, TLS."""

    requested_url: str
    final_url: str
    status_code: int
    http_version: str
    headers: Headers
    redirects: tuple[RedirectHop, ...] = ()
    timings: Timings = field(default_factory=Timings)
    body_bytes: int = 0
    transfer_bytes: int | None = None
    remote_address: str | None = None
    tls: TlsFacts | None = None

    @property
    def is_https(self) -> bool:
        return urlsplit(self.final_url).scheme == "https"

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";", 1)[0].strip().lower()


@dataclass(frozen=True, eq=False)
class Document:
    """The decoded HTML and its parsed DOM."""

    url: str
    html: str
    charset: str = "utf-8"
    #: selectolax keeps one CSS selector engine per parsed tree, and two threads matching
    #: selectors on one tree at once crash the process (seen: a segfault when the content
    #: snapshot and the pricing reader ran side by side). Whoever uses the tree off the
    #: event loop holds this lock (``exclusive``); ``css`` and ``first`` take it too.
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @memo
    def tree(self) -> LexborHTMLParser:
        """The parsed page as a visitor's browser builds it: scripting is on, so the content
        of ``<noscript>`` is never rendered (a tracking pixel or tag-manager frame in it is
        not an image or a frame of the page) and is left out of the tree."""
        tree = LexborHTMLParser(self.html)
        tree.strip_tags(["noscript"])
        return tree

    @memo
    def base_url(self) -> str:
        base = self.first("base[href]")
        href = (base.attributes.get("href") or "").strip() if base is not None else ""
        return urljoin(self.url, href) if href else self.url

    def resolve(self, href: str) -> str:
        return urljoin(self.base_url, href.strip())

    def css(self, selector: str) -> list[LexborNode]:
        """The elements matching ``selector``, in document order.

        Many audits ask for the same elements (``img``, ``a[href]``, …): each selector is
        matched once per document, and every caller gets a list of its own.
        """
        found = self._matches.get(selector)
        if found is None:
            with self.lock:
                found = self._matches[selector] = tuple(self.tree.css(selector))
        return list(found)

    @memo
    def _matches(self) -> dict[str, tuple[LexborNode, ...]]:
        return {}

    def first(self, selector: str) -> LexborNode | None:
        with self.lock:
            return self.tree.css_first(selector)

    def meta(self, name: str) -> str | None:
        """The content of ``<meta name=…>`` (or ``property=…``), case-insensitive name."""
        return self._meta_contents.get(name.lower())

    @memo
    def _meta_contents(self) -> dict[str, str]:
        """The first ``<meta>`` content of each (lower-cased) name or property."""
        contents: dict[str, str] = {}
        for node in self.css("meta[name], meta[property]"):
            key = node.attributes.get("name") or node.attributes.get("property") or ""
            contents.setdefault(key.strip().lower(), (node.attributes.get("content") or "").strip())
        return contents

    @memo
    def ids(self) -> dict[str, LexborNode]:
        """The first element carrying each id."""
        found: dict[str, LexborNode] = {}
        for node in self.css("[id]"):
            found.setdefault(node.attributes.get("id") or "", node)
        return found

    @memo
    def text_tree(self) -> LexborHTMLParser:
        """A second parse of the page without scripts, styles and templates: its visible text."""
        tree = LexborHTMLParser(self.html)
        tree.strip_tags(["script", "style", "noscript", "template", "svg", "head"])
        return tree

    @memo
    def visible_text(self) -> str:
        body = self.text_tree.body
        return " ".join((body.text(deep=True, separator=" ") if body is not None else "").split())

    @property
    def lang(self) -> str | None:
        root = self.first("html")
        value = root.attributes.get("lang") if root is not None else None
        return value.strip() if value is not None else None


@dataclass(frozen=True)
class RobotsTxt:
    """``/robots.txt``: whether it exists, its text and the parsed rules."""

    url: str
    status_code: int | None
    text: str = ""
    error: str | None = None

    @property
    def found(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @memo
    def parser(self) -> Protego | None:
        return Protego.parse(self.text) if self.found else None

    def allows(self, url: str, user_agent: str = "*") -> bool:
        parser = self.parser
        return True if parser is None else bool(parser.can_fetch(url, user_agent))

    @property
    def sitemaps(self) -> list[str]:
        parser = self.parser
        return [str(url) for url in parser.sitemaps] if parser is not None else []


@dataclass(frozen=True)
class WebManifest:
    """The web app manifest the page declares (``<link rel=manifest>``), as its server
    answers for it; ``url`` is None when the page declares none."""

    url: str | None = None
    status_code: int | None = None
    error: str | None = None

    @property
    def served(self) -> bool:
        return self.url is not None and self.status_code is not None and self.status_code < 400


@dataclass(frozen=True)
class Sitemap:
    """The first sitemap found (declared in robots.txt, else ``/sitemap.xml``)."""

    candidates: tuple[str, ...]
    url: str | None = None
    status_code: int | None = None
    kind: str | None = None  # "urlset", "sitemapindex" or "text"
    entry_count: int = 0
    error: str | None = None
    #: Entries whose ``<loc>`` is not an absolute http(s) URL (``/index.html``), which the
    #: sitemap protocol does not allow and search engines skip; one example kept.
    relative_entries: int = 0
    relative_example: str | None = None

    @property
    def found(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class Subresource:
    """One stylesheet, script, image or font the page refers to, and what fetching it gave."""

    url: str
    kind: str  # "stylesheet" | "script" | "image" | "font" | "other"
    initiator: str = "html"  # "html" or the URL of the stylesheet that referenced it
    status_code: int | None = None
    content_type: str = ""
    headers: Headers = field(default_factory=Headers)
    size: int = 0  # decoded body bytes
    transfer_bytes: int | None = None
    http_version: str | None = None
    error: str | None = None
    #: Kept for stylesheets and scripts, for images up to ``IMAGE_BODY_BYTES`` (re-encoded
    #: by the image-encodings gatherer) and the header of larger ones.
    body: bytes = b""
    elapsed_ms: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status_code is not None and self.status_code < 400

    @property
    def wire_bytes(self) -> int:
        """Bytes on the wire when known (compressed), else the decoded size."""
        return self.transfer_bytes if self.transfer_bytes is not None else self.size

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Subresources:
    """The page's subresources, as far as the limits let them be fetched."""

    items: tuple[Subresource, ...] = ()
    #: URLs found but not fetched, with the reason (count or byte budget, time budget).
    skipped: tuple[tuple[str, str], ...] = ()

    def of_kind(self, kind: str) -> list[Subresource]:
        return [item for item in self.items if item.kind == kind]

    def by_url(self) -> dict[str, Subresource]:
        return {item.url: item for item in self.items}


#: The formats whose images are judged on their size re-encoded as JPEG (Lighthouse's
#: "efficiently encode images"); other images are only re-encoded to WebP.
JPEG_JUDGED_FORMATS = frozenset({"jpeg", "bmp"})


@dataclass(frozen=True)
class ImageEncoding:
    """One image as served, and its size re-encoded as Lighthouse re-encodes it: WebP at
    quality 85 and, for ``JPEG_JUDGED_FORMATS``, JPEG at quality 92 (None when it was not
    measured, ``reason`` says why)."""

    url: str
    format: str
    bytes: int
    webp_bytes: int | None = None
    jpeg_bytes: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ImageEncodings:
    """The page's largest JPEG, PNG and BMP images, re-encoded within a time budget."""

    items: tuple[ImageEncoding, ...] = ()


@dataclass(frozen=True)
class HttpRedirection:
    """What ``http://host/`` does: the Observatory's redirection test needs it."""

    start_url: str
    chain: tuple[str, ...] = ()  # every URL visited, start first
    final_url: str | None = None
    status_code: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class Stylesheets:
    """All CSS the page uses: linked stylesheets that were fetched, ``<style>`` and inline."""

    sheets: tuple[tuple[str, str], ...] = ()  # (source: URL or "inline", text)

    @property
    def text(self) -> str:
        return "\n".join(text for _source, text in self.sheets)

    @memo
    def facts(self) -> CssFacts:
        """The scanned CSS (scanned once, shared by every audit that reads it)."""
        return scan_css(self.text)

    @memo
    def hiding_selectors(self) -> tuple[str, ...]:
        """Selectors of the rules that always hide what they match (``a.anchor``)."""
        return tuple(hiding_selectors(self.text))


class MissingArtifactError(LookupError):
    """An audit asked for an artifact it did not declare or that could not be gathered."""


class Artifacts:
    """A typed bag of artifacts: ``artifacts.get(Document)``."""

    def __init__(self, items: Iterable[object] = ()) -> None:
        self._items: dict[type[Any], object] = {type(item): item for item in items}

    def get(self, kind: type[T]) -> T:
        try:
            return cast(T, self._items[kind])
        except KeyError:
            raise MissingArtifactError(kind.__name__) from None

    def find(self, kind: type[T]) -> T | None:
        return cast(T | None, self._items.get(kind))

    def __contains__(self, kind: object) -> bool:
        return kind in self._items

    def only(self, kinds: Iterable[type[Any]]) -> Artifacts:
        return Artifacts(self._items[kind] for kind in kinds if kind in self._items)

    def add(self, item: object) -> None:
        self._items[type(item)] = item


P = ParamSpec("P")
R = TypeVar("R")


def exclusive(document: Document, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``function(*args, **kwargs)`` holding ``document``'s tree lock (see ``Document.lock``)."""
    with document.lock:
        return function(*args, **kwargs)
