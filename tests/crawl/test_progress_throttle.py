"""The crawl progress throttle: one event per interval per crawl, the last always, and no
memory kept of crawls that stopped publishing (cancelled, failed, drained elsewhere)."""

from __future__ import annotations

import uuid

from aura.competitive.crawl_tasks import ProgressThrottle


class TestDue:
    def test_one_event_per_interval_and_the_final_one_always(self) -> None:
        throttle = ProgressThrottle(interval=0.5)
        crawl = uuid.uuid4()
        assert throttle.due(crawl, 10.0)
        assert not throttle.due(crawl, 10.2)
        assert throttle.due(crawl, 10.2, final=True)
        assert throttle.due(crawl, 10.3)
        assert not throttle.due(crawl, 10.7)
        assert throttle.due(crawl, 10.8)

    def test_a_drained_crawl_is_forgotten_at_once(self) -> None:
        throttle = ProgressThrottle(interval=0.5)
        crawl = uuid.uuid4()
        throttle.due(crawl, 1.0)
        throttle.due(crawl, 1.1, final=True)
        assert len(throttle) == 0

    def test_crawls_that_stop_publishing_are_not_remembered(self) -> None:
        # 1,000 crawls each publish once and then are cancelled (no final event ever comes
        # from this process): once the interval has passed, another crawl's event leaves
        # only that crawl remembered.
        throttle = ProgressThrottle(interval=0.5)
        for index in range(1000):
            throttle.due(uuid.uuid4(), 100.0 + index / 10_000)
        assert len(throttle) == 1000
        survivor = uuid.uuid4()
        assert throttle.due(survivor, 101.0)
        assert len(throttle) == 1
