"""The browser tier: headless Chromium (through Playwright) for what only a rendered page
shows: lab performance, axe-core, screenshots, computed design, live technology evidence.
"""

from aura.audit.browser.artifacts import (
    BROWSER_ARTIFACTS,
    AxeReport,
    LabMetrics,
    ProfileRun,
    RenderedDesign,
    RenderedTechnology,
)
from aura.audit.browser.pool import BrowserPool, BrowserSettings
from aura.audit.browser.profiles import DESKTOP, MOBILE, PROFILES, DeviceProfile
from aura.audit.browser.render import SCREENSHOT_NAMES, RenderOutcome, render_page
from aura.audit.browser.tier import MODES, BrowserTier, needs_browser

__all__ = [
    "BROWSER_ARTIFACTS",
    "DESKTOP",
    "MOBILE",
    "MODES",
    "PROFILES",
    "SCREENSHOT_NAMES",
    "AxeReport",
    "BrowserPool",
    "BrowserSettings",
    "BrowserTier",
    "DeviceProfile",
    "LabMetrics",
    "ProfileRun",
    "RenderOutcome",
    "RenderedDesign",
    "RenderedTechnology",
    "needs_browser",
    "render_page",
]
