"""Normalising the URLs users type."""

from __future__ import annotations

import pytest

from aura.urls import InvalidUrlError, normalise_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.com", "https://example.com/"),
        ("  HTTPS://WWW.Example.COM  ", "https://www.example.com/"),
        ("http://example.com:80/a?b=1#frag", "http://example.com/a?b=1"),
        ("https://example.com:8443", "https://example.com:8443/"),
        ("example.com:8080/x", "https://example.com:8080/x"),
        ("127.0.0.1:9000", "http://127.0.0.1:9000/"),
        ("localhost:3000/app", "http://localhost:3000/app"),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("https://example.com./", "https://example.com/"),
    ],
)
def test_normal_forms(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("data:text/html,hi", "scheme 'data'"),
        ("javascript:alert(1)", "scheme 'javascript'"),
        ("gopher://example.com/", "scheme 'gopher'"),
        ("http://user@example.com/", "credentials"),
        ("http://a b.example/", "white space"),
        ("http://example.com:99999/", "not a valid URL"),
        ("http://-bad-.example/", "invalid host name"),
        ("http://2130706433/", "invalid host name"),
        ("http://0x7f000001/", "invalid host name"),
        ("http://0177.0.0.1/", "invalid host name"),
        ("https://" + "a" * 2100 + ".example/", "longer than"),
    ],
)
def test_refusals_name_the_problem(raw: str, reason: str) -> None:
    with pytest.raises(InvalidUrlError, match=reason):
        normalise_url(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://app.localhost/",
        "http://10.0.0.8/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00::1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
    ],
)
def test_private_literals_refused_when_not_allowed(raw: str) -> None:
    with pytest.raises(InvalidUrlError, match="private or loopback"):
        normalise_url(raw, allow_private=False)
    assert normalise_url(raw, allow_private=True)


def test_public_literals_are_fine() -> None:
    assert normalise_url("http://93.184.215.14/", allow_private=False) == "http://93.184.215.14/"
