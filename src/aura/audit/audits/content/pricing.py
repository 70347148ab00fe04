from __future__ import annotations

import re
from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult

_PRICE = re.compile(r"(?:[$€£¥]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|EUR|USD|GBP)\b)")
_PRICING_WORDS = re.compile(r"\b(?:pricing|prices|plans|per month|/mo|free trial)\b", re.I)


class Pricing(Audit):
    id = "pricing"
    title = "Pricing mentions"
    failure_title = "Pricing mentions"
    description = "Prices and pricing words on the page: whether the offer is priced openly."
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        text = artifacts.get(Document).visible_text
        prices = list(dict.fromkeys(_PRICE.findall(text)))[:20]
        mentions = sorted({match.lower() for match in _PRICING_WORDS.findall(text)})
        return AuditResult(
            None,
            ", ".join(prices[:5]) or ("pricing mentioned" if mentions else "No prices"),
            {"prices": prices, "mentions": mentions},
            facts={"prices": prices},
        )
