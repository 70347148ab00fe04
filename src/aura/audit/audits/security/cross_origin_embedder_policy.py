from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit


class CrossOriginEmbedderPolicy(ObservatoryTestAudit):
    id = "cross-origin-embedder-policy"
    title = "Cross-Origin-Embedder-Policy is valid"
    failure_title = "Cross-Origin-Embedder-Policy is invalid"
    description = "COEP controls which cross-origin resources the page may load."
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
