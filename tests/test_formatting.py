"""One way to write numbers: units, digits and binary sizes for every output."""

from __future__ import annotations

from pathlib import Path

import pytest

from aura.comparison.catalogue import metric_format, typescript
from aura.formatting import format_value

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.03, "unitless", "0.03"),  # a layout shift is not rounded to 0
        (0.125, "unitless", "0.125"),
        (0, "unitless", "0"),
        (822, "bytes", "822 B"),
        (3423, "bytes", "3.3 KiB"),
        (120_000, "bytes", "117 KiB"),
        (2_500_000, "bytes", "2.4 MiB"),
        (568, "ms", "568 ms"),
        (1234, "ms", "1.2 s"),
        (2000, "ms", "2.0 s"),
        (300, "seconds", "5 min"),
        (31_536_000, "seconds", "365 d"),
        (0.347, "ratio", "35%"),
        (0.004, "ratio", "0.4%"),
        (0, "bool", "no"),
        (73.5, "score", "73.5"),
        (12_345, "count", "12,345"),
        (None, "ms", "\u2013"),
    ],
)
def test_values_read_as_people_write_them(value: float | None, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


@pytest.mark.parametrize(
    ("metric_id", "label", "unit"),
    [
        ("ttfb_ms", "Time to first byte", "ms"),
        ("fcp_mobile", "First Contentful Paint (mobile)", "ms"),
        ("cls_desktop", "Cumulative Layout Shift (desktop)", "unitless"),
        ("http2", "Served over HTTP/2 or newer", "bool"),
        ("load_mobile_ms", "Load event (mobile)", "ms"),
        ("word_count", "Words", "count"),
        ("performance_score", "Performance score", "score"),
    ],
)
def test_metrics_have_display_names_and_units(metric_id: str, label: str, unit: str) -> None:
    assert (metric_format(metric_id).label, metric_format(metric_id).unit) == (label, unit)


def test_the_ui_catalogue_is_generated_from_this_one() -> None:
    generated = ROOT / "frontend" / "src" / "lib" / "metrics.generated.ts"
    assert generated.read_text(encoding="utf-8") == typescript(), (
        "frontend/src/lib/metrics.generated.ts is stale: run "
        "`.venv/bin/python -m aura.comparison.catalogue > frontend/src/lib/metrics.generated.ts`"
    )
