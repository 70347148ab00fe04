"""Fetching one page safely: guarded connections, bounded time, size and redirects."""

from __future__ import annotations

import asyncio
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from aura.audit.fetch.decoding import (
    ACCEPT_ENCODING,
    BodyDecodingError,
    BoundedDecoder,
    DecodedTooLargeError,
)
from aura.audit.fetch.guard import BlockedAddressError, NetworkPolicy
from aura.audit.fetch.transport import ConnectionFacts, GuardedTransport, current_connection

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchLimits:
    user_agent: str
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 10
    retries: int = 1
    retry_backoff: float = 0.5
    #: How long one host name may take to resolve; None: the connect timeout.
    dns_timeout: float | None = None


class FetchError(Exception):
    """A page could not be fetched; the message is shown to the user as is."""

    transient = False


class BlockedTargetError(FetchError):
    pass


class FetchTimeoutError(FetchError):
    transient = True


class ConnectionFailedError(FetchError):
    transient = True


class TooLargeError(FetchError):
    pass


class TooManyRedirectsError(FetchError):
    pass


@dataclass(frozen=True)
class RedirectHop:
    url: str
    status_code: int
    location: str


@dataclass
class Timings:
    dns_ms: float | None = None
    connect_ms: float | None = None
    tls_ms: float | None = None
    ttfb_ms: float | None = None
    download_ms: float | None = None
    total_ms: float | None = None


@dataclass(frozen=True)
class TlsFacts:
    """What the TLS handshake of the final response established."""

    version: str | None
    cipher: str | None
    certificate_issuer: str | None = None
    certificate_subject: str | None = None
    certificate_not_after: str | None = None


@dataclass
class FetchedResponse:
    requested_url: str
    final_url: str
    status_code: int
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes
    redirects: list[RedirectHop] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    remote_address: str | None = None
    #: Bytes on the wire for the final response (compressed), when the server said.
    transfer_bytes: int | None = None
    tls: TlsFacts | None = None

    def header_values(self, name: str) -> list[str]:
        """Every value of a repeated header (``Set-Cookie``), in order."""
        lowered = name.lower()
        return [value for key, value in self.headers if key.lower() == lowered]

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        match = re.search(r"charset=[\"']?([\w.:-]+)", self.header("content-type") or "", re.I)
        return match.group(1) if match else None


class Fetcher:
    """An HTTP client for analysed pages. Create one per analysis run and close it."""

    def __init__(self, limits: FetchLimits, policy: NetworkPolicy) -> None:
        self.limits = limits
        self.policy = policy
        self._client = httpx.AsyncClient(
            transport=GuardedTransport(
                policy,
                dns_timeout=(
                    limits.connect_timeout if limits.dns_timeout is None else limits.dns_timeout
                ),
                # Without retries a host that failed once would fail again: fail it at once.
                remember_failures=limits.retries == 0,
            ),
            follow_redirects=False,
            timeout=httpx.Timeout(
                connect=limits.connect_timeout,
                read=limits.read_timeout,
                write=limits.read_timeout,
                pool=limits.connect_timeout,
            ),
            headers={
                "User-Agent": limits.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Language": "en;q=0.9,*;q=0.5",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            trust_env=False,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(
        self, url: str, *, method: str = "GET", peek: int | None = None
    ) -> FetchedResponse:
        """Fetch ``url`` following redirects, retrying transient failures, within budget.

        ``method``: ``GET`` or ``HEAD`` (a status check). ``peek``: read at most this many
        bytes of the body and stop there, without an error (a status check that does not
        download the file); the body is then truncated."""
        attempt = 0
        while True:
            try:
                async with asyncio.timeout(self.limits.total_timeout):
                    return await self._fetch_once(url, method, peek)
            except TimeoutError:
                error: FetchError = FetchTimeoutError(
                    f"gave up after {self.limits.total_timeout:g} s (total time limit)"
                )
            except FetchError as fetch_error:
                error = fetch_error
            if not error.transient or attempt >= self.limits.retries:
                raise error
            attempt += 1
            await asyncio.sleep(self.limits.retry_backoff * attempt)

    async def _fetch_once(self, url: str, method: str, peek: int | None) -> FetchedResponse:
        started = time.perf_counter()
        redirects: list[RedirectHop] = []
        current = url
        while True:
            response = await self._request(current, started, method, peek)
            location = response.header("location")
            if response.status_code not in REDIRECT_CODES or not location:
                response.requested_url = url
                response.redirects = redirects
                response.timings.total_ms = (time.perf_counter() - started) * 1000
                return response
            try:
                target = urljoin(current, location.strip())
                scheme = urlsplit(target).scheme
            except ValueError as error:
                raise FetchError(
                    f"redirect to an invalid location refused ({error}): {location[:200]!r}"
                ) from None
            if scheme not in ("http", "https"):
                raise FetchError(f"redirect to a non-HTTP location refused: {target[:200]}")
            redirects.append(RedirectHop(current, response.status_code, target))
            if len(redirects) > self.limits.max_redirects:
                raise TooManyRedirectsError(
                    f"more than {self.limits.max_redirects} redirects (last: {target[:200]})"
                )
            if any(hop.url == target for hop in redirects):
                raise TooManyRedirectsError(f"redirect loop at {target[:200]}")
            current = target

    async def _request(
        self, url: str, started: float, method: str = "GET", peek: int | None = None
    ) -> FetchedResponse:
        facts = ConnectionFacts()
        marks: dict[str, float] = {}

        async def trace(name: str, _info: object) -> None:
            marks.setdefault(name, time.perf_counter())

        try:
            request = self._client.build_request(method, url, extensions={"trace": trace})
        except (httpx.InvalidURL, UnicodeError) as error:
            # A host that is not valid IDNA, a malformed address: often a redirect's Location.
            reason = str(error) or type(error).__name__
            raise FetchError(f"cannot fetch {url[:200]!r}: {reason}") from None
        token = current_connection.set(facts)
        try:
            sent = time.perf_counter()
            response = await self._client.send(request, stream=True)
            try:
                headers_at = time.perf_counter()
                tls = _tls_facts(response)
                body = (
                    b""
                    if method == "HEAD"
                    else await self._read_body(response, url)
                    if peek is None
                    else await self._peek_body(response, peek)
                )
                finished = time.perf_counter()
            finally:
                await response.aclose()
        except BlockedAddressError as error:
            raise BlockedTargetError(str(error)) from None
        except (httpx.InvalidURL, UnicodeError) as error:
            # The host's IDNA is checked when the transport decodes it.
            reason = str(error) or type(error).__name__
            raise FetchError(f"cannot fetch {url[:200]!r}: {reason}") from None
        except httpx.TimeoutException as error:
            raise FetchTimeoutError(f"timed out ({_describe(error)})") from None
        except (httpx.ConnectError, OSError) as error:
            raise ConnectionFailedError(f"could not connect: {_describe(error)}") from None
        except httpx.HTTPError as error:
            raise FetchError(f"HTTP error: {_describe(error)}") from None
        finally:
            current_connection.reset(token)

        timings = Timings(
            dns_ms=_rounded(facts.dns_ms),
            connect_ms=_span(
                marks, "connection.connect_tcp.started", "connection.connect_tcp.complete"
            ),
            tls_ms=_span(marks, "connection.start_tls.started", "connection.start_tls.complete"),
            ttfb_ms=_rounded((headers_at - sent) * 1000),
            download_ms=_rounded((finished - headers_at) * 1000),
        )
        transfer = response.headers.get("content-length")
        return FetchedResponse(
            requested_url=url,
            final_url=str(response.url),
            status_code=response.status_code,
            http_version=response.http_version,
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
            body=body,
            timings=timings,
            remote_address=facts.remote_address,
            transfer_bytes=int(transfer) if transfer and transfer.isdigit() else None,
            tls=tls,
        )

    async def _peek_body(self, response: httpx.Response, peek: int) -> bytes:
        """The first ``peek`` bytes of the raw body (not decoded); the rest is not read."""
        chunks: list[bytes] = []
        size = 0
        async for raw in response.aiter_raw():
            chunks.append(raw)
            size += len(raw)
            if size >= peek:
                break
        return b"".join(chunks)[:peek]

    async def _read_body(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise TooLargeError(
                f"the response is {int(declared):,} bytes, over the "
                f"{self.limits.max_bytes:,}-byte limit"
            )
        too_large = TooLargeError(
            f"the response grew past the {self.limits.max_bytes:,}-byte limit (after decompression)"
        )
        # Decoded here rather than by httpx, which inflates a whole network chunk at once:
        # a compression bomb would be in memory before any limit could be checked.
        decoder = BoundedDecoder(response.headers.get("content-encoding"), self.limits.max_bytes)
        chunks: list[bytes] = []
        size = 0
        try:
            async for raw in response.aiter_raw():
                chunk = decoder.decode(raw)
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise too_large
                chunks.append(chunk)
            chunk = decoder.flush()
        except DecodedTooLargeError:
            raise too_large from None
        except BodyDecodingError as error:
            encoding = response.headers.get("content-encoding")
            raise FetchError(f"the {encoding} body could not be decoded ({error})") from None
        if size + len(chunk) > self.limits.max_bytes:
            raise too_large
        chunks.append(chunk)
        return b"".join(chunks)


def _describe(error: BaseException) -> str:
    """A short reason for the user, from the most telling exception in the chain."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, ssl.SSLError):
            return f"TLS handshake failed ({seen.reason or seen})"
        if isinstance(seen, socket.gaierror):
            return "the host name could not be resolved"
        seen = seen.__cause__ or seen.__context__
    text = str(error).strip()
    if text == "All connection attempts failed":
        return "connection refused or unreachable"
    return text or type(error).__name__


def _tls_facts(response: httpx.Response) -> TlsFacts | None:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    ssl_object = stream.get_extra_info("ssl_object")
    if not isinstance(ssl_object, ssl.SSLObject | ssl.SSLSocket):
        return None
    cipher = ssl_object.cipher()
    certificate = ssl_object.getpeercert() or {}
    return TlsFacts(
        version=ssl_object.version(),
        cipher=cipher[0] if cipher else None,
        certificate_issuer=_distinguished_name(certificate.get("issuer")),
        certificate_subject=_distinguished_name(certificate.get("subject")),
        certificate_not_after=str(certificate["notAfter"]) if "notAfter" in certificate else None,
    )


def _distinguished_name(value: object) -> str | None:
    """``((('commonName', 'x'),), …)`` as ``commonName=x, …``."""
    if not isinstance(value, tuple):
        return None
    parts = [
        f"{key}={item}"
        for group in value
        if isinstance(group, tuple)
        for pair in group
        if isinstance(pair, tuple) and len(pair) == 2
        for key, item in [pair]
    ]
    return ", ".join(parts) or None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _span(marks: dict[str, float], start: str, end: str) -> float | None:
    if start in marks and end in marks:
        return _rounded((marks[end] - marks[start]) * 1000)
    return None
