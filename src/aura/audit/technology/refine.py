"""Corrections Aura applies to the fingerprints' verdicts, from what the page shows.

The Wappalyzer-format patterns are written to find, not to be read to a client; three of
their habits made false claims on real pages:

- a version read from a ``?ver=`` query is often the CMS's cache-buster (WordPress stamps
  its own version on every script that declares none): a value stamped on several files is
  the site's stamp, not the library's version;
- a DOM selector matching part of a link target or class name (``a[href*='/cart']``
  also matches ``/cartoons``) is weak evidence: a technology seen only that way falls below the
  confidence floor and is reported as possible, not as a fact;
- a version the patterns miss may sit in a CDN package path (``bootstrap@5.2.3/``,
  ``/ajax/libs/jquery/3.7.1/``) or in the banner comment of a stylesheet or script
  (``/*! Bootstrap v5.2.3``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from urllib.parse import parse_qsl, urlsplit

from aura.audit.technology.engine import Detection, Evidence, best_version

#: Detections below this confidence are possible, not established.
CONFIDENCE_FLOOR = 50
#: The confidence given to a technology seen only through partial-attribute DOM selectors.
WEAK_DOM_CONFIDENCE = 25
#: A query version stamped on this many distinct files is the site's cache-buster.
STAMP_FILES = 3
_VERSION_PARAMETERS = frozenset({"ver", "v", "version"})
#: Selectors that match part of a link target or of a class or id name: words that any
#: page may use (``/cartoons``, ``checkout-banner``). Parts of a stylesheet's or script's
#: URL (``link[href*='bootstrap-icons']``) name the file the page loads, and stay strong.
_WEAK_SELECTOR = re.compile(r"(?:^|[\s,>+~])a\[href\s*[*~|^$]=|\[(?:class|id)\s*[*~|^$]=")
_VERSION = r"(\d+(?:\.\d+){1,3})"
#: How much of a stylesheet or script is searched for a banner comment.
BANNER_BYTES = 4096


def _query_versions(url: str) -> list[str]:
    return [
        value for key, value in parse_qsl(urlsplit(url).query) if key.lower() in _VERSION_PARAMETERS
    ]


def cache_buster_stamps(urls: Iterable[str]) -> set[str]:
    """Query versions (``?ver=6.6.2``) that several different files carry."""
    files: dict[str, set[str]] = defaultdict(set)
    for url in urls:
        path = urlsplit(url).path
        for value in _query_versions(url):
            files[value].add(path)
    return {value for value, paths in files.items() if len(paths) >= STAMP_FILES}


def _from_stamp(evidence: Evidence, stamps: set[str]) -> bool:
    return (
        bool(evidence.version)
        and evidence.version in stamps
        and (evidence.version in _query_versions(evidence.value))
    )


def _weak_dom_only(detection: Detection) -> bool:
    if detection.implied_by or not detection.evidence:
        return False
    return all(
        # When the fingerprint also checks the attribute's value with an expression, the
        # evidence is that value, and the match is strong.
        item.detector == "dom"
        and bool(_WEAK_SELECTOR.search(item.key or item.value))
        and item.value in ("", item.key)
        for item in detection.evidence
    )


#: cdnjs names a few libraries otherwise than their fingerprints do.
_CDNJS_NAMES = {"bootstrap": ("twitter-bootstrap",)}


def _package_slug(name: str) -> str:
    slug = name.lower().removesuffix(".js").strip()
    return re.sub(r"[^a-z0-9]+", "-", slug).strip("-")


def version_hint(name: str, urls: Sequence[str], bodies: Sequence[str]) -> str | None:
    """A version of ``name`` found in a CDN package path or a banner comment."""
    slug = re.escape(_package_slug(name))
    if not slug:
        return None
    # cdnjs keeps a library's ".js" (``/ajax/libs/clipboard.js/2.0.6/``) and has names of
    # its own (``/ajax/libs/twitter-bootstrap/3.4.1/``).
    cdnjs = "|".join([slug, *map(re.escape, _CDNJS_NAMES.get(_package_slug(name), ()))])
    package = re.compile(
        rf"/(?:npm/)?(?:@[\w.-]+/)?{slug}@{_VERSION}(?:/|$)"
        rf"|/ajax/libs/(?:{cdnjs})(?:\.js)?/{_VERSION}/",
        re.I,
    )
    found: list[str] = []
    for url in urls:
        for match in package.finditer(urlsplit(url).path):
            found.append(match.group(1) or match.group(2))
    banner = re.compile(rf"/\*!?[\s*]*{re.escape(name)}\s+v{_VERSION}\b", re.I)
    for body in bodies:
        seen = banner.search(body[:BANNER_BYTES])
        if seen:
            found.append(seen.group(1))
    return best_version(found)


def refine(
    detections: Sequence[Detection], urls: Sequence[str], bodies: Sequence[str]
) -> list[Detection]:
    """``detections`` with cache-buster versions dropped, weak DOM-only sightings lowered
    below the confidence floor, and missing versions read from package paths and banners."""
    stamps = cache_buster_stamps(urls)
    refined: list[Detection] = []
    for detection in detections:
        current = detection
        if current.version and current.version in stamps:
            stamped = [item for item in current.evidence if _from_stamp(item, stamps)]
            kept = [item for item in current.evidence if item.version and item not in stamped]
            if stamped and not kept:
                current = replace(
                    current,
                    version=None,
                    evidence=tuple(
                        replace(item, version=None) if item in stamped else item
                        for item in current.evidence
                    ),
                )
        if _weak_dom_only(current):
            current = replace(current, confidence=min(current.confidence, WEAK_DOM_CONFIDENCE))
        if current.version is None:
            hint = version_hint(current.name, urls, bodies)
            if hint is not None:
                current = replace(current, version=hint)
        refined.append(current)
    return refined


#: Technologies whose only sign is the web app manifest the page declares.
_MANIFEST_ONLY = frozenset({"PWA"})


def without_unserved_manifest(
    detections: Sequence[Detection], manifest_status: int | None
) -> list[Detection]:
    """``detections`` without "PWA" when the manifest it was read from answers an error
    (pkgdown declares /site.webmanifest and ships none): a missing manifest makes no app.
    A manifest that got no answer (``None``) says nothing, and the detection stands."""
    if manifest_status is None or manifest_status < 400:
        return list(detections)
    return [item for item in detections if item.name not in _MANIFEST_ONLY]
