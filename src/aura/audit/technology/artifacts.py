"""The technology tier's artifacts: its options, the DNS records, the detection report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aura.audit.technology.engine import Detection


@dataclass(frozen=True)
class TechnologyOptions:
    """Set by the caller (the engine reads no settings); placed among the artifacts."""

    #: Where ``technologies.json`` and ``categories.json`` are; None: detection is off.
    fingerprints_dir: Path | None = None
    #: Look up the site's DNS records (MX, TXT, NS, SOA, CNAME) for the ``dns`` patterns.
    dns: bool = False
    #: Wall time for all DNS lookups of one page together.
    dns_timeout: float = 1.0


@dataclass(frozen=True)
class DnsRecords:
    """The records of the page's domain; empty with a reason when not looked up."""

    domain: str
    records: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class TechnologyReport:
    """What detection found, or why it could not run (never silently empty)."""

    detections: tuple[Detection, ...] = ()
    #: None when detection ran; otherwise the reason, for the user.
    unavailable: str | None = None
    fingerprints: Mapping[str, Any] = field(default_factory=dict)
    dns_error: str | None = None
    elapsed_ms: float = 0.0

    @property
    def available(self) -> bool:
        return self.unavailable is None

    def find(self, name: str) -> Detection | None:
        return next((d for d in self.detections if d.name == name), None)
