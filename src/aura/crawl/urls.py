"""URL normalisation and the crawl's scope. (Skeleton: the crawl-engine branch completes it; the
crawl-jobs branch gave it a minimal scope.)"""

from __future__ import annotations

from fnmatch import fnmatch
from urllib.parse import urldefrag, urljoin, urlsplit

from aura.crawl.records import CrawlOptions


def normalise(url: str, base: str | None = None) -> str | None:
    """The canonical form of ``url`` (resolved against ``base``) under which a crawl queues it
    and de-duplicates it, or None when it is not an http(s) URL worth fetching."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    absolute = urldefrag(absolute).url
    if urlsplit(absolute).scheme not in ("http", "https"):
        return None
    return absolute


class Scope:
    """Which URLs belong to the crawl of the site that starts at ``start_url``."""

    def __init__(self, start_url: str, options: CrawlOptions) -> None:
        self.start_url = start_url
        self.options = options
        self._host = (urlsplit(start_url).hostname or "").lower().removeprefix("www.")
        self._scheme = urlsplit(start_url).scheme

    def refusal(self, url: str) -> str | None:
        """None when ``url`` is in scope, else the reason it is not (for the pages table)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        if host != self._host and not (self.options.subdomains and host.endswith("." + self._host)):
            return "another site"
        if (parts.port, parts.scheme) != (urlsplit(self.start_url).port, self._scheme):
            return "another site"
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if self.options.include and not any(fnmatch(target, p) for p in self.options.include):
            return "not included"
        if any(fnmatch(target, p) for p in self.options.exclude):
            return "excluded"
        return None
