from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class CrossOriginResourcePolicy(ObservatoryTestAudit):
    id = "cross-origin-resource-policy"
    title = "Cross-Origin-Resource-Policy is valid"
    failure_title = "Cross-Origin-Resource-Policy is invalid"
    description = "CORP limits which sites may embed this resource."
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
