from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class Cookies(ObservatoryTestAudit):
    id = "cookies"
    title = "Cookies are set securely"
    failure_title = "Cookies are set without Secure, HttpOnly or SameSite"
    description = (
        "Cookies should be Secure, session cookies HttpOnly, and all of them carry SameSite."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
