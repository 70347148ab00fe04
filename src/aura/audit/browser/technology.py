"""The bridge to technology detection: what to probe in the page, and what was seen."""

from __future__ import annotations

from dataclasses import replace

from aura.audit.browser.artifacts import RenderedTechnology
from aura.audit.browser.pool import BrowserSettings
from aura.audit.technology import BrowserSignals, FingerprintSet


def with_fingerprint_probes(
    settings: BrowserSettings, fingerprints: FingerprintSet
) -> BrowserSettings:
    """``settings`` that also probe every ``js`` chain and DOM property the fingerprints check."""
    return replace(
        settings,
        js_probes=tuple(sorted(set(settings.js_probes) | fingerprints.js_chains)),
        dom_property_probes=tuple(
            sorted(set(settings.dom_property_probes) | fingerprints.dom_properties)
        ),
    )


def browser_signals(rendered: RenderedTechnology) -> BrowserSignals:
    """The live page's evidence in the form ``aura.audit.technology.detect`` takes."""
    return BrowserSignals(
        js=dict(rendered.js_globals),
        dom_properties=dict(rendered.dom_properties),
        requests=rendered.request_urls,
    )
