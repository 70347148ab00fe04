"""How an analysis uses the browser: which mode it really runs in, and what it adds.

An analysis asks for ``static`` or ``browser``. Browser mode needs the worker's browser
pool and Chromium on disk; without them the analysis runs static and says why in the
result (``mode_note``) instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aura.audit.base import Audit
from aura.audit.browser.artifacts import BROWSER_ARTIFACTS
from aura.audit.fetch.guard import NetworkPolicy

if TYPE_CHECKING:
    from aura.audit.browser.pool import BrowserPool
    from aura.audit.browser.render import RenderOutcome

MODES = ("static", "browser")


def needs_browser(audit: type[Audit]) -> bool:
    return any(kind in BROWSER_ARTIFACTS for kind in audit.requires)


@dataclass(frozen=True)
class BrowserTier:
    requested: str
    pool: BrowserPool | None
    #: Why a requested browser mode fell back to static (None when it did not).
    note: str | None = None

    @classmethod
    def plan(cls, mode: str, pool: BrowserPool | None) -> BrowserTier:
        if mode not in MODES:
            raise ValueError(f"unknown analysis mode {mode!r} (use static or browser)")
        if mode != "browser":
            return cls(mode, None)
        if pool is None:
            return cls(mode, None, "browser mode was asked for but this worker has no browser")
        reason = pool.unavailable_reason
        if reason is not None:
            return cls(mode, None, f"ran static: {reason}")
        return cls(mode, pool)

    @property
    def mode(self) -> str:
        return "browser" if self.pool is not None else "static"

    def usable(self, audits: Iterable[type[Audit]]) -> list[type[Audit]]:
        """The audits that can run: browser-only audits are dropped in static mode."""
        if self.pool is not None:
            return list(audits)
        return [audit for audit in audits if not needs_browser(audit)]

    async def render(
        self, url: str, policy: NetworkPolicy, screenshot_dir: Path | None
    ) -> RenderOutcome | None:
        if self.pool is None:
            return None
        # Loaded with the first page rendered: a static analysis never needs it.
        from aura.audit.browser.render import render_page

        return await render_page(url, self.pool, policy, screenshot_dir)

    def result_fields(self, outcome: RenderOutcome | None) -> dict[str, Any]:
        fields: dict[str, Any] = {"mode": self.mode, "requested_mode": self.requested}
        if self.note is not None:
            fields["mode_note"] = self.note
        if outcome is not None and self.pool is not None:
            fields["browser"] = outcome.summary(self.pool.settings.page_budget)
        return fields
