"""Detection: match a page's signals against the fingerprints, then resolve the relations.

Every detector only runs the patterns worth running: keyed detectors (headers, cookies,
meta, DNS, JS) look up the names the page has; text detectors (html, text, scripts,
scriptSrc, css, url, robots, xhr) and DOM checks first scan the text once for all
literals and run only the expressions whose literal occurs.

Then, as Wappalyzer does: a technology's confidence is the sum of its matched patterns'
confidences, capped at 100; ``implies`` adds the implied technologies (with the tag's
confidence, at most the implier's); technologies whose ``requires`` or
``requiresCategory`` are not met are dropped; ``excludes`` removes what a detected
technology rules out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborNode

from aura.audit.cpu import checkpoint
from aura.audit.technology.fingerprints import (
    DomEntry,
    FingerprintSet,
    KeyedEntry,
    Technology,
    TextEntry,
)
from aura.audit.technology.patterns import Pattern
from aura.audit.technology.signals import BrowserSignals, PageSignals

logger = logging.getLogger(__name__)

#: Matched text kept as evidence is cut to this length.
EVIDENCE_CHARS = 160
#: Evidence items kept per technology.
MAX_EVIDENCE = 8
#: The evidence key of script URLs found in inline loader snippets.
LOADER = "inline script loader"
#: Rounds of implies/requires resolution (chains are short; this bounds bad data).
MAX_ROUNDS = 10


@dataclass(frozen=True)
class Evidence:
    """Why a technology was detected: which detector matched what."""

    detector: str
    value: str
    key: str = ""  # the header, cookie, meta name, selector, JS chain or script URL
    version: str | None = None
    confidence: int = 100

    def as_dict(self) -> dict[str, Any]:
        item: dict[str, Any] = {"detector": self.detector, "value": self.value}
        if self.key:
            item["key"] = self.key
        if self.version:
            item["version"] = self.version
        if self.confidence != 100:
            item["confidence"] = self.confidence
        return item


@dataclass(frozen=True)
class CategoryRef:
    id: int
    name: str
    groups: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "groups": list(self.groups)}


@dataclass(frozen=True)
class Detection:
    name: str
    version: str | None
    confidence: int
    categories: tuple[CategoryRef, ...]
    website: str = ""
    icon: str = ""
    cpe: str = ""
    evidence: tuple[Evidence, ...] = ()
    implied_by: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "confidence": self.confidence,
            "categories": [category.as_dict() for category in self.categories],
            "website": self.website,
            "icon": self.icon,
            "cpe": self.cpe or None,
            "evidence": [item.as_dict() for item in self.evidence],
            "implied_by": list(self.implied_by),
        }


@dataclass
class _Hits:
    """What matched for one technology before resolution."""

    technology: Technology
    confidence: int = 0
    versions: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    matched: set[int] = field(default_factory=set)  # patterns already counted
    implied_by: list[str] = field(default_factory=list)

    def add(self, pattern: Pattern | None, evidence: Evidence) -> None:
        if pattern is not None:
            if id(pattern) in self.matched:
                return
            self.matched.add(id(pattern))
        self.confidence += evidence.confidence
        if evidence.version:
            self.versions.append(evidence.version)
        for index, seen in enumerate(self.evidence):
            if (seen.detector, seen.key, seen.value) == (
                evidence.detector,
                evidence.key,
                evidence.value,
            ):
                if evidence.version and not seen.version:
                    self.evidence[index] = evidence  # the same sighting, now with a version
                return
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append(evidence)


class _Matcher:
    def __init__(self, fingerprints: FingerprintSet) -> None:
        self.fingerprints = fingerprints
        self.hits: dict[str, _Hits] = {}

    def record(
        self,
        technology: Technology,
        pattern: Pattern,
        detector: str,
        match: re.Match[str],
        key: str = "",
        shown: str | None = None,
    ) -> None:
        value = shown if shown is not None else match.group(0)
        evidence = Evidence(
            detector,
            _clip(value),
            key,
            pattern.version_of(match),
            pattern.confidence,
        )
        self.hits.setdefault(technology.name, _Hits(technology)).add(pattern, evidence)

    # Keyed detectors.

    def keyed(self, detector: str, values: Mapping[str, Iterable[str]]) -> None:
        index = self.fingerprints.keyed_index.get(detector, {})
        wildcards = self.fingerprints.wildcard_keys.get(detector, [])
        for key, page_values in values.items():
            entries = list(index.get(key, ()))
            for expression, wildcard in wildcards:
                if expression.match(key):
                    entries.extend(index[wildcard])
            distinct = list(dict.fromkeys(page_values))
            for entry in entries:
                for value in distinct:
                    self._keyed_entry(detector, entry, key, value)

    def _keyed_entry(self, detector: str, entry: KeyedEntry, key: str, value: str) -> None:
        match = entry.pattern.search(value)
        if match is not None:
            shown = f"{key}: {value}" if detector != "js" else f"{key} = {value}"
            self.record(entry.technology, entry.pattern, detector, match, key, shown)

    # Text detectors.

    def texts(self, detector: str, texts: Iterable[tuple[str, str]]) -> None:
        """Run ``detector``'s patterns over (evidence key, text) pairs."""
        scanner = self.fingerprints.scanners[detector]
        for key, text in texts:
            if text:
                lowered = text.lower()
                for entry in scanner.candidates(lowered):
                    if isinstance(entry, TextEntry):
                        self._text_entry(detector, entry, key, text, lowered)

    def html(self, signals: PageSignals) -> None:
        """The HTML's patterns and the DOM checks, from one scan of the source."""
        if not signals.html:
            return
        by_selector: dict[str, list[DomEntry]] = {}
        for entry in self.fingerprints.scanners["html"].candidates(signals.html_lower):
            if isinstance(entry, TextEntry):
                self._text_entry("html", entry, "", signals.html, signals.html_lower)
            else:
                by_selector.setdefault(entry.check.selector, []).append(entry)
        self.dom(signals, by_selector)

    def _text_entry(
        self, detector: str, entry: TextEntry, key: str, text: str, lowered: str
    ) -> None:
        match = entry.pattern.search(text, lowered)
        if match is None:
            return
        shown = text if detector in ("scriptSrc", "url", "xhr") else None
        self.record(entry.technology, entry.pattern, detector, match, key, shown)

    def cert_issuer(self, issuer: str) -> None:
        if not issuer:
            return
        for tech in self.fingerprints.technologies.values():
            for pattern in tech.patterns.get("certIssuer", ()):
                match = pattern.search(issuer)
                if match is not None:
                    self.record(tech, pattern, "certIssuer", match, shown=issuer)

    # DOM.

    def dom(self, signals: PageSignals, by_selector: Mapping[str, list[DomEntry]]) -> None:
        tree = signals.dom
        for selector, entries in by_selector.items():
            try:
                nodes = tree.css(selector)
            except Exception:  # selectors the parser does not support
                logger.debug("unsupported selector %r", selector)
                continue
            if nodes:
                for entry in entries:
                    self._dom_entry(entry, nodes)

    def _dom_entry(self, entry: DomEntry, nodes: list[LexborNode]) -> None:
        check, tech = entry.check, entry.technology
        if check.kind == "exists":
            match = check.pattern.search("")
            if match is not None:
                self.record(tech, check.pattern, "dom", match, check.selector, check.selector)
            return
        for node in nodes:
            if check.kind == "text":
                value = node.text(deep=True)
                literals = check.pattern.literals
                if literals and not any(lit in value.lower() for lit in literals):
                    continue  # cheaper than the expression on a long script
            else:
                attributes = node.attributes
                if check.name not in attributes:
                    continue
                value = attributes[check.name] or ""  # a bare attribute has no value
            match = check.pattern.search(value)
            if match is not None:
                shown = value.strip() if check.kind == "text" else f"{check.name}={value}"
                self.record(tech, check.pattern, "dom", match, check.selector, shown)
                return

    def dom_properties(self, properties: Mapping[tuple[str, str], object]) -> None:
        for tech in self.fingerprints.technologies.values():
            for check in tech.dom:
                if check.kind != "property":
                    continue
                value = properties.get((check.selector, check.name))
                if value is None:
                    continue
                text = _js_text(value)
                match = check.pattern.search(text)
                if match is not None:
                    shown = f"{check.name} = {text}"
                    self.record(tech, check.pattern, "dom", match, check.selector, shown)


def detect(
    fingerprints: FingerprintSet,
    signals: PageSignals,
    browser: BrowserSignals | None = None,
) -> list[Detection]:
    """The technologies ``signals`` (and, when given, ``browser``) show, resolved."""
    matcher = _Matcher(fingerprints)
    matcher.keyed("headers", signals.headers)
    matcher.keyed("cookies", {name: [value] for name, value in signals.cookies.items()})
    matcher.keyed("meta", signals.meta)
    matcher.keyed("dns", signals.dns)
    matcher.texts("url", [("", signals.url)])
    checkpoint()  # the text and DOM detectors are the long steps: stop between them
    matcher.html(signals)
    checkpoint()
    matcher.texts("text", [("", signals.text)])
    matcher.texts("scripts", [(script.origin, script.text) for script in signals.scripts])
    checkpoint()
    matcher.texts("scriptSrc", [("", src) for src in signals.script_srcs])
    matcher.texts("scriptSrc", [(LOADER, src) for src in signals.loaded_srcs])
    matcher.texts("css", [("", signals.css)])
    matcher.texts("robots", [("", signals.robots)])
    matcher.cert_issuer(signals.cert_issuer)
    if browser is not None:
        matcher.keyed("js", {chain: [_js_text(v)] for chain, v in browser.js.items()})
        matcher.dom_properties(browser.dom_properties)
        matcher.texts("xhr", [("", url) for url in browser.requests])
    return resolve(fingerprints, matcher.hits)


def resolve(fingerprints: FingerprintSet, direct: Mapping[str, _Hits]) -> list[Detection]:
    """Apply implies, requires, requiresCategory and excludes; build the detections."""
    kept = dict(direct)
    present: dict[str, _Hits] = {}
    for _ in range(MAX_ROUNDS):
        present = _with_implied(fingerprints, kept)
        categories = {c for hits in present.values() for c in hits.technology.categories}
        still = {
            name: hits
            for name, hits in kept.items()
            if all(required in present for required in hits.technology.requires)
            and all(c in categories for c in hits.technology.requires_category)
        }
        if len(still) == len(kept):
            break
        kept = still
    excluded = {name for hits in present.values() for name in hits.technology.excludes}
    detections = [
        _detection(fingerprints, hits)
        for name, hits in present.items()
        if name not in excluded and hits.confidence > 0
    ]
    return sorted(detections, key=lambda d: (_category_order(fingerprints, d), d.name.lower()))


def _with_implied(fingerprints: FingerprintSet, direct: Mapping[str, _Hits]) -> dict[str, _Hits]:
    present = {
        name: _Hits(h.technology, h.confidence, list(h.versions), list(h.evidence))
        for name, h in direct.items()
    }
    pending = list(present)
    applied: set[tuple[str, str]] = set()
    while pending:
        name = pending.pop()
        hits = present[name]
        for implied in hits.technology.implies:
            target = fingerprints.technologies.get(implied.name)
            if target is None or (name, implied.name) in applied:
                continue
            applied.add((name, implied.name))
            confidence = min(implied.confidence, min(hits.confidence, 100))
            entry = present.get(implied.name)
            if entry is None:
                entry = present[implied.name] = _Hits(target)
            entry.confidence += confidence
            entry.implied_by.append(name)
            if implied.version:
                entry.versions.append(implied.version)
            pending.append(implied.name)
    return present


def _detection(fingerprints: FingerprintSet, hits: _Hits) -> Detection:
    tech = hits.technology
    categories = tuple(
        CategoryRef(c, fingerprints.categories[c].name, fingerprints.categories[c].groups)
        for c in tech.categories
        if c in fingerprints.categories
    )
    return Detection(
        name=tech.name,
        version=best_version(hits.versions),
        confidence=min(100, hits.confidence),
        categories=categories,
        website=tech.website,
        icon=tech.icon,
        cpe=tech.cpe,
        evidence=tuple(hits.evidence),
        implied_by=tuple(dict.fromkeys(hits.implied_by)),
    )


def _category_order(fingerprints: FingerprintSet, detection: Detection) -> tuple[int, str]:
    if not detection.categories:
        return (99, "")
    first = detection.categories[0]
    return (fingerprints.categories[first.id].priority, first.name)


_NUMBERS = re.compile(r"\d+")


def version_key(version: str) -> tuple[tuple[int, ...], int]:
    """Sort key: numeric parts first, then how specific the version is."""
    return tuple(int(n) for n in _NUMBERS.findall(version)[:6]), len(version)


def best_version(versions: Iterable[str]) -> str | None:
    """The highest, most specific version among those found."""
    found = [v for v in versions if v]
    return max(found, key=version_key) if found else None


def _clip(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= EVIDENCE_CHARS else value[: EVIDENCE_CHARS - 1] + "…"


def _js_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else ""
    return "" if value is None else str(value)
