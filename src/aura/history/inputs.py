"""What the pure history functions are given: runs of a set, as plain data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aura.history.document import RunRef


@dataclass(frozen=True)
class SiteRun:
    """One site in one run: its analysis's outcome and stored result (None if it failed)."""

    url: str
    is_primary: bool
    status: str
    error: str | None
    result: Mapping[str, Any] | None
    #: The name the user gave the URL in this run, if any.
    label: str | None = None


@dataclass(frozen=True)
class RunInput:
    """One finished run (batch) of a set, with its stored comparison document (JSON)."""

    ref: RunRef
    primary_url: str | None
    sites: Sequence[SiteRun]
    comparison: Mapping[str, Any] | None
