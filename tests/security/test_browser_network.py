"""Every way a rendered page reaches the network goes through the guard, or nowhere.

The guard proxy carries TCP. These tests render hostile pages in the real Chromium against
canaries on private loopback addresses (127.0.0.2, never the test server's 127.0.0.1): a UDP
listener that counts every datagram it gets, and a TCP server that counts connections. A
canary that hears anything means a page reached an address the guard refuses.
"""

from __future__ import annotations

import contextlib
import json
import selectors
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from aura.audit.browser import BrowserPool, BrowserSettings, render_page
from aura.audit.browser.render import RenderOutcome
from aura.audit.fetch import NetworkPolicy
from aura.audit.fetch.guard import Resolver, system_resolver
from tests.audit.browser import pages
from tests.audit.browser.conftest import CHROMIUM, missing
from tests.security.helpers import table_resolver
from tests.support.servers import Route, ScriptedSite, serve_scripted

#: A private address on this machine: the guard refuses it, nothing else answers there.
CANARY_HOST = "127.0.0.2"


@dataclass
class UdpCanary:
    port: int = 0
    datagrams: list[bytes] = field(default_factory=list)


@contextmanager
def udp_canary() -> Iterator[UdpCanary]:
    """A UDP socket on the canary address that records every datagram it receives."""
    canary = UdpCanary()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((CANARY_HOST, 0))
    sock.settimeout(0.1)
    canary.port = sock.getsockname()[1]
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            try:
                data, _sender = sock.recvfrom(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            canary.datagrams.append(data)

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    try:
        yield canary
    finally:
        stop.set()
        thread.join()
        sock.close()


@pytest.fixture
async def pool() -> AsyncIterator[BrowserPool]:
    # Watched for up to two seconds after load: long enough for ICE to send its checks.
    settings = BrowserSettings(executable=CHROMIUM, page_budget=20.0, settle=2.0, settle_quiet=2.0)
    reason = settings.unavailable_reason()
    if reason is not None:
        missing(reason)
    browser = BrowserPool(settings)
    try:
        yield browser
    finally:
        await browser.close()


async def render_guarded(
    pool: BrowserPool,
    page: Route,
    routes: dict[str, Route] | None = None,
    resolver: Resolver = system_resolver,
) -> tuple[RenderOutcome, ScriptedSite]:
    """Render ``page`` with the deployed policy (only the page's own server is allowed)."""
    with serve_scripted(ScriptedSite(routes={"/": page, **(routes or {})}, default=None)) as site:
        port = int(site.base.rsplit(":", 1)[1])
        policy = NetworkPolicy(public_ports=frozenset({port}), resolver=resolver)
        outcome = await render_page(site.url("/"), pool, policy, None)
    assert outcome.error is None, outcome.error
    return outcome, site


def said(outcome: RenderOutcome) -> str:
    """What the page reported through ``console.error`` (both profiles)."""
    return "\n".join(message for run in outcome.runs for message in run.console_errors)


def reporting(script: str) -> Route:
    """A page running ``script``, which may call ``report(text)`` to say how far it got."""
    return pages.html(
        "<h1>Hostile page</h1>",
        f"<script>const report = (text) => console.error('canary: ' + text);\n{script}</script>",
    )


def ice_servers_page(port: int) -> Route:
    servers = [
        {"urls": f"stun:{CANARY_HOST}:{port}"},
        {"urls": f"turn:{CANARY_HOST}:{port}", "username": "aura", "credential": "canary"},
        {
            "urls": f"turn:{CANARY_HOST}:{port}?transport=tcp",
            "username": "aura",
            "credential": "canary",
        },
    ]
    return reporting(
        f"""
        const pc = new RTCPeerConnection({{iceServers: {json.dumps(servers)}}});
        pc.createDataChannel('leak');
        pc.createOffer().then((offer) => pc.setLocalDescription(offer))
          .then(() => report('gathering'), (error) => report('failed ' + error));
        """
    )


def remote_candidate_page(port: int) -> Route:
    """An offer whose only candidate is the canary: ICE checks would carry the page's
    username fragment to it."""
    sdp = "\r\n".join(
        [
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:chosenbythepage",
            "a=ice-pwd:chosenbythepagechosenbythepage",
            "a=fingerprint:sha-256 " + ":".join(["AB"] * 32),
            "a=setup:actpass",
            "a=mid:0",
            "a=sctp-port:5000",
            f"a=candidate:1 1 udp 2122260223 {CANARY_HOST} {port} typ host",
            "",
        ]
    )
    offer = json.dumps({"type": "offer", "sdp": sdp})
    return reporting(
        f"""
        const pc = new RTCPeerConnection();
        pc.setRemoteDescription({offer})
          .then(() => pc.createAnswer()).then((answer) => pc.setLocalDescription(answer))
          .then(() => report('checking'), (error) => report('failed ' + error));
        """
    )


def web_transport_page(port: int) -> Route:
    return reporting(
        f"""
        report(typeof WebTransport);
        const transport = new WebTransport('https://{CANARY_HOST}:{port}/leak');
        transport.ready.then(() => report('connected'), () => report('refused'));
        """
    )


class TestWebRtc:
    async def test_ice_servers_on_a_private_address_hear_nothing(self, pool: BrowserPool) -> None:
        with udp_canary() as canary:
            outcome, _site = await render_guarded(pool, ice_servers_page(canary.port))

        assert "canary: gathering" in said(outcome)
        assert canary.datagrams == []
        # TURN over TCP is the one way left, and it goes through the guard, which refuses it.
        refused = {target for target, _reason in outcome.refused}
        assert f"{CANARY_HOST}:{canary.port}" in refused

    async def test_a_cross_origin_frame_is_held_to_the_same_policy(self, pool: BrowserPool) -> None:
        # The frame's origin is localhost, the page's 127.0.0.1 (the guard allows both).
        page = reporting(
            "const frame = document.createElement('iframe');"
            "frame.src = new URL('/frame', location.href.replace('127.0.0.1', 'localhost'));"
            "document.documentElement.append(frame);"
        )
        with udp_canary() as canary:
            frame = ice_servers_page(canary.port)
            outcome, site = await render_guarded(pool, page, {"/frame": frame})

        assert site.hits.get("/frame", 0) >= 1
        assert "canary: gathering" in said(outcome)
        assert canary.datagrams == []

    async def test_a_remote_candidate_on_a_private_address_gets_no_checks(
        self, pool: BrowserPool
    ) -> None:
        with udp_canary() as canary:
            outcome, _site = await render_guarded(pool, remote_candidate_page(canary.port))

        assert "canary: checking" in said(outcome)
        assert canary.datagrams == []


async def test_web_transport_sends_nothing_to_a_private_address(pool: BrowserPool) -> None:
    with udp_canary() as canary:
        outcome, _site = await render_guarded(pool, web_transport_page(canary.port))

    assert "canary: function" in said(outcome)
    assert "canary: connected" not in said(outcome)
    assert canary.datagrams == []


@dataclass
class TcpCanary:
    """Listening TCP sockets on the canary address, one port per channel tried."""

    ports: dict[str, int] = field(default_factory=dict)
    connections: list[str] = field(default_factory=list)


@contextmanager
def tcp_canary(channels: list[str]) -> Iterator[TcpCanary]:
    canary = TcpCanary()
    listeners: dict[socket.socket, str] = {}
    for channel in channels:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((CANARY_HOST, 0))
        sock.listen(16)
        sock.setblocking(False)
        listeners[sock] = channel
        canary.ports[channel] = sock.getsockname()[1]
    stop = threading.Event()

    def accept() -> None:
        with selectors.DefaultSelector() as selector:
            for sock in listeners:
                selector.register(sock, selectors.EVENT_READ)
            while not stop.is_set():
                for key, _events in selector.select(timeout=0.1):
                    listener = key.fileobj
                    assert isinstance(listener, socket.socket)
                    with contextlib.suppress(BlockingIOError):
                        connection, _peer = listener.accept()
                        connection.close()
                        canary.connections.append(listeners[listener])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield canary
    finally:
        stop.set()
        thread.join()
        for sock in listeners:
            sock.close()


#: Channels a page can open on its own, each to its own canary port ({name} is its URL).
#: The name ``internal.test`` resolves to the canary address, in the guard only.
CHANNELS = {
    "websocket": "new WebSocket('ws://internal.test:{port}/socket');",
    "beacon": "navigator.sendBeacon('http://{host}:{port}/beacon', 'leak');",
    "keepalive": "fetch('http://{host}:{port}/', {{mode: 'no-cors', keepalive: true}});",
    "event-source": "new EventSource('http://{host}:{port}/events');",
    "worker": "new Worker(URL.createObjectURL(new Blob(["
    "\"fetch('http://{host}:{port}/from-worker', {{mode: 'no-cors'}})\"])));",
    "service-worker": "navigator.serviceWorker.register('/sw.js?port={port}')"
    ".then(() => report('service worker'), (error) => report('no service worker ' + error));",
    "iframe": "document.body.append(Object.assign(document.createElement('iframe'),"
    " {{src: 'http://internal.test:{port}/frame'}}));",
}
#: Hints the browser may act on by itself (no request is made for them: NetworkPrediction
#: and DNS prefetching are off).
HINTS = {
    "preconnect": '<link rel="preconnect" href="http://{host}:{port}">',
    "dns-prefetch": '<link rel="dns-prefetch" href="http://internal.test:{port}">',
    "prefetch": '<link rel="prefetch" href="http://{host}:{port}/next">',
}

SERVICE_WORKER = Route(
    body=b"""
    const port = new URL(location).searchParams.get('port');
    self.addEventListener('install', (event) => event.waitUntil(
      fetch('http://127.0.0.2:' + port + '/from-service-worker', {mode: 'no-cors'})
        .catch(() => null)));
    """,
    headers={"Content-Type": "text/javascript"},
)


async def test_every_channel_a_page_opens_goes_through_the_guard(pool: BrowserPool) -> None:
    with tcp_canary([*CHANNELS, *HINTS]) as canary:
        scripts = "\n".join(
            code.format(host=CANARY_HOST, port=canary.ports[name])
            for name, code in CHANNELS.items()
        )
        hints = "".join(
            code.format(host=CANARY_HOST, port=canary.ports[name]) for name, code in HINTS.items()
        )
        page = pages.html(
            "<h1>Hostile page</h1><script>"
            "const report = (text) => console.error('canary: ' + text);\n"
            f"{scripts}</script>",
            hints,
        )
        resolver = table_resolver({"internal.test": [CANARY_HOST]})
        outcome, _site = await render_guarded(
            pool, page, {"/sw.js": SERVICE_WORKER}, resolver=resolver
        )

    assert canary.connections == []
    assert "canary: service worker" in said(outcome)
    # Each channel did try, and the guard (not chance) turned it away, names included:
    # Chromium resolves no name itself, the guard does.
    refused = {target for target, _reason in outcome.refused}
    tried = [*CHANNELS, "prefetch"]
    unguarded = [name for name in tried if _target(name, canary) not in refused]
    assert unguarded == []


def _target(channel: str, canary: TcpCanary) -> str:
    host = "internal.test" if "internal.test" in {**CHANNELS, **HINTS}[channel] else CANARY_HOST
    return f"{host}:{canary.ports[channel]}"
