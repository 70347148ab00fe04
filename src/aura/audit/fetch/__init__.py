"""Safe fetching: the guard, the guarded transport and the page fetcher."""

from aura.audit.fetch.client import (
    BlockedTargetError,
    FetchedResponse,
    Fetcher,
    FetchError,
    FetchLimits,
    FetchTimeoutError,
    TooLargeError,
    TooManyRedirectsError,
)
from aura.audit.fetch.guard import BlockedAddressError, NetworkPolicy, is_public_address

__all__ = [
    "BlockedAddressError",
    "BlockedTargetError",
    "FetchError",
    "FetchLimits",
    "FetchTimeoutError",
    "FetchedResponse",
    "Fetcher",
    "NetworkPolicy",
    "TooLargeError",
    "TooManyRedirectsError",
    "is_public_address",
]
