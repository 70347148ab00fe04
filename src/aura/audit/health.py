"""Render health: did the page Aura measured look like the page its visitors see?

When a page's stylesheets, scripts, fonts or images cannot be loaded (a CDN that does not
resolve, a blocked host, assets missing from a copy of the site), the analysis measures a
different page: an unstyled render has no design to judge, loads faster than the real one
and lays out differently. This module turns what the analysis already recorded into a
verdict, and says which conclusions depend on the parts that failed:

- the share of failed resources per kind (stylesheet, script, font, image): from the
  browser's network events in browser mode (the desktop load), from the subresource
  fetches in static mode;
- browser mode: an *unstyled* render (linked stylesheets failed and the page shows the
  browser's default look: 8 px body margin, the default font, default link blue) and a
  *blank* one (one colour covers the whole first screen);
- static mode: *unstyled* when every stylesheet the HTML links failed to load.

A degraded analysis lists its ``unreliable`` categories and metrics; the comparison never
lets them win a leader, strength or summary finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aura.audit.artifacts import Subresources

KINDS = ("stylesheet", "script", "font", "image")

#: A render without text in its first screen, which this much one colour covers, is blank.
BLANK_SHARE = 0.98
#: A page with fewer style rules than this, once stylesheets failed, has lost its styling
#: (Bootstrap has thousands, a small hand-written theme a few hundred).
MIN_STYLE_RULES = 50
#: Failed share of a page's stylesheets, scripts, fonts and images (with at least
#: ``MIN_FAILED`` of them failed) past which what it loads, and how fast, is not the real
#: page's: the performance figures measure a lighter page.
FAILED_SHARE = 0.75
MIN_FAILED = 5

LAYOUT_CATEGORIES = ("design", "performance", "accessibility")


@dataclass(frozen=True)
class PageCheck:
    """What the rendered page (desktop) showed about its own styling."""

    linked_stylesheets: int = 0
    loaded_stylesheets: int = 0
    #: The page shows the browser's default look (body margin, font and link colour).
    default_look: bool = False
    #: Style rules of the stylesheets that apply and show them.
    style_rules: int = 0
    #: Cross-origin stylesheets that apply (their rules are hidden; loaded or not).
    hidden_sheets: int = 0
    #: Whether any text shows in the first screen.
    visible_text: bool = True
    #: Share of the first screen covered by its most common colour (0..1), when known.
    top_color_share: float | None = None


@dataclass(frozen=True)
class RenderHealth:
    mode: str
    resources: dict[str, tuple[int, int]] = field(default_factory=dict)
    unstyled: bool | None = None
    blank: bool | None = None
    reasons: tuple[str, ...] = ()
    unreliable: tuple[str, ...] = ()
    page: PageCheck | None = None

    @property
    def degraded(self) -> bool:
        return bool(self.unreliable)

    @property
    def requested(self) -> int:
        return sum(requested for requested, _ in self.resources.values())

    @property
    def failed(self) -> int:
        return sum(failed for _, failed in self.resources.values())

    def as_json(self, unreliable_metrics: Iterable[str] = ()) -> dict[str, Any]:
        requested = self.requested
        return {
            "status": "degraded" if self.degraded else "healthy",
            "mode": self.mode,
            "resources": {
                kind: {
                    "requested": count,
                    "failed": failed,
                    "failed_share": round(failed / count, 3) if count else None,
                }
                for kind, (count, failed) in self.resources.items()
            },
            "requested": requested,
            "failed": self.failed,
            "failed_share": round(self.failed / requested, 3) if requested else None,
            "unstyled": self.unstyled,
            "blank": self.blank,
            "reasons": list(self.reasons),
            "unreliable": list(self.unreliable),
            "unreliable_metrics": sorted(set(unreliable_metrics)) if self.degraded else [],
            "page": None
            if self.page is None
            else {
                "linked_stylesheets": self.page.linked_stylesheets,
                "loaded_stylesheets": self.page.loaded_stylesheets,
                "default_look": self.page.default_look,
                "style_rules": self.page.style_rules,
                "hidden_sheets": self.page.hidden_sheets,
                "visible_text": self.page.visible_text,
                "top_color_share": self.page.top_color_share,
            },
        }


def static_resources(subresources: Subresources) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for kind in KINDS:
        items = subresources.of_kind(kind)
        counts[kind] = (len(items), sum(1 for item in items if not item.ok))
    return counts


def linked_stylesheets(subresources: Subresources) -> tuple[int, int]:
    """(linked, loaded) stylesheets the HTML itself refers to."""
    linked = [
        item
        for item in subresources.of_kind("stylesheet")
        if item.initiator in ("html", "noscript")
    ]
    return len(linked), sum(1 for item in linked if item.ok)


def assess(
    mode: str,
    resources: Mapping[str, tuple[int, int]],
    *,
    stylesheets: tuple[int, int] | None = None,
    page: PageCheck | None = None,
) -> RenderHealth:
    """The verdict from per-kind (requested, failed) counts and, in browser mode, what the
    page showed. ``stylesheets`` (static mode) are the HTML's (linked, loaded) sheets."""
    counts = {kind: resources.get(kind, (0, 0)) for kind in KINDS}
    reasons: list[str] = []
    unreliable: set[str] = set()
    unstyled: bool | None = None
    blank: bool | None = None
    if page is not None:
        requested_sheets, failed_sheets = counts["stylesheet"]
        # A cross-origin sheet beyond those that failed loaded: its rules are unknown.
        loaded_hidden = page.hidden_sheets > failed_sheets
        few_rules = not loaded_hidden and page.style_rules < MIN_STYLE_RULES
        unstyled = failed_sheets > 0 and (page.default_look or few_rules)
        blank = (
            not page.visible_text
            and page.top_color_share is not None
            and page.top_color_share >= BLANK_SHARE
        )
        if unstyled:
            look = (
                "the page shows the browser's default look"
                if page.default_look
                else f"only {page.style_rules} style rules apply"
            )
            reasons.append(
                f"rendered unstyled: {failed_sheets} of {requested_sheets} stylesheets "
                f"failed to load and {look}"
            )
        if blank:
            reasons.append("rendered blank: one colour covers the whole first screen")
    elif stylesheets is not None:
        linked, loaded = stylesheets
        unstyled = linked > 0 and loaded == 0
        if unstyled:
            reasons.append(f"likely unstyled: none of the {linked} linked stylesheets loaded")
    if unstyled or blank:
        unreliable.update(LAYOUT_CATEGORIES)
    requested = sum(count for count, _ in counts.values())
    failed = sum(failed for _, failed in counts.values())
    if failed >= MIN_FAILED and requested and failed / requested >= FAILED_SHARE:
        parts = [f"{bad} of {count} {kind}s" for kind, (count, bad) in counts.items() if bad]
        reasons.append(f"{failed} of {requested} resources failed to load ({', '.join(parts)})")
        unreliable.add("performance")
    return RenderHealth(
        mode=mode,
        resources=counts,
        unstyled=unstyled,
        blank=blank,
        reasons=tuple(reasons),
        unreliable=tuple(name for name in LAYOUT_CATEGORIES if name in unreliable),
        page=page,
    )
