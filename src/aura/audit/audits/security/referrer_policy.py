from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class ReferrerPolicy(ObservatoryTestAudit):
    id = "referrer-policy"
    title = "Referrer-Policy does not leak full URLs"
    failure_title = "Referrer-Policy leaks full URLs"
    description = (
        "A Referrer-Policy such as strict-origin-when-cross-origin keeps paths and "
        "queries from leaking to other sites."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
