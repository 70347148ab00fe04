"""URL normalisation and the crawl's scope.

**Normalisation** (``normalise``) gives every URL of a crawl one spelling, so that a page
linked as ``HTTP://Example.com:80/a?b=2&a=1#top`` and as ``http://example.com/a?a=1&b=2``
is queued and fetched once. It resolves the URL against the page it was found on, keeps
http(s) only, lower-cases the scheme and host (IDNA for non-ASCII hosts), drops the default
port, user name and password, and the fragment, removes the tracking parameters of
``TRACKING_PARAMETERS``, sorts the remaining query parameters (by name, then value),
normalises percent-encoding (unreserved characters decoded, the rest upper-case ``%XX``,
non-ASCII encoded as UTF-8), resolves ``.``/``..`` segments, and writes an empty path as
``/``. The percent-encoding and sorting are ``w3lib.url.canonicalize_url`` (Scrapy's),
which also writes a parameter without a value as ``name=``.

**Trailing slashes are kept**: ``/a`` and ``/a/`` are different URLs over HTTP and a server
may answer them differently. When one redirects to the other, or names the other as its
canonical, the crawl sees it through the redirect chain and the canonical of the record,
not here. Case in the path is kept too (paths are case-sensitive on most servers).

**Scope** (``Scope``) decides which normalised URLs belong to the crawl of one site: see
``Scope.refusal``.
"""

from __future__ import annotations

import fnmatch
import functools
import ipaddress
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList
from w3lib.url import canonicalize_url

from aura.crawl.records import CrawlOptions

#: Query parameters that say where a visitor came from, never which page it is: removed.
#: Every ``utm_*`` parameter (Google Analytics campaigns) and these click ids and mailing
#: list markers. ``ref`` is kept on purpose: it names a branch, a referral code or a
#: version on too many sites to be dropped safely.
TRACKING_PARAMETERS = frozenset(
    {
        "gclid",  # Google Ads
        "gclsrc",
        "dclid",  # Google Display
        "gbraid",
        "wbraid",
        "_ga",  # Google Analytics cross-domain linker
        "_gl",
        "fbclid",  # Facebook
        "msclkid",  # Microsoft Ads
        "mc_cid",  # Mailchimp
        "mc_eid",
        "yclid",  # Yandex
        "igshid",  # Instagram
        "twclid",  # X / Twitter
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "_hsenc",  # HubSpot
        "_hsmi",
        "mkt_tok",  # Marketo
    }
)
TRACKING_PREFIXES = ("utm_",)

_DEFAULT_PORTS = {"http": 80, "https": 443}

#: File extensions of resources, not pages: such URLs are recorded where they are linked but
#: never crawled as pages (a crawl that downloaded every PDF and video would spend its byte
#: budget on them).
RESOURCE_EXTENSIONS = frozenset(
    {
        *("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "csv"),
        *("epub", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "dmg", "exe", "msi"),
        *("apk", "deb", "rpm", "iso", "bin", "jar", "whl"),
        *("jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff"),
        *("heic", "mp3", "wav", "ogg", "flac", "aac", "m4a", "mp4", "m4v", "mov", "avi"),
        *("webm", "mkv", "wmv", "flv", "css", "js", "mjs", "map", "json", "xml", "rss"),
        *("atom", "txt", "woff", "woff2", "ttf", "otf", "eot", "wasm"),
    }
)

#: A path segment repeated more often than this (``/a/b/a/b/a/b/a/b``) is a link trap: a
#: relative link that resolves one level deeper on every page.
MAX_SEGMENT_REPEATS = 3
#: Path segments in one URL at most; deeper paths are traps or generated spaces.
MAX_SEGMENTS = 16
#: Longer URLs are refused (browsers and servers start failing around 2,000 characters).
MAX_URL_LENGTH = 2048
#: Distinct query strings admitted for one path: ``/calendar?month=…`` or ``/list?page=…``
#: without end are cut after this many (sorting, filters and pagination of real sites stay
#: well under it).
MAX_QUERY_VARIANTS = 50


def normalise(url: str, base: str | None = None) -> str | None:
    """The canonical form of ``url`` (resolved against ``base``) under which a crawl queues it
    and de-duplicates it, or None when it is not an http(s) URL worth fetching."""
    text = url.strip()
    try:
        absolute = urljoin(base, text) if base else text
        parts = urlsplit(absolute)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        port = parts.port
    except ValueError:  # an invalid IPv6 address or port
        return None
    host = parts.hostname.rstrip(".")
    if not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    query = _without_tracking(parts.query)
    try:
        return canonicalize_url(urlunsplit((scheme, netloc, parts.path or "/", query, "")))
    except (ValueError, UnicodeError):  # a host that is not valid IDNA
        return None


def _without_tracking(query: str) -> str:
    if not query:
        return query
    kept = []
    for pair in query.split("&"):
        name = unquote_plus(pair.split("=", 1)[0]).strip().lower()
        if name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES):
            continue
        kept.append(pair)
    return "&".join(kept)


@functools.cache
def _suffixes() -> PublicSuffixList:
    # The list bundled with the package (no network); loading it takes ~60 ms, once.
    return PublicSuffixList()


def registrable_domain(host: str) -> str:
    """``shop.example.co.uk`` → ``example.co.uk`` (the public-suffix list); an IP address,
    ``localhost`` or a bare public suffix is its own site."""
    host = host.lower().strip("[]").rstrip(".")
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return _suffixes().privatesuffix(host) or host


def _site_key(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    port = parts.port
    if port == _DEFAULT_PORTS.get(parts.scheme.lower()):
        port = None
    return host, port


def pattern_target(url: str) -> str:
    """What include/exclude patterns are matched against: the path and the query."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class Scope:
    """Which URLs belong to the crawl of the site that starts at ``start_url``.

    ``refusal`` checks, in order:

    - **the site**: the host equal to the start URL's, ignoring a leading ``www.`` and the
      scheme (``http://`` and ``https://`` of one host are one site), with the same port;
      other hosts of the start host's registrable domain (``blog.example.com`` for
      ``example.com``, by the public-suffix list) only with ``options.subdomains``;
    - **traps**: URLs over ``MAX_URL_LENGTH`` characters or ``MAX_SEGMENTS`` path segments,
      a segment repeated more than ``MAX_SEGMENT_REPEATS`` times, and more than
      ``MAX_QUERY_VARIANTS`` distinct query strings of one path (click depth is bounded by
      the crawl with ``options.max_depth``);
    - **resources**: a last path segment ending in one of ``RESOURCE_EXTENSIONS``;
    - **patterns**: ``options.include`` (at least one must match when any is given) and
      ``options.exclude`` (none may match), each a glob on the path and query
      (``pattern_target``) with ``fnmatch`` semantics, case-sensitive: ``*`` matches any
      run of characters *including* ``/`` (``/blog/*`` takes ``/blog/2024/post`` too),
      ``?`` one character, ``[…]`` a set. The start URL itself is never refused by a
      pattern (the crawl has to start somewhere).

    A Scope counts the query variants it admitted per path, so it is stateful: one Scope per
    crawl, and a worker that rebuilds one tells it the URLs already admitted (``admitted``).
    """

    def __init__(self, start_url: str, options: CrawlOptions) -> None:
        self.start_url = normalise(start_url) or start_url
        self.options = options
        self._host, self._port = _site_key(self.start_url)
        self._domain = registrable_domain(self._host) if options.subdomains else ""
        self._variants: defaultdict[str, set[str]] = defaultdict(set)

    def admitted(self, urls: Iterable[str]) -> None:
        """Count ``urls`` (normalised, already in the crawl) as admitted."""
        for url in urls:
            parts = urlsplit(url)
            if parts.query:
                self._variants[parts.path].add(parts.query)

    def refusal(self, url: str) -> str | None:
        """None when ``url`` is in scope, else the reason it is not (for the pages table)."""
        normalised = normalise(url)
        if normalised is None:
            return "not an http(s) URL"
        reason = self._site_refusal(normalised) or self._shape_refusal(normalised)
        if reason is not None:
            return reason
        if normalised != self.start_url:
            reason = self._pattern_refusal(normalised)
            if reason is not None:
                return reason
        parts = urlsplit(normalised)
        if parts.query:
            seen = self._variants[parts.path]
            if parts.query not in seen:
                if len(seen) >= MAX_QUERY_VARIANTS:
                    return (
                        f"more than {MAX_QUERY_VARIANTS} query variants of {parts.path[:200]} "
                        "(an endless space of URLs)"
                    )
                seen.add(parts.query)
        return None

    def _site_refusal(self, url: str) -> str | None:
        host, port = _site_key(url)
        if port != self._port:
            return "another site (another port)"
        if host == self._host:
            return None
        if self.options.subdomains and registrable_domain(host) == self._domain:
            return None
        if registrable_domain(host) == registrable_domain(self._host):
            return "another subdomain (subdomains are not crawled)"
        return "another site"

    def _shape_refusal(self, url: str) -> str | None:
        if len(url) > MAX_URL_LENGTH:
            return f"a URL longer than {MAX_URL_LENGTH} characters"
        path = urlsplit(url).path
        segments = [segment for segment in path.split("/") if segment]
        if len(segments) > MAX_SEGMENTS:
            return f"a path of more than {MAX_SEGMENTS} segments"
        counts: dict[str, int] = {}
        for segment in segments:
            counts[segment] = counts.get(segment, 0) + 1
            if counts[segment] > MAX_SEGMENT_REPEATS:
                return (
                    f"the path segment {segment[:50]!r} repeats more than "
                    f"{MAX_SEGMENT_REPEATS} times (a link trap)"
                )
        last = segments[-1] if segments and not path.endswith("/") else ""
        extension = last.rsplit(".", 1)[1].lower() if "." in last else ""
        if extension in RESOURCE_EXTENSIONS:
            return f"a resource (.{extension}), not a page"
        return None

    def _pattern_refusal(self, url: str) -> str | None:
        target = pattern_target(url)
        include, exclude = self.options.include, self.options.exclude
        if include and not any(fnmatch.fnmatchcase(target, pattern) for pattern in include):
            return "matches no include pattern"
        for pattern in exclude:
            if fnmatch.fnmatchcase(target, pattern):
                return f"matches the exclude pattern {pattern[:100]}"
        return None
