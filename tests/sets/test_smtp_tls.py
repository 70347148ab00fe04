"""The e-mail channel over TLS, against a real local SMTP server (aiosmtpd) whose certificate
comes from an authority made in the test (trustme): STARTTLS and implicit TLS deliver with
the login inside the encrypted session; a certificate that cannot be verified, or a server
without STARTTLS, sends nothing and says why in words; the password shows nowhere."""

from __future__ import annotations

import logging
import socket
import ssl
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from pydantic import SecretStr

from aura.sets.webhooks import Delivery, send_email
from tests.conftest import make_settings

USER, PASSWORD = "aura-alerts", "hunter2-very-secret"
DELIVERY = Delivery(
    uuid.UUID(int=7), 1, "", None, b"", "email", ("team@x.test",), "[Aura] Rivals", "Body"
)


@dataclass
class Received:
    messages: list[bytes] = field(default_factory=list)
    #: Whether each message came over TLS, and the login it came with.
    tls: list[bool] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    #: Logins attempted, with whether the session was encrypted at the time.
    attempts: list[tuple[str, bool]] = field(default_factory=list)


class _Handler:
    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        content = envelope.content
        assert isinstance(content, bytes)
        self.received.messages.append(content)
        self.received.tls.append(_encrypted(server, session))
        login = session.auth_data if session.authenticated else b""
        self.received.logins.append(login.decode() if isinstance(login, bytes) else "")
        return "250 OK"


def _encrypted(server: Any, session: Session) -> bool:
    """Whether the session is over TLS: upgraded by STARTTLS, or TLS from the start."""
    return session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_over_tls(
    certificate: trustme.LeafCert, *, implicit: bool = False, starttls: bool = True
) -> Iterator[tuple[int, Received]]:
    """An SMTP server on 127.0.0.1 with ``certificate``: STARTTLS offered (and required
    before a login), or TLS from the first byte (``implicit``)."""
    received = Received()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)

    def authenticate(
        server: Any, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login = data.login.decode()
        received.attempts.append((login, _encrypted(server, session)))
        ok = (login, data.password.decode()) == (USER, PASSWORD)
        return AuthResult(success=ok, handled=False, auth_data=data.login if ok else None)

    options: dict[str, Any] = {"authenticator": authenticate, "auth_require_tls": True}
    if implicit:
        # aiosmtpd's auth_require_tls looks for STARTTLS only: the whole session is TLS here.
        options.update(ssl_context=context, auth_require_tls=False)
    elif starttls:
        options["tls_context"] = context
        options["require_starttls"] = True
    else:
        options["auth_require_tls"] = False
    port = _free_port()
    controller = Controller(_Handler(received), hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


@pytest.fixture
def authority(tmp_path: Path) -> tuple[trustme.CA, Path]:
    ca = trustme.CA()
    pem = tmp_path / "authority.pem"
    ca.cert_pem.write_to_path(str(pem))
    return ca, pem


def _settings(tmp_path: Path, port: int, tls: str, ca_file: Path | None) -> Any:
    return make_settings(
        "sqlite+aiosqlite://",
        tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls=tls,
        smtp_ca_file=ca_file,
        smtp_username=USER,
        smtp_password=PASSWORD,
        smtp_sender="aura@x.test",
        smtp_timeout=5.0,
    )


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_an_email_goes_over_tls_with_the_login_inside_it(
    tls: str, authority: tuple[trustme.CA, Path], tmp_path: Path
) -> None:
    ca, pem = authority
    with smtp_over_tls(ca.issue_cert("127.0.0.1"), implicit=tls == "implicit") as (port, got):
        assert send_email(DELIVERY, _settings(tmp_path, port, tls, pem)) is None
    (message,) = got.messages
    assert b"Subject: [Aura] Rivals" in message
    assert got.tls == [True]
    assert got.logins == [USER]
    assert got.attempts == [(USER, True)]  # the password never went over plain text


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_a_certificate_that_cannot_be_verified_sends_nothing_and_says_why(
    tls: str, authority: tuple[trustme.CA, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ca, pem = authority
    implicit = tls == "implicit"
    caplog.set_level(logging.DEBUG)
    # An authority the client does not know (the system's, without AURA_SMTP_CA_FILE)...
    with smtp_over_tls(ca.issue_cert("127.0.0.1"), implicit=implicit) as (port, got):
        unknown = send_email(DELIVERY, _settings(tmp_path, port, tls, None))
    # ... and a known authority's certificate for another name.
    with smtp_over_tls(ca.issue_cert("mail.example.test"), implicit=implicit) as (port, other):
        mismatch = send_email(DELIVERY, _settings(tmp_path, port, tls, pem))

    assert unknown is not None
    assert mismatch is not None
    assert unknown.startswith("the certificate of the SMTP server 127.0.0.1 could not be")
    assert "unable to get local issuer certificate" in unknown
    assert "AURA_SMTP_CA_FILE" in unknown
    assert "not valid for '127.0.0.1'" in mismatch
    assert got.messages == other.messages == []
    assert got.attempts == other.attempts == []  # no login was tried
    for shown in (unknown, mismatch, caplog.text):
        assert PASSWORD not in shown


def test_a_server_without_starttls_gets_neither_the_login_nor_the_message(
    authority: tuple[trustme.CA, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ca, pem = authority
    caplog.set_level(logging.DEBUG)
    with smtp_over_tls(ca.issue_cert("127.0.0.1"), starttls=False) as (port, got):
        error = send_email(DELIVERY, _settings(tmp_path, port, "starttls", pem))
    assert error is not None
    assert error.startswith("the SMTP server 127.0.0.1 does not offer STARTTLS: nothing was sent")
    assert got.messages == []
    assert got.attempts == []
    assert PASSWORD not in error
    assert PASSWORD not in caplog.text


def test_a_wrong_password_is_told_by_its_code_and_not_repeated(
    authority: tuple[trustme.CA, Path], tmp_path: Path
) -> None:
    ca, pem = authority
    with smtp_over_tls(ca.issue_cert("127.0.0.1")) as (port, got):
        settings = _settings(tmp_path, port, "starttls", pem)
        wrong = settings.model_copy(update={"smtp_password": SecretStr("not-the-password")})
        error = send_email(DELIVERY, wrong)
    assert error == "the SMTP server refused the login (code 535)"
    # smtplib tries each mechanism the server offers (PLAIN, then LOGIN), inside TLS.
    assert got.attempts
    assert set(got.attempts) == {(USER, True)}
    assert got.messages == []
