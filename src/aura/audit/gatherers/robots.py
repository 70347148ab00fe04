"""``/robots.txt`` of the page's origin."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import HttpExchange, RobotsTxt
from aura.audit.fetch import FetchError
from aura.audit.gatherers.base import GatherContext


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class RobotsTxtGatherer:
    produces: ClassVar[type[RobotsTxt]] = RobotsTxt
    depends: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    async def gather(self, context: GatherContext) -> RobotsTxt:
        exchange = context.artifacts.get(HttpExchange)
        url = origin_of(exchange.final_url) + "/robots.txt"
        try:
            response = await context.aux_fetcher.fetch(url)
        except FetchError as error:
            return RobotsTxt(url=url, status_code=None, error=str(error))
        text = response.body.decode(response.charset or "utf-8", errors="replace")
        return RobotsTxt(url=url, status_code=response.status_code, text=text.lstrip("\ufeff"))
