"""Route templates: ``/blog/2024/hello-world`` → ``/blog/:year/:slug``.

A template names the pages built from one route of the site, so a crawl can render a few
pages of each (as Unlighthouse groups routes) and the site audits can count per template.

``template_of`` decides from one URL (the crawl decides which pages to render as they
arrive), segment by segment of the path (the query is ignored, a trailing slash dropped):

- a number (``42``) → ``:id``, except a year (1900 to 2099) → ``:year``, and a month
  (1 to 12) or day (1 to 31) right after a year or month → ``:month`` / ``:day``;
- an ISO date (``2024-05-01``) → ``:date``;
- a UUID, or a hash (eight or more hexadecimal characters with digits and letters) →
  ``:id``; a slug ending in a long number (``blue-shoe-12345``) → ``:id`` too;
- a last segment that reads as a slug (two or more words joined by ``-`` or ``_``, with
  or without an extension: ``hello-world``) under a first segment, or any last segment
  after a date → ``:slug``.

``group_templates`` sees all the URLs and also makes ``:slug`` of a last segment when its
parent has at least ``MIN_SIBLINGS`` children that differ only there (``/docs/install``,
``/docs/usage``, ``/docs/api`` → ``/docs/:slug``). Top-level pages (``/about``,
``/pricing``) are never grouped: each is a page of its own. ``/`` stays ``/``; an
``index.html`` (or ``.htm``, ``.php``) segment is kept as it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

#: Children of one parent, differing only in the last segment, that make it a ``:slug``.
MIN_SIBLINGS = 3

_NUMBER = re.compile(r"\d+")
_DATE = re.compile(r"(19|20)\d\d-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])")
_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
_HASH = re.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}", re.I)
_ID_SUFFIX = re.compile(r".+[-_]\d{4,}(\.\w+)?")
_SLUG = re.compile(r"[^\W_]+(?:[-_][^\W_]+)+(\.\w{2,5})?")
_INDEX = re.compile(r"index\.(html?|php|aspx?)", re.I)


#: A last segment after these is a post's slug, whatever it looks like (``/2024/05/hi``).
_DATED = frozenset({":year", ":month", ":day", ":date"})


def _segments(url: str) -> list[str]:
    path = urlsplit(url).path
    return [unquote(segment) for segment in path.split("/") if segment]


def _shape(segments: list[str]) -> list[str]:
    shaped: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
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
        elif last and index > 0 and (_SLUG.fullmatch(segment) or previous in _DATED):
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
    """The template of one URL, decided from the URL alone (a crawl decides which pages to
    render as they arrive)."""
    return _join(_shape(_segments(url)))


def group_templates(urls: Iterable[str]) -> dict[str, str]:
    """The template of each URL decided from all of them (siblings that vary in one path
    segment share a template); for reporting once the crawl is done."""
    shaped = {url: _shape(_segments(url)) for url in urls}
    # Every proper prefix of a path is a section; a child that is a section keeps its name.
    sections = {tuple(parts[:end]) for parts in shaped.values() for end in range(1, len(parts))}
    leaves: defaultdict[tuple[str, ...], set[str]] = defaultdict(set)
    for parts in shaped.values():
        if _groupable(parts) and tuple(parts) not in sections:
            leaves[tuple(parts[:-1])].add(parts[-1])
    grouped: dict[str, str] = {}
    for url, parts in shaped.items():
        if (
            _groupable(parts)
            and tuple(parts) not in sections
            and len(leaves[tuple(parts[:-1])]) >= MIN_SIBLINGS
        ):
            parts = [*parts[:-1], ":slug"]
        grouped[url] = _join(parts)
    return grouped


def _groupable(parts: list[str]) -> bool:
    """A literal last segment under a first one (top-level pages are never grouped)."""
    return len(parts) >= 2 and not parts[-1].startswith(":") and not _INDEX.fullmatch(parts[-1])
