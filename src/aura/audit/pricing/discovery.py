"""Where a site's prices are: on the analysed page, or on a pricing page it links to.

A page that is about pricing (its path says so, or it shows priced plans with a billing
period) is read as it is. Otherwise its best same-site link to a pricing page is fetched
with the page's own guarded fetcher and limits, and read instead. A page without such a
link costs no request. Failing to fetch the pricing page is a fact to report, never a
reason to fail the analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from urllib.parse import urldefrag, urlsplit

from aura.audit import cpu
from aura.audit.artifacts import Document, exclusive
from aura.audit.dom import text_of
from aura.audit.fetch import FetchError
from aura.audit.html import decode_html, page_problem, parse_refusal
from aura.audit.pricing.plans import Plan, find_plans
from aura.audit.urls import is_third_party

if TYPE_CHECKING:
    from aura.audit.gatherers.base import GatherContext

PricingSource = Literal["page", "linked"]

#: Path words of pricing pages, in the languages sites commonly use.
_PATH_WORDS_TEXT = """
    pricing prices price plans tarif tarifs tarife tarifa tarifas tariffe preise precios precos
    prix prezzi priser prijzen cennik pricelist
"""
_PATH_WORDS = frozenset(_PATH_WORDS_TEXT.split())
#: Words that may join them in a path ("plans-and-pricing"); others make it another page
#: ("/blog/pricing-strategy-tips").
_PATH_JOINERS = frozenset({"and", "und", "et", "y", "e", "our", "all", "compare", "en"})
_LINK_TEXT = re.compile(
    r"(?:see\s+|view\s+|our\s+|compare\s+)?(?:pricing|plans|prices|plans\s+(?:&|and)\s+pricing"
    r"|pricing\s+(?:&|and)\s+plans|tarifs?|tarife|preise|precios|prix|prezzi|priser|prijzen)",
    re.I,
)
_NOT_PAGES = re.compile(r"\.(?:pdf|png|jpe?g|gif|webp|svg|zip|csv|xlsx?|docx?)$", re.I)


@dataclass(frozen=True)
class PricingPlans:
    """The plans found, and where: the analysed page itself or the pricing page it links to."""

    url: str | None
    source: PricingSource | None
    plans: tuple[Plan, ...] = ()
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "source": self.source,
            "plans": [plan.as_json() for plan in self.plans],
            "error": self.error,
        }


class PricingGatherer:
    produces: ClassVar[type[PricingPlans]] = PricingPlans
    depends: ClassVar[tuple[type[object], ...]] = (Document,)

    async def gather(self, context: GatherContext) -> PricingPlans:
        document = context.artifacts.get(Document)
        plans, link = await cpu.to_thread(exclusive, document, read_page, document)
        if plans is not None:
            return PricingPlans(document.url, "page", tuple(plans))
        if link is None:
            return PricingPlans(None, None)
        try:
            response = await context.fetcher.fetch(link)
        except FetchError as error:
            return PricingPlans(link, "linked", error=str(error))
        problem = page_problem(response.status_code, response.content_type)
        if problem is not None:
            return PricingPlans(response.final_url, "linked", error=problem)
        html, charset = decode_html(response.body, response.charset)
        linked = Document(url=response.final_url, html=html, charset=charset)
        return await cpu.to_thread(read_linked_page, linked)


def read_page(document: Document) -> tuple[list[Plan] | None, str | None]:
    """(the page's plans if it is about pricing, else None; the pricing link to follow)."""
    about_pricing = is_pricing_url(document.url)
    plans = find_plans(document, single=about_pricing)
    if about_pricing or (
        len(plans) >= 2 and (any(plan.period for plan in plans) or _has_pricing_heading(document))
    ):
        return plans, None
    return None, pricing_link(document)


def _has_pricing_heading(document: Document) -> bool:
    """A section headed "Pricing" or "Plans": its priced cards are plans even where no
    billing period is written (a product grid has neither)."""
    return any(
        _LINK_TEXT.fullmatch(text_of(node).strip(" :.")) for node in document.css("h1, h2, h3")
    )


def read_linked_page(document: Document) -> PricingPlans:
    refusal = parse_refusal(document.html)
    if refusal is not None:
        error = f"the pricing page {refusal}; it is not read"
        return PricingPlans(document.url, "linked", error=error)
    return PricingPlans(document.url, "linked", tuple(find_plans(document, single=True)))


def is_pricing_url(url: str) -> bool:
    """Whether the path names a pricing page (``/pricing``, ``/en/plans.html``, ``/preise``)."""
    for segment in urlsplit(url).path.lower().split("/"):
        words = set(re.split(r"[-_]", segment.rsplit(".", 1)[0]))
        if words & _PATH_WORDS and words <= _PATH_WORDS | _PATH_JOINERS:
            return True
    return False


def pricing_link(document: Document) -> str | None:
    """The page's best link to a pricing page of the same site: by its path and its text
    (both beat either), then the first in the page."""
    here = urldefrag(document.url).url
    best: tuple[int, str] | None = None
    for node in document.css("a[href]"):
        target = urldefrag(document.resolve(node.attributes.get("href") or "")).url
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or target == here:
            continue
        if is_third_party(target, document.url) or _NOT_PAGES.search(parts.path):
            continue
        score = 2 * is_pricing_url(target) + bool(_LINK_TEXT.fullmatch(text_of(node)))
        if score and (best is None or score > best[0]):
            best = (score, target)
    return best[1] if best is not None else None
