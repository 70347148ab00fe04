"""The gatherer protocol and the context gatherers share during one analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from aura.audit.artifacts import Artifacts
from aura.audit.fetch import Fetcher
from aura.audit.gatherers.limits import SubresourceLimits


@dataclass
class GatherContext:
    """What a gatherer may use: the page's artifacts so far and the guarded fetchers."""

    url: str
    artifacts: Artifacts
    #: For the page itself (its limits come from the settings).
    fetcher: Fetcher
    #: For robots.txt, sitemaps, subresources: no retries, tighter byte and time limits.
    aux_fetcher: Fetcher
    subresource_limits: SubresourceLimits


class Gatherer(Protocol):
    produces: ClassVar[type[Any]]
    depends: ClassVar[tuple[type[Any], ...]]

    async def gather(self, context: GatherContext) -> object: ...
