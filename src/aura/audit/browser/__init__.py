"""The browser tier: headless Chromium (through Playwright) for what only a rendered page
shows: lab performance, axe-core, screenshots, computed design, live technology evidence.

The names below are loaded from their modules when first asked for (``from
aura.audit.browser import BrowserPool`` loads the pool, not the renderer): a static
analysis never renders a page, and the rendering modules (the page load, the trace and
DevTools readers, the design and speed-index measurements) are 16 modules it need not
import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as the type checkers see them (``X as X``: re-exported)
    from aura.audit.browser.artifacts import BROWSER_ARTIFACTS as BROWSER_ARTIFACTS
    from aura.audit.browser.artifacts import AxeReport as AxeReport
    from aura.audit.browser.artifacts import LabMetrics as LabMetrics
    from aura.audit.browser.artifacts import ProfileRun as ProfileRun
    from aura.audit.browser.artifacts import RenderedDesign as RenderedDesign
    from aura.audit.browser.artifacts import RenderedTechnology as RenderedTechnology
    from aura.audit.browser.pool import BrowserPool as BrowserPool
    from aura.audit.browser.pool import BrowserSettings as BrowserSettings
    from aura.audit.browser.profiles import DESKTOP as DESKTOP
    from aura.audit.browser.profiles import MOBILE as MOBILE
    from aura.audit.browser.profiles import PROFILES as PROFILES
    from aura.audit.browser.profiles import SCREENSHOT_NAMES as SCREENSHOT_NAMES
    from aura.audit.browser.profiles import DeviceProfile as DeviceProfile
    from aura.audit.browser.render import RenderOutcome as RenderOutcome
    from aura.audit.browser.render import render_page as render_page
    from aura.audit.browser.tier import MODES as MODES
    from aura.audit.browser.tier import BrowserTier as BrowserTier
    from aura.audit.browser.tier import needs_browser as needs_browser

#: Each public name and the module of this package that defines it.
_DEFINED_IN = {
    "BROWSER_ARTIFACTS": "artifacts",
    "AxeReport": "artifacts",
    "LabMetrics": "artifacts",
    "ProfileRun": "artifacts",
    "RenderedDesign": "artifacts",
    "RenderedTechnology": "artifacts",
    "BrowserPool": "pool",
    "BrowserSettings": "pool",
    "DESKTOP": "profiles",
    "MOBILE": "profiles",
    "PROFILES": "profiles",
    "SCREENSHOT_NAMES": "profiles",
    "DeviceProfile": "profiles",
    "RenderOutcome": "render",
    "render_page": "render",
    "MODES": "tier",
    "BrowserTier": "tier",
    "needs_browser": "tier",
}

__all__ = sorted(_DEFINED_IN)


def __getattr__(name: str) -> Any:
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
