from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class CrossOriginOpenerPolicy(ObservatoryTestAudit):
    id = "cross-origin-opener-policy"
    title = "Cross-Origin-Opener-Policy is valid"
    failure_title = "Cross-Origin-Opener-Policy is invalid"
    description = "COOP isolates the page's browsing context from cross-origin windows."
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
