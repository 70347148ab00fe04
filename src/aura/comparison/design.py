"""Design side by side: palettes, font families, and the visual-identity basics.

In browser mode the analysis replaces the CSS estimates of palette and fonts with what the
rendered page shows, and adds brand colours and the heading and body typefaces.
"""

from __future__ import annotations

from collections.abc import Iterable

from aura.comparison.document import DesignSection, SiteDesign
from aura.comparison.inputs import Analysed, Contest, mapping, strings, text


def palette_of(site: Analysed) -> list[str]:
    """Colours as lower-case strings; entries may be strings or mappings with a ``color``."""
    raw = site.facts.get("palette")
    colors: list[str] = []
    for item in raw if isinstance(raw, list) else []:
        color = text(item) or text(mapping(item).get("color"))
        if color is not None and color.strip().lower() not in colors:
            colors.append(color.strip().lower())
    return colors


def _count(site: Analysed, metric_id: str) -> float | None:
    """A design count; zero means nothing was measured (see ``MetricSpec.zero_is_absent``)."""
    return site.metrics.get(metric_id) or None


def site_design(site: Analysed) -> SiteDesign:
    dark_mode = site.any_audit("dark-mode")
    typography = mapping(site.facts.get("typography"))
    return SiteDesign(
        url=site.url,
        palette=palette_of(site),
        theme_color=text(site.facts.get("theme_color")),
        brand_color=text(site.facts.get("brand_color")),
        accent_color=text(site.facts.get("accent_color")),
        fonts=strings(site.facts.get("fonts")),
        heading_font=text(typography.get("headings")),
        body_font=text(typography.get("body")),
        font_services=strings(site.facts.get("font_services")),
        distinct_colors=_count(site, "distinct_colors"),
        distinct_font_sizes=_count(site, "distinct_font_sizes"),
        font_family_count=_count(site, "font_family_count"),
        has_logo=(site.facts.get("logo") is not None) if "logo" in site.facts else None,
        dark_mode=None if dark_mode is None or dark_mode.score is None else dark_mode.passed,
    )


def shared(lists: Iterable[list[str]]) -> list[str]:
    """Items (compared case-insensitively) found in every non-empty list, in first-seen order."""
    present = [items for items in lists if items]
    if len(present) < 2:
        return []
    common = set.intersection(*({item.casefold() for item in items} for items in present))
    return [item for item in dict.fromkeys(present[0]) if item.casefold() in common]


def build_design(contest: Contest) -> DesignSection:
    sites = [site_design(site) for site in contest.sites]
    return DesignSection(
        sites=sites,
        shared_fonts=shared(site.fonts for site in sites),
        shared_colors=shared(site.palette for site in sites),
    )
