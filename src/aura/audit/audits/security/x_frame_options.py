from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class XFrameOptions(ObservatoryTestAudit):
    id = "x-frame-options"
    title = "The page cannot be framed by other sites"
    failure_title = "The page can be framed by other sites"
    description = "X-Frame-Options or CSP frame-ancestors prevent clickjacking."
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
