from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urldefrag, urlsplit

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import text_of
from aura.audit.text import hidden, visible_text

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}")
_CONTACT_LINK = re.compile(r"contact|kontakt|contacto|impressum", re.I)


class ContactDetails(Audit):
    id = "contact-details"
    title = "Contact details are present"
    failure_title = "No contact details found"
    description = (
        "An e-mail address, phone number, postal address or a link to the site's own "
        "contact page builds trust. Only what a visitor can see counts (hidden messages, "
        "`<noscript>` and templates left out), and a contact page only on the same site."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        text = visible_text(document)
        links = [node for node in document.css("a[href]") if not hidden(node)]
        hrefs = [(node.attributes.get("href") or "").strip() for node in links]
        found = {
            # "mailto:?subject=…" shares the page by e-mail: it holds no address.
            "email": any(
                href.lower().startswith("mailto:") and "@" in href.partition("?")[0]
                for href in hrefs
            )
            or bool(_EMAIL.search(text)),
            "phone": any(
                href.lower().startswith("tel:") and any(char.isdigit() for char in href)
                for href in hrefs
            )
            or bool(_PHONE.search(text)),
            "address": any(not hidden(node) for node in document.css("address")),
            "contact_page": any(
                _CONTACT_LINK.search(urlsplit(href).path + " " + text_of(node))
                and _same_site(document.resolve(href), own_hosts(document))
                for node, href in zip(links, hrefs, strict=True)
                # "#!" placeholders and links to the page itself lead nowhere.
                if not href.lower().startswith(("mailto:", "tel:", "javascript:", "#"))
                and urldefrag(document.resolve(href)).url != urldefrag(document.url).url
            ),
        }
        present = [name for name, ok in found.items() if ok]
        return AuditResult(
            1.0 if present else 0.0,
            ", ".join(present).replace("_", " ") or "None",
            found,
            facts={"contact": present},
        )


def own_hosts(document: Document) -> set[str]:
    """The page's own hosts: where it was fetched from, and the address it gives itself
    (its canonical link and ``og:url``: a copy served elsewhere still names its site)."""
    declared = [document.url]
    canonical = document.first("link[rel=canonical][href]")
    if canonical is not None:
        declared.append(document.resolve(canonical.attributes.get("href") or ""))
    og_url = document.meta("og:url")
    if og_url:
        declared.append(og_url)
    return {host.removeprefix("www.") for url in declared if (host := urlsplit(url).hostname or "")}


def _same_site(url: str, own: set[str]) -> bool:
    """Whether ``url`` is on one of the ``own`` hosts (or a subdomain of one)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return any(host == site or host.endswith("." + site) for site in own)
