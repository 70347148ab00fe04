from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class StrictTransportSecurity(ObservatoryTestAudit):
    id = "strict-transport-security"
    title = "HSTS is set for at least six months"
    failure_title = "HSTS is missing or too short"
    description = (
        "Strict-Transport-Security makes browsers use HTTPS only, defeating downgrade attacks."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
