from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class SubresourceIntegrity(ObservatoryTestAudit):
    id = "subresource-integrity"
    title = "Scripts from other origins are protected by SRI"
    failure_title = "Scripts from other origins have no SRI"
    description = (
        "The integrity attribute makes browsers refuse a third-party script that was tampered with."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
