from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import JPEG_JUDGED_FORMATS, Artifacts, ImageEncodings, Subresources
from aura.audit.audits.performance._encodings import encoding_savings
from aura.audit.base import Audit, AuditResult

#: Lighthouse lists an image when re-encoding it saves at least this much.
THRESHOLD_BYTES = 4 * 1024


class ImageEncodingEfficiency(Audit):
    id = "image-encoding"
    title = "Images are efficiently encoded"
    failure_title = "Encode images efficiently"
    description = (
        "JPEG and BMP images that would be noticeably smaller saved again as JPEG at quality "
        "92, as Lighthouse measures it (its 'efficiently encode images'): they were saved "
        "at a needlessly high quality or without compression. Measured by re-encoding the "
        "page's largest images."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources, ImageEncodings)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return encoding_savings(
            artifacts,
            lambda item: item.format in JPEG_JUDGED_FORMATS,
            lambda item: item.jpeg_bytes,
            THRESHOLD_BYTES,
        )
