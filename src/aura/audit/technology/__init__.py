"""Technology detection with Wappalyzer-format fingerprints.

The static engine fills ``PageSignals`` from the HTTP exchange and the HTML; a browser
adds ``BrowserSignals`` (JS globals from ``FingerprintSet.js_chains``, DOM properties from
``FingerprintSet.dom_properties``, request URLs); ``detect`` matches and resolves both::

    fingerprints = load_fingerprints(directory)
    detections = detect(fingerprints, page_signals(exchange, document), BrowserSignals(js=...))

In an analysis, ``gatherers.technology_report(artifacts, browser)`` does the same from the
artifacts, and ``gatherers.browser_queries(options)`` tells a browser what to read.
"""

from aura.audit.technology.artifacts import DnsRecords, TechnologyOptions, TechnologyReport
from aura.audit.technology.engine import Detection, Evidence, detect
from aura.audit.technology.fingerprints import (
    FingerprintDataMissingError,
    FingerprintSet,
    load_fingerprints,
)
from aura.audit.technology.signals import BrowserSignals, PageSignals, Script, page_signals

__all__ = [
    "BrowserSignals",
    "Detection",
    "DnsRecords",
    "Evidence",
    "FingerprintDataMissingError",
    "FingerprintSet",
    "PageSignals",
    "Script",
    "TechnologyOptions",
    "TechnologyReport",
    "detect",
    "load_fingerprints",
    "page_signals",
]
