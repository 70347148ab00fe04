"""A parsed page used from several threads: its memoised properties never deadlock with
its tree lock (Python 3.11's cached_property did, and hung a worker)."""

from __future__ import annotations

import threading
from typing import Any

from aura.audit.artifacts import Document, exclusive

PAGE = "<html><head><base href='/docs/'></head><body><a href='x'>x</a></body></html>"


def test_a_property_computed_meanwhile_does_not_deadlock_with_the_tree_lock() -> None:
    document = Document("https://example.test/", PAGE)
    _ = document.tree
    holding, computing, release = threading.Event(), threading.Event(), threading.Event()
    found: dict[str, str] = {}
    first = document.first

    def first_noting_who_asks(selector: str) -> Any:
        if threading.current_thread().name == "second":
            computing.set()  # inside base_url's computation, about to wait for the lock
        return first(selector)

    object.__setattr__(document, "first", first_noting_who_asks)

    def with_the_lock() -> str:
        holding.set()
        release.wait(10)
        return document.resolve("page")  # needs base_url, which "second" is computing

    def in_exclusive() -> None:
        found["exclusive"] = exclusive(document, with_the_lock)

    def second() -> None:
        found["base_url"] = document.base_url

    threads = [threading.Thread(target=in_exclusive, daemon=True)]
    threads[0].start()
    assert holding.wait(10)
    threads.append(threading.Thread(target=second, name="second", daemon=True))
    threads[1].start()
    assert computing.wait(10)
    release.set()
    for thread in threads:
        thread.join(10)

    assert not any(thread.is_alive() for thread in threads), "deadlocked"
    assert found == {
        "exclusive": "https://example.test/docs/page",
        "base_url": "https://example.test/docs/",
    }
