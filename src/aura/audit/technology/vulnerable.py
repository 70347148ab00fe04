"""Known vulnerabilities of widespread front-end libraries, by version range.

A deliberately small table: a few libraries that are on very many sites, with advisories
that affect code running in the visitor's browser. The ranges and identifiers come from
the public advisories named in each entry (CVE records in the NVD and the GitHub
Advisory Database); the summaries are ours. A library detected without a version cannot
be judged and is listed as such, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SOURCE = "NVD CVE records and the GitHub Advisory Database (advisories cited per entry)"


@dataclass(frozen=True)
class Advisory:
    library: str  # the fingerprint's technology name
    introduced: str  # first affected version ("0" when every earlier version is)
    fixed: str | None  # first version without the flaw; None when no fixed release exists
    identifiers: tuple[str, ...]
    summary: str
    severity: str  # "low" | "medium" | "high"


ADVISORIES: tuple[Advisory, ...] = (
    Advisory(
        "jQuery",
        "1.2.0",
        "3.5.0",
        ("CVE-2020-11022", "CVE-2020-11023"),
        "HTML passed to DOM manipulation methods can run script even after sanitising.",
        "medium",
    ),
    Advisory(
        "jQuery",
        "0",
        "3.4.0",
        ("CVE-2019-11358",),
        "jQuery.extend with deep copy lets crafted objects pollute Object.prototype.",
        "medium",
    ),
    Advisory(
        "jQuery",
        "0",
        "3.0.0",
        ("CVE-2015-9251",),
        "Cross-domain Ajax responses served as text/javascript are executed.",
        "medium",
    ),
    Advisory(
        "jQuery",
        "0",
        "1.9.0",
        ("CVE-2012-6708",),
        "Selector strings containing HTML are parsed as markup (XSS).",
        "medium",
    ),
    Advisory(
        "jQuery UI",
        "0",
        "1.13.2",
        ("CVE-2022-31160", "CVE-2021-41182", "CVE-2021-41183", "CVE-2021-41184"),
        "Several widget options and labels accept HTML from untrusted input (XSS).",
        "medium",
    ),
    Advisory(
        "Bootstrap",
        "0",
        "3.4.1",
        ("CVE-2019-8331", "CVE-2018-14040", "CVE-2018-14041", "CVE-2018-14042"),
        "Tooltip, popover, collapse and scrollspy options accept HTML (XSS).",
        "medium",
    ),
    Advisory(
        "Bootstrap",
        "4.0.0",
        "4.3.1",
        ("CVE-2019-8331",),
        "The tooltip and popover data-template option accepts HTML (XSS).",
        "medium",
    ),
    Advisory(
        "AngularJS",
        "0",
        None,
        ("CVE-2022-25844", "CVE-2023-26116", "CVE-2023-26117", "CVE-2023-26118"),
        "AngularJS reached end of life in January 2022; known ReDoS and sanitiser flaws "
        "will not be fixed.",
        "medium",
    ),
    Advisory(
        "Lodash",
        "0",
        "4.17.21",
        ("CVE-2021-23337", "CVE-2020-28500", "CVE-2020-8203", "CVE-2019-10744"),
        "Prototype pollution, command injection through template and slow regular "
        "expressions in older releases.",
        "high",
    ),
    Advisory(
        "Underscore.js",
        "1.3.2",
        "1.12.1",
        ("CVE-2021-23358",),
        "The template function can be made to run arbitrary code.",
        "high",
    ),
    Advisory(
        "Moment.js",
        "0",
        "2.29.4",
        ("CVE-2022-31129", "CVE-2022-24785"),
        "Inefficient parsing of long date strings (ReDoS) and path traversal in locale loading.",
        "medium",
    ),
    Advisory(
        "Handlebars",
        "0",
        "4.7.7",
        ("CVE-2021-23369", "CVE-2021-23383"),
        "Compiling untrusted templates can run arbitrary code.",
        "high",
    ),
)

_NUMBER = re.compile(r"\d+")


def version_tuple(version: str) -> tuple[int, ...] | None:
    """``"3.4.1"`` → (3, 4, 1); None when the text has no leading number."""
    match = re.match(r"\s*v?(\d+(?:\.\d+)*)", version)
    if match is None:
        return None
    return tuple(int(part) for part in _NUMBER.findall(match.group(1)))


def _at_least(version: tuple[int, ...], bound: str) -> bool:
    limit = version_tuple(bound) or (0,)
    width = max(len(version), len(limit))
    return version + (0,) * (width - len(version)) >= limit + (0,) * (width - len(limit))


def advisories_for(library: str, version: str) -> list[Advisory]:
    """The advisories that affect ``library`` at ``version``."""
    parsed = version_tuple(version)
    if parsed is None:
        return []
    return [
        advisory
        for advisory in ADVISORIES
        if advisory.library == library
        and _at_least(parsed, advisory.introduced)
        and (advisory.fixed is None or not _at_least(parsed, advisory.fixed))
    ]


def tracked_libraries() -> frozenset[str]:
    return frozenset(advisory.library for advisory in ADVISORIES)
