"""Benchmark: technology detection with the full fingerprint set.

Measures loading the set (parse + indexes, once per process), the first detection (which
compiles the expressions it needs) and warm detection on the shared sites' pages and on
synthetic 1 MB pages, each from the page's own signals (no network). Prints a table and
writes the figures to bench/results/technology.json.

    .venv/bin/python bench/technology.py [--rounds 5] [--fingerprints data/fingerprints]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

# Run as a script: the project root holds the `bench` package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.audit.artifacts import Document, Headers, HttpExchange
from aura.audit.technology import detect, load_fingerprints, page_signals
from aura.audit.technology.signals import PageSignals
from bench.common import site_dirs, write_result

MEGABYTE = 1_000_000


def signals_of(html: str) -> PageSignals:
    exchange = HttpExchange(
        "https://example.com/",
        "https://example.com/",
        200,
        "HTTP/2",
        Headers.of({"server": "nginx/1.25.3", "set-cookie": "_ga_X1=1; Path=/"}),
    )
    return page_signals(exchange, Document("https://example.com/", html))


def pages() -> dict[str, str]:
    found = {
        path.parent.name: path.read_text(encoding="utf-8", errors="replace")
        for path in (folder / "index.html" for folder in site_dirs())
    }
    # Large pages: the busiest real page repeated, and a plain one padded with text.
    busiest = found.get("13-rd-spiceworks", "")
    if busiest:
        found["1MB-repeated-spiceworks"] = (busiest * (MEGABYTE // len(busiest) + 1))[:MEGABYTE]
    plain = found.get("06-sb-shop-homepage", "<html><body></body></html>")
    filler = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "</p>\n"
    padding = filler * (MEGABYTE // len(filler))
    found["1MB-padded-shop"] = plain.replace("</body>", padding + "</body>")
    return found


def measure(rounds: int, directory: Path) -> dict[str, Any]:
    started = time.perf_counter()
    fingerprints = load_fingerprints(directory)
    loaded = time.perf_counter()
    fingerprints.warm()
    warmed = time.perf_counter()
    figures: dict[str, Any] = {
        "technologies": len(fingerprints),
        "load_ms": round((loaded - started) * 1000, 1),
        "index_ms": round((warmed - loaded) * 1000, 1),
        "pages": [],
    }
    for name, html in pages().items():
        signals = signals_of(html)
        first = time.perf_counter()
        detections = detect(fingerprints, signals)
        first_ms = (time.perf_counter() - first) * 1000
        times, cpu_times = [], []
        for _ in range(rounds):
            fresh = signals_of(html)  # cached lower-casing and parsing start afresh
            _ = fresh.dom, fresh.html_lower
            begin, cpu = time.perf_counter(), time.thread_time()
            detect(fingerprints, fresh)
            times.append((time.perf_counter() - begin) * 1000)
            cpu_times.append((time.thread_time() - cpu) * 1000)
        figures["pages"].append(
            {
                "page": name,
                "bytes": len(html.encode()),
                "detected": len(detections),
                "first_ms": round(first_ms, 1),
                "median_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1),
                # CPU time of the detecting thread: steady on a machine busy with other work.
                "cpu_median_ms": round(statistics.median(cpu_times), 1),
            }
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--fingerprints", type=Path, default=Path("data/fingerprints"))
    args = parser.parse_args()
    figures = measure(args.rounds, args.fingerprints)
    print(
        f"{figures['technologies']} technologies: load {figures['load_ms']} ms, "
        f"indexes {figures['index_ms']} ms (once per process)"
    )
    print(f"{'page':<28} {'KB':>6} {'found':>5} {'first':>8} {'median':>8} {'max':>8} {'cpu':>8}")
    for row in figures["pages"]:
        print(
            f"{row['page']:<28} {row['bytes'] // 1000:>6} {row['detected']:>5} "
            f"{row['first_ms']:>8.1f} {row['median_ms']:>8.1f} {row['max_ms']:>8.1f} "
            f"{row['cpu_median_ms']:>8.1f}"
        )
    print(f"written to {write_result('technology', figures)}")
    print("first: includes compiling the expressions the page needs; times in ms")


if __name__ == "__main__":
    main()
