"""SSRF: with private networks refused (the default), no URL reaches a private address.

A loopback fixture server stands for the private network: whatever the vector, it must
see no request at all. A second one stands for "the Internet": its port is declared public
in the network policy, and the test resolver gives it a public-looking name.

Vectors are refused at three points, each tested here: at submission (a 422 naming the
URL), when a name resolves to a private address (the URL fails, the batch goes on), and
on the way (a redirect hop or a subresource of a public page).
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from aura.audit.artifacts import Document
from aura.audit.fetch import Fetcher, FetchError, FetchLimits, NetworkPolicy, is_public_address
from aura.audit.gatherers import SubresourceLimits
from aura.audit.gatherers.subresources import fetch_all
from aura.urls import InvalidUrlError, normalise_url
from tests.security.helpers import hardened_settings, running_app, table_resolver
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_scripted

REFUSED_AT_FETCH = ("private or reserved address", "both public and private", "did not resolve")


@dataclass
class Network:
    """The private server, the "public" one, and a policy that tells them apart."""

    private: ScriptedSite
    public: ScriptedSite
    policy: NetworkPolicy

    @property
    def private_port(self) -> int:
        return _port(self.private)

    @property
    def public_port(self) -> int:
        return _port(self.public)

    def public_url(self, path: str) -> str:
        return f"http://www.public.test:{self.public_port}{path}"


def _port(site: ScriptedSite) -> int:
    return int(site.base.rsplit(":", 1)[1])


#: Names the test resolver answers; each stands for a DNS record an attacker controls.
RESOLVES_TO = {
    "www.public.test": ["127.0.0.1"],  # the "public" server (its port is declared public)
    "metadata.test": ["169.254.169.254"],
    "loopback.test": ["127.0.0.1"],
    "ten.test": ["10.0.0.7"],
    "cgnat.test": ["100.64.0.9"],
    "v6-loopback.test": ["::1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "compat.test": ["::127.0.0.1"],
    "ula.test": ["fd00::1"],
    "link-local-v6.test": ["fe80::1"],
    "multicast.test": ["239.1.2.3"],
    "rebind.test": ["93.184.215.14", "127.0.0.1"],
    "169.254.169.254.nip.io": ["169.254.169.254"],
    "nowhere.test": [],
}


@pytest.fixture
def network() -> Iterator[Network]:
    private = ScriptedSite()
    public = ScriptedSite(routes={"/": Route()})
    with serve_scripted(private), serve_scripted(public):
        policy = NetworkPolicy(
            public_ports=frozenset({_port(public)}), resolver=table_resolver(RESOLVES_TO)
        )
        yield Network(private, public, policy)
        # Every test here ends the same way: the private network saw nothing.
        assert private.hits == {}, f"the private server was reached: {private.hits}"


# --- refused at submission ------------------------------------------------------------------

#: {port} is the private server's port, so a vector that got through would be seen there.
SUBMISSION_VECTORS = [
    # Loopback and unspecified, in every notation.
    "http://127.0.0.1:{port}/",
    "http://127.1:{port}/",
    "http://2130706433:{port}/",
    "http://0x7f000001:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://0x7f.0.0.1:{port}/",
    "http://127.000.000.001:{port}/",
    "http://017700000001:{port}/",
    "http://127.0.0.1.:{port}/",
    "http://0.0.0.0:{port}/",
    "http://0:{port}/",
    "http://[::1]:{port}/",
    "http://[0:0:0:0:0:0:0:1]:{port}/",
    "http://[::]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://[::ffff:7f00:1]:{port}/",
    "http://[::127.0.0.1]:{port}/",
    "http://localhost:{port}/",
    "http://LOCALHOST.:{port}/",
    "http://app.localhost:{port}/",
    "127.0.0.1:{port}",
    "[::1]:{port}",
    # Private, CGNAT, link-local (cloud metadata), multicast, reserved: IPv4.
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://2852039166/latest/meta-data/",
    "http://0xa9fea9fe/",
    "http://224.0.0.1/",
    "http://239.255.255.250:1900/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://192.0.0.8/",
    "http://192.0.2.1/",
    "http://198.18.0.1/",
    # The same for IPv6, and IPv6 forms that carry a private IPv4 address.
    "http://[fe80::1]/",
    "http://[fe80::1%25eth0]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://[fec0::1]/",
    "http://[ff02::1]/",
    "http://[2001:db8::1]/",
    "http://[3fff::1]/",
    "http://[100::1]/",
    "http://[4000::1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:a9fe:a9fe::]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
    # Authority tricks.
    "http://user@127.0.0.1:{port}/",
    "http://user:secret@www.example.com/",
    "http://www.example.com@127.0.0.1:{port}/",
    "http://www.example.com\\@127.0.0.1:{port}/",
    "http://127.0.0.1:{port}\\@www.example.com/",
    "http://127.0.0.1:80@www.example.com/",
    "http://%31%32%37.0.0.1:{port}/",
    "http://127%2e0%2e0%2e1:{port}/",
    "http://%6c%6f%63%61%6c%68%6f%73%74:{port}/",
    "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11:{port}/",  # full-width digits
    "http://127\u30020\u30020\u30021:{port}/",  # ideographic full stops
    "http://\u24db\u24de\u24d2\u24d0\u24db\u24d7\u24de\u24e2\u24e3:{port}/",  # circled letters
    "http://loca\uff4chost:{port}/",  # a full-width l
    "http:/127.0.0.1:{port}/",
    "http:\\\\127.0.0.1:{port}\\",
    "//127.0.0.1:{port}/",
    "http://www.example.com:0/",
    # Not HTTP.
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "ftp://ftp.example.com/",
    "gopher://127.0.0.1:{port}/_GET%20/",
    "dict://127.0.0.1:11211/stats",
    "data:text/html,<h1>hi</h1>",
    "javascript:alert(1)",
    "ws://127.0.0.1:{port}/",
]


@pytest.mark.parametrize("template", SUBMISSION_VECTORS)
def test_the_vector_is_refused_with_a_reason(template: str) -> None:
    vector = template.format(port=8080)
    with pytest.raises(InvalidUrlError) as refused:
        normalise_url(vector, allow_private=False)
    message = str(refused.value)
    assert repr(vector.strip()) in message or vector in message
    assert any(
        reason in message
        for reason in (
            "private or loopback",
            "invalid host name",
            "contains credentials",
            "only http and https",
            "no host name",
            "not a valid URL",
            "port 0",
        )
    ), message


async def test_every_vector_is_refused_at_submission(
    network: Network, sqlite_url: str, tmp_path: Path
) -> None:
    vectors = [template.format(port=network.private_port) for template in SUBMISSION_VECTORS]
    good = network.public_url("/")
    async with running_app(hardened_settings(sqlite_url, tmp_path), network.policy) as client:
        # One batch with all of them: one error per vector, each naming its URL.
        response = await client.post("/api/v1/competitive/", json={"urls": [good, *vectors]})
        assert response.status_code == 422, response.text
        errors = {tuple(error["loc"]): error for error in response.json()["detail"]}
        for index, vector in enumerate(vectors, start=1):
            error = errors.get(("body", "urls", index))
            assert error is not None, f"{vector!r} was not refused"
            assert error["input"] == vector
        assert ("body", "urls", 0) not in errors

        # The single-URL endpoint refuses them the same way.
        for vector in vectors:
            single = await client.post("/api/v1/analyses/", json={"url": vector})
            assert single.status_code == 422, (vector, single.text)
            assert single.json()["detail"][0]["loc"] == ["body", "url"]

        listing = await client.get("/api/v1/competitive/")
        assert listing.json()["total"] == 0


async def test_fragment_and_query_tricks_keep_the_visible_host(network: Network) -> None:
    """``http://evil#@127.0.0.1`` is a URL of ``evil`` (as in browsers): the rest is not a host."""
    port = network.private_port
    assert normalise_url(f"http://nowhere.test#@127.0.0.1:{port}/", allow_private=False) == (
        "http://nowhere.test/"
    )
    assert normalise_url(f"http://nowhere.test?@127.0.0.1:{port}/", allow_private=False) == (
        f"http://nowhere.test/?@127.0.0.1:{port}/"
    )
    limits = FetchLimits(user_agent="Aura-test", total_timeout=5, retries=0)
    async with Fetcher(limits, network.policy) as fetcher:
        for url in (
            f"http://nowhere.test#@127.0.0.1:{port}/",
            f"http://nowhere.test?@127.0.0.1:{port}/",
        ):
            with pytest.raises(FetchError, match="did not resolve"):
                await fetcher.fetch(url)


# --- refused at fetch time: names that resolve to private addresses --------------------------


async def test_names_resolving_to_private_addresses_fail_and_the_batch_goes_on(
    network: Network, sqlite_url: str, tmp_path: Path
) -> None:
    port = network.private_port
    names = [name for name in RESOLVES_TO if name != "www.public.test"]
    hostile = [f"http://{name}:{port}/" for name in names]
    good = network.public_url("/")
    async with running_app(hardened_settings(sqlite_url, tmp_path), network.policy) as client:
        batch = await create_batch(client, [good, *hostile])
        done = await wait_for_batch(client, batch["id"])
    outcome = {item["url"]: item for item in done["urls"]}
    assert outcome[good]["status"] == "completed", outcome[good]
    for url in hostile:
        assert outcome[url]["status"] == "failed", outcome[url]
        assert any(reason in outcome[url]["error"] for reason in REFUSED_AT_FETCH), outcome[url]
    assert done["status"] == "partial"
    assert done["failed_urls"] == len(hostile)
    assert network.public.hits["/"] == 1


def test_the_test_resolver_covers_every_private_kind() -> None:
    answers = {ipaddress.ip_address(a) for values in RESOLVES_TO.values() for a in values}
    kinds = {
        "loopback": any(a.is_loopback for a in answers),
        "private": any(a.is_private and not a.is_loopback for a in answers),
        "link-local": any(a.is_link_local for a in answers),
        "multicast": any(a.is_multicast for a in answers),
        "public": any(is_public_address(a) for a in answers),
    }
    assert all(kinds.values()), kinds


# --- refused on the way: redirects and subresources ------------------------------------------


def _redirect(to: str) -> Route:
    return Route(status=302, body=b"", headers={"Location": to})


def _redirect_vectors(network: Network) -> dict[str, str]:
    port = network.private_port
    return {
        "/to-loopback": f"http://127.0.0.1:{port}/secret",
        "/to-short-form": f"http://127.1:{port}/secret",
        "/to-decimal": f"http://2130706433:{port}/secret",
        "/to-hex": f"http://0x7f000001:{port}/secret",
        "/to-octal": f"http://0177.0.0.1:{port}/secret",
        "/to-mapped": f"http://[::ffff:127.0.0.1]:{port}/secret",
        "/to-localhost": f"http://localhost:{port}/secret",
        "/to-private-name": f"http://loopback.test:{port}/secret",
        "/to-rebinding-name": f"http://rebind.test:{port}/secret",
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-userinfo": f"http://www.public.test@127.0.0.1:{port}/secret",
        "/to-protocol-relative": f"//127.0.0.1:{port}/secret",
        "/to-file": "file:///etc/passwd",
        "/to-gopher": f"gopher://127.0.0.1:{port}/_INFO",
        "/to-second-hop": "/to-loopback",
    }


async def test_a_public_page_redirecting_to_a_private_address_fails(
    network: Network, sqlite_url: str, tmp_path: Path
) -> None:
    vectors = _redirect_vectors(network)
    network.public.routes.update({path: _redirect(to) for path, to in vectors.items()})
    urls = [network.public_url(path) for path in vectors]
    good = network.public_url("/")
    async with running_app(hardened_settings(sqlite_url, tmp_path), network.policy) as client:
        batch = await create_batch(client, [good, *urls])
        done = await wait_for_batch(client, batch["id"])
    outcome = {item["url"]: item for item in done["urls"]}
    assert outcome[good]["status"] == "completed"
    # httpx itself refuses some disguises (0177.0.0.1) as an invalid Location.
    readable = (*REFUSED_AT_FETCH, "non-HTTP location", "Invalid URL in location header")
    for url in urls:
        assert outcome[url]["status"] == "failed", outcome[url]
        assert any(reason in outcome[url]["error"] for reason in readable), outcome[url]["error"]
    assert done["status"] == "partial"


PRIVATE_SUBRESOURCES = """<!doctype html><html><head><title>Public page</title>
<link rel="stylesheet" href="http://[::ffff:127.0.0.1]:{port}/mapped.css">
<link rel="stylesheet" href="/public.css">
<script src="http://loopback.test:{port}/app.js"></script>
</head><body>
<img src="http://127.0.0.1:{port}/pixel.png" alt="">
<img src="http://2130706433:{port}/decimal.png" alt="">
<img src="http://169.254.169.254/latest/meta-data/iam.png" alt="">
<img src="/hop-to-private.png" alt="">
<img src="/public.png" alt="">
</body></html>"""

PUBLIC_CSS = """@import url("http://localhost:{port}/imported.css");
body {{ background: url(http://127.0.0.1:{port}/background.png) }}"""


def _serve_page_with_private_subresources(network: Network) -> None:
    port = network.private_port
    network.public.routes.update(
        {
            "/page": Route(body=PRIVATE_SUBRESOURCES.format(port=port).encode()),
            "/public.css": Route(
                body=PUBLIC_CSS.format(port=port).encode(), headers={"Content-Type": "text/css"}
            ),
            "/public.png": Route(body=b"\x89PNG\r\n\x1a\n", headers={"Content-Type": "image/png"}),
            "/hop-to-private.png": _redirect(f"http://127.0.0.1:{port}/hop.png"),
        }
    )


async def test_subresources_on_private_addresses_are_recorded_as_refused(
    network: Network,
) -> None:
    _serve_page_with_private_subresources(network)
    page = network.public_url("/page")
    port = network.private_port
    html = PRIVATE_SUBRESOURCES.format(port=port)
    limits = FetchLimits(user_agent="Aura-test", total_timeout=5, retries=0)
    async with Fetcher(limits, network.policy) as fetcher:
        found = await fetch_all(fetcher, Document(url=page, html=html), SubresourceLimits())
    by_url = {item.url: item for item in found.items}
    refused = {url: item.error for url, item in by_url.items() if "public.test" not in url}
    assert set(refused) == {
        f"http://[::ffff:127.0.0.1]:{port}/mapped.css",
        f"http://loopback.test:{port}/app.js",
        f"http://127.0.0.1:{port}/pixel.png",
        f"http://2130706433:{port}/decimal.png",
        "http://169.254.169.254/latest/meta-data/iam.png",
        f"http://localhost:{port}/imported.css",
        f"http://127.0.0.1:{port}/background.png",
    }
    for url, error in refused.items():
        assert error is not None, url
        assert "private or reserved address" in error, (url, error)
    hop = by_url[network.public_url("/hop-to-private.png")]
    assert hop.error is not None
    assert "private or reserved address" in hop.error
    assert by_url[network.public_url("/public.png")].ok
    assert by_url[network.public_url("/public.css")].ok


async def test_a_page_with_private_subresources_is_still_analysed(
    network: Network, sqlite_url: str, tmp_path: Path
) -> None:
    _serve_page_with_private_subresources(network)
    page = network.public_url("/page")
    async with running_app(hardened_settings(sqlite_url, tmp_path), network.policy) as client:
        created = await client.post("/api/v1/analyses/", json={"url": page})
        assert created.status_code == 201, created.text
        analysis = await _wait_for_analysis(client, created.json()["id"])
    assert analysis["status"] == "completed", analysis["error"]
    metrics: dict[str, Any] = analysis["result"]["metrics"]
    # Seven private URLs plus the hop that redirected to one.
    assert metrics["failed_requests"] == 8


async def _wait_for_analysis(client: httpx.AsyncClient, analysis_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        body: dict[str, Any] = (await client.get(f"/api/v1/analyses/{analysis_id}")).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"the analysis never finished: {body}")


# --- refused for the browser: its SOCKS5 proxy ------------------------------------------------


async def _socks_connect(proxy_url: str, kind: int, address: bytes, port: int) -> int:
    """One SOCKS5 CONNECT, as Chromium sends it; the proxy's reply code (0 is success)."""
    host, proxy_port = proxy_url.removeprefix("socks5://").rsplit(":", 1)
    reader, writer = await asyncio.open_connection(host, int(proxy_port))
    try:
        writer.write(b"\x05\x01\x00")
        assert await reader.readexactly(2) == b"\x05\x00"
        writer.write(bytes([5, 1, 0, kind]) + address + port.to_bytes(2, "big"))
        reply = await reader.readexactly(10)
        return reply[1]
    finally:
        writer.close()


def _domain(name: str) -> bytes:
    return bytes([len(name)]) + name.encode()


async def test_the_browser_proxy_refuses_private_targets(network: Network) -> None:
    """Every request of a rendered page goes through this proxy (see audit/browser/proxy.py)."""
    proxy_module = pytest.importorskip("aura.audit.browser.proxy")
    port = network.private_port
    private_targets = [
        (1, ipaddress.IPv4Address("127.0.0.1").packed),
        (1, ipaddress.IPv4Address("169.254.169.254").packed),
        (1, ipaddress.IPv4Address("10.0.0.1").packed),
        (4, ipaddress.IPv6Address("::1").packed),
        (4, ipaddress.IPv6Address("::ffff:127.0.0.1").packed),
        (4, ipaddress.IPv6Address("::127.0.0.1").packed),
        (3, _domain("localhost")),
        (3, _domain("2130706433")),
        (3, _domain("0x7f000001")),
        (3, _domain("loopback.test")),
        (3, _domain("rebind.test")),
        (3, _domain("metadata.test")),
    ]
    async with proxy_module.GuardProxy(network.policy, connect_timeout=2) as proxy:
        for kind, address in private_targets:
            code = await _socks_connect(proxy.url, kind, address, port)
            assert code == 2, (kind, address, code)  # "connection not allowed by ruleset"
        public = await _socks_connect(proxy.url, 3, _domain("www.public.test"), network.public_port)
        assert public == 0
        assert len(proxy.refused) == len(private_targets)
