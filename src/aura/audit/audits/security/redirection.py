from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange, HttpRedirection
from aura.audit.audits.security._shared import ObservatoryTestAudit


class Redirection(ObservatoryTestAudit):
    id = "redirection"
    title = "HTTP redirects to HTTPS on the same host"
    failure_title = "HTTP does not redirect properly to HTTPS"
    description = (
        "Visitors typing the plain address should be sent straight to HTTPS on the same "
        "host, so HSTS can take over."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document, HttpRedirection)
