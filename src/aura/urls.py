"""Normalising and validating the URLs users submit."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

import httpx

from aura.audit.fetch.guard import is_public_address

MAX_URL_LENGTH = 2048


class InvalidUrlError(ValueError):
    """The message names the URL and says what is wrong with it."""


def normalise_url(raw: str, *, allow_private: bool = True) -> str:
    """Return the canonical form of a user-typed URL or raise ``InvalidUrlError``.

    Adds ``https://`` when no scheme is given, lower-cases scheme and host, drops the default
    port and the fragment, and gives an empty path a ``/``. Host names that are IP literals
    are checked against the private-network guard when ``allow_private`` is false (names are
    checked later, after resolution, when the page is fetched).
    """
    text = raw.strip()
    if not text:
        raise InvalidUrlError("an empty URL was given")
    if len(text) > MAX_URL_LENGTH:
        raise InvalidUrlError(f"{text[:60]}… is longer than {MAX_URL_LENGTH} characters")
    if any(ch.isspace() for ch in text) or any(ord(ch) < 32 for ch in text):
        raise InvalidUrlError(f"{text!r} contains white space or control characters")
    if "://" not in text:
        if ":" in text.split("/", 1)[0] and not _looks_like_host_port(text):
            scheme = text.split(":", 1)[0]
            if scheme.lower() in ("http", "https"):
                # http:/host, http:\\host: browsers guess, Aura does not.
                raise InvalidUrlError(f"{text!r} is not a valid URL: write {scheme}://host/")
            raise InvalidUrlError(f"{text!r} uses the scheme {scheme!r}; only http and https")
        # Plain names get HTTPS; an address or localhost is far more often a dev server.
        bare_host = text.split("/", 1)[0].rsplit(":", 1)[0].strip("[]").lower()
        local = bare_host == "localhost" or _ip_literal(bare_host) is not None
        text = ("http://" if local else "https://") + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise InvalidUrlError(f"{raw.strip()!r} is not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidUrlError(f"{raw.strip()!r} uses the scheme {scheme!r}; only http and https")
    if port == 0:
        raise InvalidUrlError(f"{raw.strip()!r} has port 0, which nothing can listen on")
    if parts.username is not None or parts.password is not None:
        raise InvalidUrlError(f"{raw.strip()!r} contains credentials; they are not allowed")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidUrlError(f"{raw.strip()!r} has no host name")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidUrlError(f"{raw.strip()!r} has an invalid host name") from None
    address = _ip_literal(host)
    if address is None and not _valid_hostname(host):
        raise InvalidUrlError(f"{raw.strip()!r} has an invalid host name {host!r}")
    if not allow_private and (
        host == "localhost"
        or host.endswith(".localhost")
        or (address is not None and not is_public_address(address))
    ):
        raise InvalidUrlError(
            f"{raw.strip()!r} points to a private or loopback address, which this server "
            "does not fetch (AURA_ALLOW_PRIVATE_NETWORKS)"
        )
    netloc = f"[{host}]" if address is not None and address.version == 6 else host
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    normalised = urlunsplit((scheme, netloc, path, parts.query, ""))
    unfetchable = fetch_refusal(normalised)
    if unfetchable:
        raise InvalidUrlError(f"{raw.strip()!r} cannot be fetched: {unfetchable}")
    return normalised


def fetch_refusal(url: str) -> str | None:
    """Why the HTTP client would refuse ``url`` (an ``xn--`` label that is not valid
    Punycode, a malformed port or address), or None. The same judgement as the fetcher's."""
    try:
        httpx.URL(url).host  # noqa: B018  (the host is checked when it is decoded)
    except (httpx.InvalidURL, UnicodeError) as error:
        return str(error) or type(error).__name__
    return None


def _looks_like_host_port(text: str) -> bool:
    head = text.split("/", 1)[0]
    _, _, port = head.rpartition(":")
    return port.isdigit()


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _valid_hostname(host: str) -> bool:
    if len(host) > 253:
        return False
    labels = host.split(".")
    for label in labels:
        if not label or len(label) > 63 or label.startswith("-") or label.endswith("-"):
            return False
        if not all(ch.isalnum() or ch in "-_" for ch in label):
            return False
    # An all-numeric name such as 2130706433 or 127.1 is an IP address in disguise.
    return not all(label.isdigit() for label in labels) and not _numeric_ipv4(host)


def _numeric_ipv4(host: str) -> bool:
    """Shorthand IPv4 forms (0x7f.1, 0177.0.0.1) that resolvers accept but ipaddress does not."""
    labels = host.split(".")
    if len(labels) > 4:
        return False
    for label in labels:
        lowered = label.lower()
        if lowered.startswith("0x"):
            if not lowered[2:] or any(c not in "0123456789abcdef" for c in lowered[2:]):
                return False
        elif not label.isdigit():
            return False
    return True
