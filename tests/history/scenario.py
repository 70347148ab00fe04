"""Two runs of one set where every kind of change happens, shared by the diff and alert tests.

A (ours) loses 4 accessibility points and its SEO lead; B (a competitor) overtakes A in SEO,
gets slower but lighter, swaps jQuery for React, upgrades WordPress, rewrites its headline,
adds a call to action, reprices and its page looks different; C does not change at all: only
its timings jitter and its page shows another date and another counter.
"""

from __future__ import annotations

from aura.history.document import VisualChange
from aura.history.inputs import RunInput
from tests.history.builders import A, B, C, page, plan, run, site, snapshot, technology

A_SNAPSHOT = snapshot()
B_BEFORE = snapshot(
    title="Bravo: projects done",
    headline="Projects, done",
    calls_to_action=["Try it free"],
    main_text="Projects, done\nPlan work together\nLoved by 12,345 teams",
)
B_AFTER = snapshot(
    title="Bravo: projects done",
    headline="Projects, done right",
    calls_to_action=["Try it free", "Book a demo"],
    main_text="Projects, done right\nPlan work together\nLoved by 13,002 teams",
)
C_BEFORE = snapshot(
    title="Charlie news",
    headline="Today's news",
    main_text="Updated Nov 28, 2026 14:05\nRead by 48,213 people\nSubscribe for more",
)
C_AFTER = snapshot(
    title="Charlie news",
    headline="today's  news",
    main_text="Updated Nov 29, 2026 08:40\nRead by 48,977 people\nSubscribe for more",
)


def before() -> RunInput:
    return run(
        site(
            A,
            page(
                scores={"performance": 80, "seo": 78, "accessibility": 90},
                metrics={"response_time_ms": 120, "total_bytes": 300_000, "request_count": 10},
                technologies=[technology("Nginx", "1.24"), technology("React", "17.0")],
                snapshot_=A_SNAPSHOT,
                plans=[plan("Pro", 29)],
            ),
            primary=True,
        ),
        site(
            B,
            page(
                scores={"performance": 70, "seo": 72, "accessibility": 85},
                metrics={"response_time_ms": 200, "total_bytes": 500_000, "request_count": 20},
                technologies=[technology("jQuery", "3.6"), technology("WordPress", "6.3")],
                snapshot_=B_BEFORE,
                plans=[plan("Starter", 9), plan("Pro", 29)],
            ),
        ),
        site(
            C,
            page(
                scores={"performance": 60, "seo": 60, "accessibility": 60},
                metrics={
                    "response_time_ms": 33.97,
                    "ttfb_ms": 32.77,
                    "total_bytes": 253_212,
                    "word_count": 65,
                },
                technologies=[technology("Python", "3.11.7")],
                snapshot_=C_BEFORE,
                plans=[plan("Basic", 5)],
            ),
        ),
        day=0,
    )


def after() -> RunInput:
    return run(
        site(
            A,
            page(
                scores={"performance": 66, "seo": 78, "accessibility": 86},
                metrics={"response_time_ms": 120, "total_bytes": 300_000, "request_count": 10},
                technologies=[technology("Nginx", "1.24"), technology("React", "17.0")],
                snapshot_=A_SNAPSHOT,
                plans=[plan("Pro", 29)],
            ),
            primary=True,
        ),
        site(
            B,
            page(
                scores={"performance": 56, "seo": 100, "accessibility": 85},
                metrics={"response_time_ms": 7000, "total_bytes": 300_000, "request_count": 20},
                technologies=[technology("React", "18.2"), technology("WordPress", "6.4")],
                snapshot_=B_AFTER,
                plans=[plan("Pro", 35), plan("Enterprise", None, price_text="Contact us")],
            ),
        ),
        site(
            C,
            page(
                scores={"performance": 60, "seo": 60, "accessibility": 60},
                metrics={
                    "response_time_ms": 41.2,
                    "ttfb_ms": 38.05,
                    "total_bytes": 253_460,
                    "word_count": 66,
                },
                technologies=[technology("Python", "3.11.7")],
                snapshot_=C_AFTER,
                plans=[plan("Basic", 5)],
            ),
        ),
        day=1,
    )


VISUALS = {B: VisualChange(screenshot="desktop.png", changed_percent=12.5, overlay="b-desktop.png")}
