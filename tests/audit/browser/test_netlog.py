"""The network log of a load, from the DevTools protocol events Chromium sends."""

from __future__ import annotations

import pytest

from aura.audit.browser.netlog import NetworkLog


def sent(request_id: str, url: str, kind: str, at: float, **extra: object) -> dict[str, object]:
    return {
        "requestId": request_id,
        "request": {"url": url, "initialPriority": extra.pop("priority", "VeryHigh")},
        "type": kind,
        "timestamp": at,
        "frameId": "main",
        "initiator": extra.pop("initiator", {"type": "other"}),
        **extra,
    }


def test_requests_are_timed_from_the_document_with_their_initiators_and_sizes() -> None:
    log = NetworkLog()
    log.on_request(sent("1", "http://a.test/", "Document", 100.0))
    log.on_response(
        {
            "requestId": "1",
            "response": {
                "protocol": "h2",
                "connectionReused": False,
                "timing": {"sendEnd": 10.0, "receiveHeadersEnd": 52.5},
            },
        }
    )
    log.on_finished({"requestId": "1", "timestamp": 100.2, "encodedDataLength": 9000})
    stack = {"callFrames": [{"url": "http://a.test/app.js"}], "parent": {"callFrames": []}}
    log.on_request(
        sent(
            "2",
            "http://a.test/data.json",
            "Fetch",
            100.5,
            priority="High",
            initiator={"type": "script", "stack": stack},
        )
    )
    log.on_priority({"requestId": "2", "newPriority": "Low"})
    log.on_failed({"requestId": "2", "timestamp": 100.75})

    document, fetched = log.requests()
    assert document.main_document
    assert document.start_ms == 0
    assert document.end_ms == pytest.approx(200)
    assert document.transfer_bytes == 9000
    assert document.h2
    assert document.server_ms == pytest.approx(42.5)
    assert not fetched.main_document
    assert fetched.start_ms == pytest.approx(500)
    assert fetched.end_ms == pytest.approx(750)
    assert fetched.priority == "Low"
    assert fetched.initiated_by_script
    assert fetched.initiator_urls == ("http://a.test/app.js",)


def test_a_redirect_is_a_hop_of_its_own_the_next_one_depends_on() -> None:
    log = NetworkLog()
    log.on_request(sent("1", "http://a.test/", "Document", 10.0))
    log.on_request(
        sent("1", "http://a.test/home", "Document", 10.1, redirectResponse={"protocol": "http/1.1"})
    )
    log.on_finished({"requestId": "1", "timestamp": 10.3, "encodedDataLength": 500})

    first, second = log.requests()
    assert first.main_document
    assert first.url == "http://a.test/"
    assert first.end_ms == pytest.approx(100)
    assert second.redirected_from == first.id
    assert second.url == "http://a.test/home"
    assert second.end_ms == pytest.approx(300)


def test_without_a_document_there_is_nothing_to_simulate() -> None:
    log = NetworkLog()
    log.on_request(sent("7", "http://a.test/app.js", "Script", 1.0))
    assert log.requests() == []
