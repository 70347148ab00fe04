from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class XContentTypeOptions(ObservatoryTestAudit):
    id = "x-content-type-options"
    title = "X-Content-Type-Options is nosniff"
    failure_title = "X-Content-Type-Options is not nosniff"
    description = (
        "nosniff stops browsers from guessing content types and running uploads as scripts."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
