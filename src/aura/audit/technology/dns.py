"""DNS records for the ``dns`` fingerprints, looked up only where a resolver answers.

An analysis must not wait on a resolver that is not there: lookups are bounded by one
short deadline for all record types together, IP addresses and local names are never
looked up, and after a lookup times out the process stops asking for a while.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time

RECORD_TYPES = ("MX", "TXT", "NS", "SOA", "CNAME")
#: After a timeout, DNS is not tried again for this long (seconds).
BACKOFF_SECONDS = 300.0
_LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".invalid", ".example", ".internal")

_silent_until = 0.0


def lookup_domain(host: str) -> str | None:
    """The name whose records are looked up (``www.`` dropped), or None when pointless."""
    host = host.strip(".").lower()
    if not host or "." not in host or host.endswith(_LOCAL_SUFFIXES):
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return None
    return host.removeprefix("www.")


async def dns_records(domain: str, within: float) -> tuple[dict[str, tuple[str, ...]], str | None]:
    """(records by type, error or None) for ``domain``, within ``within`` seconds."""
    global _silent_until
    if time.monotonic() < _silent_until:
        return {}, "skipped: the resolver did not answer recently"
    # dnspython is loaded by the first lookup: most analyses of a command-line run look
    # nothing up (DNS off, local names, addresses), and loading it cost 0.1 s of start-up.
    import dns.asyncresolver
    import dns.exception
    import dns.resolver

    try:
        resolver = dns.asyncresolver.Resolver()
    except dns.exception.DNSException as error:
        return {}, f"no resolver: {error}"
    resolver.lifetime = within
    resolver.timeout = within

    async def one(kind: str) -> tuple[str, tuple[str, ...]]:
        try:
            answer = await resolver.resolve(domain, kind, raise_on_no_answer=False)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoNameservers, dns.resolver.NoAnswer):
            return kind, ()
        return kind, tuple(_text(record) for record in answer)

    try:
        results = await asyncio.wait_for(
            asyncio.gather(*(one(kind) for kind in RECORD_TYPES)), within + 0.25
        )
    except (TimeoutError, dns.exception.Timeout):
        _silent_until = time.monotonic() + BACKOFF_SECONDS
        return {}, f"the resolver did not answer within {within:g} s"
    except dns.exception.DNSException as error:
        return {}, f"DNS lookup failed: {error}"
    return {kind: values for kind, values in results if values}, None


def _text(record: object) -> str:
    strings = getattr(record, "strings", None)
    if strings is not None:  # TXT: the strings joined, without quotes
        return "".join(part.decode("utf-8", "replace") for part in strings)
    return str(record).rstrip(".")
