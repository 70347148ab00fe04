from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class CrossOriginResourceSharing(ObservatoryTestAudit):
    id = "cross-origin-resource-sharing"
    title = "Content is not readable by any origin with credentials"
    failure_title = "Content is readable by any origin"
    description = (
        "Access-Control-Allow-Origin decides which other sites may read the page's content."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
