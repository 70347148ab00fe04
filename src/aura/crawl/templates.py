"""Route templates: ``/blog/2024/hello-world`` → ``/blog/:year/:slug``. (Skeleton: the
crawl-engine branch completes it.)"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit


def template_of(url: str) -> str:
    """The template of one URL, decided from the URL alone (a crawl decides which pages to
    render as they arrive)."""
    return urlsplit(url).path or "/"


def group_templates(urls: Iterable[str]) -> dict[str, str]:
    """The template of each URL decided from all of them (siblings that vary in one path
    segment share a template); for reporting once the crawl is done."""
    return {url: template_of(url) for url in urls}
