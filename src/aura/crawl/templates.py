"""Route templates: ``/blog/2024/hello-world`` → ``/blog/:year/:slug``.

A template names the pages built from one route of the site, so a crawl can render a few
pages of each (as Unlighthouse samples its route groups) and the site audits can count per
template.

``template_of`` decides from the URL alone, segment by segment of the path (the query is
ignored, a trailing slash dropped):

- a number (``42``) → ``:id``, except a year (1900 to 2099) → ``:year``, and a month
  (1 to 12) or day (1 to 31) right after a year or month → ``:month`` / ``:day``;
- an ISO date (``2024-05-01``) → ``:date``;
- a UUID, or a hash (eight or more hexadecimal characters with digits and letters) →
  ``:id``; a slug ending in a long number (``blue-shoe-12345``) → ``:id`` too;
- the last segment of a path of two or more segments → ``:slug``, whatever it looks like
  (``/reference/across.html``, ``/docs/install``, ``/blog/hello-world``): as Unlighthouse
  names a route it has no definition for, the page is one of its section's pages;
- a directory's index file (``index.html``, ``.htm``, ``.php``, ``.asp(x)``) is kept as it
  is, and the directory before it is then the last segment (``/posts/hi/index.html`` →
  ``/posts/:slug/index.html``; ``/reference/index.html`` stays itself).

Top-level pages (``/about``, ``/pricing.html``) are never grouped: each is a page of its own;
``/`` stays ``/``.

The template is a function of the URL alone, never of the other URLs the crawl has seen: pages
crawled in any order, by any number of workers, get the same templates, so the render samples
a crawl draws per template as it goes (``CrawlRepository.claim``) are drawn from the very
groups the site report counts at its end. Grouping by siblings (a last segment made ``:slug``
only when its parent has three children or more) is not done: it cannot be decided before
the crawl ends, and by then the samples are rendered.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_NUMBER = re.compile(r"\d+")
_DATE = re.compile(r"(19|20)\d\d-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])")
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
_HASH = re.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}", re.I)
_ID_SUFFIX = re.compile(r".+[-_]\d{4,}(\.\w+)?")
_INDEX = re.compile(r"index\.(html?|php|aspx?)", re.I)


def _segments(url: str) -> list[str]:
    path = urlsplit(url).path
    return [unquote(segment) for segment in path.split("/") if segment]


def _shape(segments: list[str]) -> list[str]:
    # The page's own segment: the last one, or the directory before its index file.
    own = len(segments) - 1
    if segments and _INDEX.fullmatch(segments[-1]):
        own -= 1
    shaped: list[str] = []
    for index, segment in enumerate(segments):
        previous = shaped[-1] if shaped else ""
        if _NUMBER.fullmatch(segment):
            value = int(segment)
            if len(segment) == 4 and 1900 <= value <= 2099:
                shaped.append(":year")
            elif previous == ":year" and 1 <= value <= 12 and len(segment) <= 2:
                shaped.append(":month")
            elif previous == ":month" and 1 <= value <= 31 and len(segment) <= 2:
                shaped.append(":day")
            else:
                shaped.append(":id")
        elif _DATE.fullmatch(segment):
            shaped.append(":date")
        elif _is_id(segment):
            shaped.append(":id")
        elif index == own and index > 0:
            shaped.append(":slug")
        else:
            shaped.append(segment)
    return shaped


def _is_id(segment: str) -> bool:
    if _UUID.fullmatch(segment) or _HASH.fullmatch(segment):
        return True
    return bool(_ID_SUFFIX.fullmatch(segment)) and not _INDEX.fullmatch(segment)


def _join(shaped: list[str]) -> str:
    return "/" + "/".join(shaped)


def template_of(url: str) -> str:
    """The template of one URL, decided from the URL alone (the same whichever pages the
    crawl has seen)."""
    return _join(_shape(_segments(url)))
