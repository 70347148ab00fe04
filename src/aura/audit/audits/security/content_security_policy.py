from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class ContentSecurityPolicy(ObservatoryTestAudit):
    id = "content-security-policy"
    title = "Content Security Policy is set and strict"
    failure_title = "Content Security Policy is missing or unsafe"
    description = (
        "A CSP without 'unsafe-inline' scripts is the main defence against cross-site scripting."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
