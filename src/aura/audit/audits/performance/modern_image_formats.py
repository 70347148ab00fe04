from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, ImageEncodings, Subresources
from aura.audit.audits.performance._encodings import encoding_savings
from aura.audit.base import Audit, AuditResult

#: Lighthouse lists an image when WebP would save at least this much.
THRESHOLD_BYTES = 8 * 1024


class ModernImageFormats(Audit):
    id = "modern-image-formats"
    title = "Serves images in modern formats"
    failure_title = "Serve images in modern formats"
    description = (
        "WebP and AVIF compress better than JPEG, PNG and BMP: the same picture in fewer "
        "bytes. The savings are measured: each of the page's largest JPEG, PNG and BMP images "
        "(named in its HTML or CSS) is re-encoded to WebP at quality 85, as Lighthouse does. "
        "AVIF would usually save more; it is not measured."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources, ImageEncodings)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return encoding_savings(
            artifacts, lambda item: True, lambda item: item.webp_bytes, THRESHOLD_BYTES
        )
