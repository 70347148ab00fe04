from __future__ import annotations

import re
from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}")
_CONTACT_LINK = re.compile(r"contact|kontakt|contacto|impressum", re.I)


class ContactDetails(Audit):
    id = "contact-details"
    title = "Contact details are present"
    failure_title = "No contact details found"
    description = "An e-mail address, phone number, address or contact page builds trust."
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        text = document.visible_text
        found = {
            "email": bool(document.first("a[href^='mailto:']")) or bool(_EMAIL.search(text)),
            "phone": bool(document.first("a[href^='tel:']")) or bool(_PHONE.search(text)),
            "address": document.first("address") is not None,
            "contact_page": any(
                _CONTACT_LINK.search(node.attributes.get("href") or "")
                for node in document.css("a[href]")
            ),
        }
        present = [name for name, ok in found.items() if ok]
        return AuditResult(
            1.0 if present else 0.0,
            ", ".join(present).replace("_", " ") or "None",
            found,
            facts={"contact": present},
        )
