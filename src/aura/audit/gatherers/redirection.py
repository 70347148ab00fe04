"""What plain-HTTP visitors get: ``http://host/`` and the redirects it answers with."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import HttpExchange, HttpRedirection
from aura.audit.fetch import FetchError
from aura.audit.gatherers.base import GatherContext


class HttpRedirectionGatherer:
    produces: ClassVar[type[HttpRedirection]] = HttpRedirection
    depends: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    async def gather(self, context: GatherContext) -> HttpRedirection:
        exchange = context.artifacts.get(HttpExchange)
        requested = urlsplit(exchange.requested_url)
        if requested.scheme == "http":
            # The page itself was asked for over HTTP: its own redirect chain is the answer.
            chain = (*(hop.url for hop in exchange.redirects), exchange.final_url)
            return HttpRedirection(
                exchange.requested_url, chain, exchange.final_url, exchange.status_code
            )
        host = requested.hostname or ""
        start = f"http://{'[' + host + ']' if ':' in host else host}/"
        try:
            response = await context.aux_fetcher.fetch(start)
        except FetchError as error:
            return HttpRedirection(start, (start,), None, None, error=str(error))
        chain = (*(hop.url for hop in response.redirects), response.final_url)
        return HttpRedirection(start, chain, response.final_url, response.status_code)
