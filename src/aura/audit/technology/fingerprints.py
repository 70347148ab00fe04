"""The fingerprint set: technologies and categories in the Wappalyzer format, parsed once.

``load_fingerprints(directory)`` reads ``technologies.json`` and ``categories.json`` (and
``groups.json`` when present) and keeps the parsed set for the life of the process, keyed
by the files' modification times, so a refreshed data directory is picked up without a
restart. Indexes by header, cookie, meta and JS name, and one multi-string automaton per
text detector, are built with it.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from aura.audit.technology.literals import LiteralScanner
from aura.audit.technology.patterns import (
    Pattern,
    most_selective,
    parse_pattern,
    parse_patterns,
)
from aura.audit.technology.selectors import selector_literals

TECHNOLOGIES_FILE = "technologies.json"
CATEGORIES_FILE = "categories.json"
GROUPS_FILE = "groups.json"
SOURCE_FILE = "source.json"

#: Detectors whose patterns run over one or more texts of the page.
TEXT_DETECTORS = ("html", "text", "scripts", "scriptSrc", "css", "url", "robots", "xhr")
#: Detectors whose patterns are keyed by a name (header, cookie, meta, DNS record type, JS).
KEYED_DETECTORS = ("headers", "cookies", "meta", "dns", "js")


#: The category groups of the format (upstream ``groups.json``), for data that lacks them.
DEFAULT_GROUPS = {
    1: "Sales",
    2: "Marketing",
    3: "Content",
    4: "Communication",
    5: "Utilities",
    6: "Other",
    7: "Servers",
    8: "Analytics",
    9: "Web development",
    10: "Media",
    11: "Security",
    13: "Privacy",
    14: "Booking",
    15: "Add-ons",
    16: "Business tools",
    17: "Location",
    18: "User generated content",
}


class FingerprintDataMissingError(FileNotFoundError):
    """No fingerprint data where it was looked for; the message says how to install it."""


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    priority: int
    groups: tuple[str, ...] = ()


@dataclass(eq=False)
class DomCheck:
    """One check on the elements a selector finds: existence, text or an attribute."""

    selector: str
    kind: str  # "exists" | "text" | "attribute" | "property"
    pattern: Pattern
    name: str = ""  # the attribute or property name
    literals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Implied:
    name: str
    confidence: int = 100
    version: str = ""


@dataclass(eq=False)
class Technology:
    name: str
    categories: tuple[int, ...]
    website: str = ""
    icon: str = ""
    description: str = ""
    cpe: str = ""
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    keyed: dict[str, dict[str, list[Pattern]]] = field(default_factory=dict)
    dom: list[DomCheck] = field(default_factory=list)
    implies: tuple[Implied, ...] = ()
    requires: tuple[str, ...] = ()
    requires_category: tuple[int, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyedEntry:
    technology: Technology
    key: str
    pattern: Pattern


@dataclass(frozen=True)
class TextEntry:
    technology: Technology
    pattern: Pattern


@dataclass(frozen=True)
class DomEntry:
    technology: Technology
    check: DomCheck


@dataclass(frozen=True)
class SourceInfo:
    """Where the data came from (``source.json``, written by the installer)."""

    source: str = "unknown"
    version: str | None = None
    installed_at: str | None = None
    licence: str | None = None

    @classmethod
    def read(cls, directory: Path) -> SourceInfo:
        try:
            raw = json.loads((directory / SOURCE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        return cls(
            source=str(raw.get("source") or "unknown"),
            version=_str_or_none(raw.get("version")),
            installed_at=_str_or_none(raw.get("installed_at")),
            licence=_str_or_none(raw.get("licence")),
        )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


class FingerprintSet:
    """Parsed technologies with the indexes detection needs."""

    def __init__(
        self,
        technologies: Mapping[str, Mapping[str, Any]],
        categories: Mapping[str, Mapping[str, Any]],
        groups: Mapping[str, Mapping[str, Any]] | None = None,
        source: SourceInfo | None = None,
    ) -> None:
        group_names = dict(DEFAULT_GROUPS)
        group_names.update(
            (int(key), str(value.get("name", key))) for key, value in (groups or {}).items()
        )
        self.categories: dict[int, Category] = {}
        for key, value in categories.items():
            category_id = int(key)
            self.categories[category_id] = Category(
                category_id,
                str(value.get("name", key)),
                int(value.get("priority", 5)),
                tuple(group_names.get(int(g), str(g)) for g in value.get("groups", [])),
            )
        self.technologies: dict[str, Technology] = {
            name: parse_technology(name, spec) for name, spec in technologies.items()
        }
        self.source = source or SourceInfo()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.technologies)

    # Indexes, built on first use.

    @cached_property
    def keyed_index(self) -> dict[str, dict[str, list[KeyedEntry]]]:
        """detector → lower-cased key (JS chains keep their case) → entries."""
        index: dict[str, dict[str, list[KeyedEntry]]] = {
            d: defaultdict(list) for d in KEYED_DETECTORS
        }
        for tech in self.technologies.values():
            for detector, keys in tech.keyed.items():
                for key, patterns in keys.items():
                    for pattern in patterns:
                        index[detector][key].append(KeyedEntry(tech, key, pattern))
        return {detector: dict(entries) for detector, entries in index.items()}

    @cached_property
    def wildcard_keys(self) -> dict[str, list[tuple[re.Pattern[str], str]]]:
        """Keys written with ``*`` (``_ga_*``), as expressions, per detector."""
        found: dict[str, list[tuple[re.Pattern[str], str]]] = defaultdict(list)
        for detector, keys in self.keyed_index.items():
            for key in keys:
                if "*" in key:
                    expression = "^" + ".*".join(re.escape(part) for part in key.split("*")) + "$"
                    found[detector].append((re.compile(expression), key))
        return dict(found)

    @cached_property
    def scanners(self) -> dict[str, LiteralScanner[TextEntry | DomEntry]]:
        """One literal scanner per text detector; the HTML's also holds the DOM checks.

        DOM checks are filtered by literals the HTML source must contain, so they share
        the HTML's scan: a large page is scanned once.
        """
        result: dict[str, LiteralScanner[TextEntry | DomEntry]] = {}
        for detector in TEXT_DETECTORS:
            entries: list[tuple[TextEntry | DomEntry, tuple[str, ...]]] = [
                (TextEntry(tech, pattern), pattern.literals)
                for tech in self.technologies.values()
                for pattern in tech.patterns.get(detector, ())
            ]
            if detector == "html":
                entries.extend(
                    (DomEntry(tech, check), check.literals)
                    for tech in self.technologies.values()
                    for check in tech.dom
                    if check.kind != "property"
                )
            result[detector] = LiteralScanner(entries)
        return result

    def warm(self) -> FingerprintSet:
        """Build every index now (a worker does this once, before its first page)."""
        with self._lock:
            _ = self.keyed_index, self.wildcard_keys
            for scanner in self.scanners.values():
                scanner.build()
        return self

    # What the browser tier needs to evaluate in the page.

    @cached_property
    def js_chains(self) -> frozenset[str]:
        """Every JavaScript global property chain some fingerprint checks (``jQuery.fn.jquery``)."""
        return frozenset(self.keyed_index["js"])

    @cached_property
    def dom_properties(self) -> frozenset[tuple[str, str]]:
        """Every (selector, DOM property) pair some fingerprint checks."""
        return frozenset(
            (check.selector, check.name)
            for tech in self.technologies.values()
            for check in tech.dom
            if check.kind == "property"
        )

    def category_names(self, ids: Iterable[int]) -> list[str]:
        return [self.categories[i].name for i in ids if i in self.categories]


def parse_technology(name: str, spec: Mapping[str, Any]) -> Technology:
    tech = Technology(
        name=name,
        categories=tuple(int(c) for c in spec.get("cats", []) if isinstance(c, int | str)),
        website=str(spec.get("website") or ""),
        icon=str(spec.get("icon") or ""),
        description=str(spec.get("description") or ""),
        cpe=str(spec.get("cpe") or ""),
    )
    for detector in TEXT_DETECTORS:
        patterns = parse_patterns(spec.get(detector))
        if patterns:
            tech.patterns[detector] = patterns
    cert_issuer = parse_patterns(spec.get("certIssuer"))
    if cert_issuer:
        tech.patterns["certIssuer"] = cert_issuer
    for detector in KEYED_DETECTORS:
        raw = spec.get(detector)
        if not isinstance(raw, Mapping):
            continue
        keys: dict[str, list[Pattern]] = {}
        for key, value in raw.items():
            # Names compare case-insensitively, except JavaScript property chains.
            normalised = str(key) if detector == "js" else str(key).strip().lower()
            if detector == "dns":
                normalised = normalised.upper()
            patterns = parse_patterns(value) or [parse_pattern("")]
            keys.setdefault(normalised, []).extend(patterns)
        if keys:
            tech.keyed[detector] = keys
    tech.dom = parse_dom(spec.get("dom"))
    tech.implies = tuple(parse_implied(value) for value in _strings(spec.get("implies")))
    tech.requires = tuple(_strings(spec.get("requires")))
    tech.requires_category = tuple(
        int(value) for value in _list(spec.get("requiresCategory")) if str(value).isdigit()
    )
    tech.excludes = tuple(_strings(spec.get("excludes")))
    return tech


def parse_implied(raw: str) -> Implied:
    pattern = parse_pattern(raw)
    return Implied(pattern.source, pattern.confidence, pattern.version)


def parse_dom(raw: object) -> list[DomCheck]:
    """``dom`` is a selector, a list of selectors (existence) or selector → checks."""
    if isinstance(raw, str | list):
        return [_dom_check(selector, "exists", "") for selector in _strings(raw)]
    if not isinstance(raw, Mapping):
        return []
    checks: list[DomCheck] = []
    for selector, spec in raw.items():
        if not isinstance(spec, Mapping):
            checks.append(_dom_check(str(selector), "exists", ""))
            continue
        if "exists" in spec:
            checks.append(_dom_check(str(selector), "exists", ""))
        if "text" in spec:
            checks.append(_dom_check(str(selector), "text", str(spec["text"])))
        for kind, field_name in (("attribute", "attributes"), ("property", "properties")):
            values = spec.get(field_name)
            if isinstance(values, Mapping):
                for name, value in values.items():
                    checks.append(_dom_check(str(selector), kind, str(value), str(name)))
    return checks


def _dom_check(selector: str, kind: str, raw_pattern: str, name: str = "") -> DomCheck:
    pattern = parse_pattern(raw_pattern)
    candidates = [selector_literals(selector)]
    if kind in ("text", "attribute") and not any(
        set(literal) & _ESCAPABLE for literal in pattern.literals
    ):
        # Text and attribute values may be written with character references in the HTML;
        # a literal made only of characters that need no escaping is still in the source.
        candidates.append(pattern.literals)
    return DomCheck(selector, kind, pattern, name, most_selective(candidates))


_ESCAPABLE = frozenset("&<>\"'")


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _strings(value: object) -> list[str]:
    return [str(item) for item in _list(value) if isinstance(item, str | int)]


# Loading, cached per process.

_CACHE: dict[Path, tuple[tuple[float, ...], FingerprintSet]] = {}
_CACHE_LOCK = threading.Lock()


def fingerprint_files(directory: Path) -> tuple[Path, Path, Path]:
    return directory / TECHNOLOGIES_FILE, directory / CATEGORIES_FILE, directory / GROUPS_FILE


def load_fingerprints(directory: Path) -> FingerprintSet:
    """The fingerprint set in ``directory``, parsed once per process and per change."""
    technologies, categories, groups = fingerprint_files(directory)
    try:
        stamp = tuple(
            path.stat().st_mtime if path.exists() else 0.0
            for path in (technologies, categories, groups)
        )
    except OSError as error:
        raise FingerprintDataMissingError(str(error)) from None
    if not technologies.is_file() or not categories.is_file():
        raise FingerprintDataMissingError(
            f"no fingerprint data in {directory} (expected {TECHNOLOGIES_FILE} and "
            f"{CATEGORIES_FILE}); install it with `aura fingerprints update` or `make fingerprints`"
        )
    key = directory.resolve()
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        loaded = FingerprintSet(
            _read_json_object(technologies),
            _read_json_object(categories),
            _read_json_object(groups) if groups.is_file() else None,
            SourceInfo.read(directory),
        ).warm()
        _CACHE[key] = (stamp, loaded)
        return loaded


def _read_json_object(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise FingerprintDataMissingError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise FingerprintDataMissingError(f"{path} does not hold a JSON object")
    return value
