from __future__ import annotations

import re
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import attr, clean, describe, is_hidden

#: Alt texts that stand in for a description without giving one.
PLACEHOLDER_ALTS = frozenset(
    {
        "image",
        "img",
        "photo",
        "picture",
        "pic",
        "graphic",
        "alt",
        "alt text",
        "placeholder",
        "untitled",
        "default",
        "spacer",
        "image description",
        "insert alt text",
        "todo",
    }
)
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.I)
_CAMERA_NAME = re.compile(r"^(?:img|dsc|dscn|image|photo|pxl|screenshot)[-_ ]?\d+$", re.I)


def has_text_alternative(node: LexborNode) -> bool:
    if (attr(node, "role") or "").lower() in ("presentation", "none"):
        return True
    if node.attributes.get("alt") is not None:
        return True
    return any(attr(node, name) for name in ("aria-label", "aria-labelledby", "title"))


def placeholder_alt(node: LexborNode) -> str | None:
    """The alt text when it only pretends to describe the image (``...``, "image", a file
    name), else None. An empty alt is a deliberate "decorative", not a placeholder."""
    alt = clean(node.attributes.get("alt"))
    if not alt:
        return None
    bare = alt.lower().strip(" .…-_*#")
    if not bare or bare in PLACEHOLDER_ALTS:
        return alt
    if _FILE_NAME.search(bare) or _CAMERA_NAME.match(bare):
        return alt
    return None


class ImageAlt(Audit):
    id = "image-alt"
    title = "Image elements have meaningful [alt] attributes"
    failure_title = "Image elements lack [alt] attributes or have placeholder alt text"
    description = (
        "Informative images need a short text alternative; decorative images an empty "
        '`alt=""`. Screen readers and search engines rely on it. Placeholder text '
        '(`alt="..."`, "image", a file name) describes nothing and fails too.'
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        images = [node for node in artifacts.get(Document).css("img") if not is_hidden(node)]
        if not images:
            return AuditResult.not_applicable_because("no visible images")
        missing = [describe(node) for node in images if not has_text_alternative(node)]
        placeholders = [
            {"image": describe(node), "alt": alt}
            for node in images
            if (alt := placeholder_alt(node)) is not None
        ]
        if not missing and not placeholders:
            return AuditResult.passed(items=[], placeholders=[], checked=len(images))
        parts = []
        if missing:
            parts.append(f"{plural(len(missing), 'image')} without alt")
        if placeholders:
            parts.append(f"{plural(len(placeholders), 'placeholder alt text')}")
        return AuditResult.failed(
            ", ".join(parts),
            items=missing[:50] or [item["image"] for item in placeholders[:50]],
            placeholders=placeholders[:50],
            checked=len(images),
        )
