"""Every benchmark of ``make bench`` runs, tiny, and writes figures a reader can use.

The benchmarks measure; this only checks that each one still runs end to end (against two
shared sites, a handful of jobs, one second of load) and writes its JSON with the machine
facts and the headline figures filled in. No figure is compared with a threshold.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REQUIRE_SERVICES, SHARED_SITES, service_missing

ROOT = Path(__file__).resolve().parents[1]
SITES = ("01-sb-landing-page", "10-lh-a11y-tester")
CHROMIUM = Path(os.environ.get("AURA_CHROMIUM_PATH") or "/usr/bin/chromium")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two of the shared sites, linked into a folder of their own."""
    if not SHARED_SITES.is_dir():
        pytest.skip(f"the shared sites are not at {SHARED_SITES}")
    folder = tmp_path_factory.mktemp("bench-sites")
    for name in SITES:
        (folder / name).symlink_to(SHARED_SITES / name, target_is_directory=True)
    return folder


def run_bench(sites: Path, results: Path, args: list[str], **env: str) -> dict[str, Any]:
    """Run one benchmark; its JSON result."""
    environment = {
        **os.environ,
        "AURA_BENCH_SITES": str(sites),
        "AURA_BENCH_RESULTS": str(results),
        **env,
    }
    environment.pop("LIGHTHOUSE_BIN", None)
    finished = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    written = sorted(results.glob("*.json"))
    assert len(written) == 1, written
    document: dict[str, Any] = json.loads(written[0].read_text())
    assert document["machine"]["cpus"] >= 1
    assert document["date"]
    return document


def services() -> dict[str, str]:
    database, redis = (
        os.environ.get("AURA_TEST_DATABASE_URL"),
        os.environ.get("AURA_TEST_REDIS_URL"),
    )
    if not database or not redis:
        service_missing("this benchmark needs AURA_TEST_DATABASE_URL and AURA_TEST_REDIS_URL")
    assert database is not None
    assert redis is not None
    return {"AURA_BENCH_DATABASE_URL": database, "AURA_BENCH_REDIS_URL": redis}


def test_static_audit_engine(sites: Path, tmp_path: Path) -> None:
    figures = run_bench(
        sites, tmp_path, ["bench/audit_engine.py", "--rounds", "1", "--sizes", "50"]
    )
    assert set(figures["pages"]) == set(SITES)
    assert figures["per_page"]["cpu_ms_median"] > 0
    assert figures["peak_rss_mb"] > 0
    assert [row["html_kib"] for row in figures["by_page_size"]] == [50]


def test_crawl_page(sites: Path, tmp_path: Path) -> None:
    figures = run_bench(sites, tmp_path, ["bench/crawl_page.py", "--rounds", "1"])
    pages = {row["url"] for row in figures["per_page"]}
    assert {f"{sites.name}/{name}/index.html" for name in SITES} <= pages
    assert figures["cpu_ms"]["median"] > 0
    assert figures["audits"] > 0
    assert set(figures["parts_ms"]) == {"decode_ms", "parse_ms", "facts_ms", "audits_ms"}


def test_parser_shapes(sites: Path, tmp_path: Path) -> None:
    args = ["bench/parser_shapes.py", "--only", "attrs-distinct", "--sizes", "4,8", "--cap", "60"]
    figures = run_bench(sites, tmp_path, args)
    shape = figures["shapes"]["attrs-distinct-one-element"]
    assert set(shape["parse"]["ms_by_kib"]) == {"4", "8"}
    # 8 KiB of attributes on one element is over the bound: refused, with the reason.
    assert shape["analysis"]["outcome"].startswith("refused: the page has an element with")


def test_startup(sites: Path, tmp_path: Path) -> None:
    figures = run_bench(sites, tmp_path, ["bench/startup.py", "--repeats", "1", "--sites", "2"])
    assert figures["commands"]["aura --help"]["modules"] > 0
    # The help of the command group imports far less than a command that analyses.
    assert (
        figures["commands"]["aura --help"]["modules"]
        < figures["commands"]["aura analyze --help"]["modules"]
    )
    assert figures["analyze_static"]["urls"] == 2
    assert figures["analyze_static"]["analyses_ms_sum"] > 0
    assert figures["analyze_static"]["analyses_cpu_ms_sum"] > 0
    # The second run, in the same data folder, finds the database already there.
    assert figures["analyze_static"]["existing_database"]["cpu_s"] > 0
    # Where the command's CPU went: its main thread and the analyses' threads both worked.
    split = figures["analyze_static"]["cpu_split_s"]
    assert split["main"] > 0
    assert split["analysis"] > 0
    assert split["total"] >= split["main"] + split["analysis"]


def test_startup_ab(sites: Path, tmp_path: Path) -> None:
    """This tree against itself: each tree runs twice a round (A, B, B, A)."""
    figures = run_bench(
        sites, tmp_path, ["bench/startup_ab.py", str(ROOT), "--rounds", "1", "--sites", "2"]
    )
    assert figures["urls"] == 2
    assert figures["other_tree"] == str(ROOT)
    for tree in ("this", "other"):
        assert figures[tree]["runs"] == 2
        assert 0 < figures[tree]["wall_min_s"] <= figures[tree]["wall_s"]
        assert figures[tree]["cpu_s"] > 0


def test_webp_effort(sites: Path, tmp_path: Path) -> None:
    figures = run_bench(sites, tmp_path, ["bench/webp_effort.py", "--methods", "3", "2"])
    assert figures["images"] > 0
    for method in ("method_3", "method_2"):
        assert figures[method]["cpu_s"] > 0
        assert figures[method]["bytes"] > 0
    if figures["chromium"]:
        assert "savings_vs_chromium_pct" in figures["method_2"]


def test_technology(sites: Path, tmp_path: Path) -> None:
    figures = run_bench(sites, tmp_path, ["bench/technology.py", "--rounds", "1"])
    assert set(SITES) <= {page["page"] for page in figures["pages"]}
    assert all(page["median_ms"] > 0 for page in figures["pages"])


def test_browser(sites: Path, tmp_path: Path) -> None:
    if not CHROMIUM.is_file():
        if REQUIRE_SERVICES:
            pytest.fail(f"Chromium is missing at {CHROMIUM} (required in CI)")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    # In its own memory cgroup where this process may make one (root, as in CI).
    args = ["bench/browser.py", *(["--cgroup"] if _memory_cgroup_writable() else [])]
    figures = run_bench(sites, tmp_path, args)
    assert figures["per_page"]["wall_ms_median"] > 0
    assert figures["peak_pss_mb"] > 0
    if "--cgroup" in args:
        charged = figures["cgroup"]
        # The kernel's own peak holds at least the anonymous memory the sampler saw.
        assert charged["peak_mb"] >= charged["peak_sampled_mb"]["anon"] > 0, charged


def test_lab_accuracy(sites: Path, tmp_path: Path) -> None:
    if not CHROMIUM.is_file():
        if REQUIRE_SERVICES:
            pytest.fail(f"Chromium is missing at {CHROMIUM} (required in CI)")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    # Without LIGHTHOUSE_BIN only Aura's methods run: no accuracy, but times and values (the
    # unthrottled ones are the simulated run's observed load).
    figures = run_bench(sites, tmp_path, ["-m", "bench.lab_accuracy"])
    assert set(figures["ms_per_page_median"]) == {"simulated-slow-4g", "devtools-slow-4g"}
    for method in ("unthrottled", "simulated-slow-4g", "devtools-slow-4g"):
        assert len(figures["medians"][method]) == len(SITES)


def _memory_cgroup_writable() -> bool:
    from bench.cgroup import MemoryCgroup

    try:
        group = MemoryCgroup.of_this_process()
    except (OSError, RuntimeError):
        return False
    return os.geteuid() == 0 and os.access(group.path, os.W_OK)


def test_queue_and_fan_out(sites: Path, tmp_path: Path) -> None:
    args = ["bench/queue_fanout.py", "--jobs", "10", "--watchers", "5", "--overhead-jobs", "20"]
    figures = run_bench(sites, tmp_path, args, **services())
    assert [row["queue"] for row in figures["queue_overhead"]] == ["memory", "redis"]
    assert figures["fan_out"]["delivered"] == 5
    assert [row["workers"] for row in figures["drain"]] == [1, 2]


def test_end_to_end(sites: Path, tmp_path: Path) -> None:
    args = ["-m", "bench.end_to_end", "--mode", "static", "--scaling", "2"]
    figures = run_bench(sites, tmp_path, args, **services())
    for mode in ("embedded", "distributed"):
        assert figures[mode]["status"] == "completed", figures[mode]
        assert figures[mode]["urls"] == len(SITES)
    assert [row["urls"] for row in figures["scaling"]] == [2]


def test_crawl(sites: Path, tmp_path: Path) -> None:
    args = ["bench/crawl.py", "--sizes", "3", "6", "--site-pages", "30"]
    figures = run_bench(sites, tmp_path, args)
    assert [run["pages_per_site"] for run in figures["runs"]] == [3, 6]
    assert [run["status"] for run in figures["runs"]] == ["completed", "completed"]
    # Five sites of the asked number of pages each, every one fetched.
    assert [run["pages_crawled"] for run in figures["runs"]] == [15, 30]
    assert all(run["peak_rss_mb"] > 0 for run in figures["runs"])


def test_api_load(sites: Path, tmp_path: Path) -> None:
    args = ["-m", "bench.api_load", "--rates", "5", "--seconds", "1"]
    figures = run_bench(sites, tmp_path, args, **services())
    for name in ("create_batch", "read_batch"):
        assert figures[name]["rates"][0]["requests"] > 0


def test_audit_agreement_sorts_each_lighthouse_verdict_into_its_class() -> None:
    from bench.audit_agreement import compare

    def lighthouse(category: str, audit_id: str, score: float | None) -> dict[str, Any]:
        mode = "notApplicable" if score is None else "binary"
        return {"id": audit_id, "scoreDisplayMode": mode, "score": score, "category": category}

    audits = [
        lighthouse("seo", "meta-description", 0),  # Aura fails it too
        lighthouse("accessibility", "list", 0),  # Aura passes it
        lighthouse("accessibility", "aria-required-parent", 0),  # axe-core only
        lighthouse("performance", "first-contentful-paint", 0),  # not measured statically
        lighthouse("performance", "unused-javascript", 0),  # no counterpart
        lighthouse("accessibility", "image-alt", 1),  # Aura fails, Lighthouse passes
    ]
    report = {
        "categories": {
            category: {"auditRefs": [{"id": a["id"]} for a in audits if a["category"] == category]}
            for category in ("seo", "accessibility", "performance")
        },
        "audits": {a["id"]: a for a in audits},
    }

    def aura(*scores: tuple[str, float | None]) -> dict[str, Any]:
        return {"categories": {"all": {"audits": [{"id": i, "score": s} for i, s in scores]}}}

    static = aura(("meta-description", 0.0), ("list", 1.0), ("image-alt", 0.0))
    ids = {"meta-description", "list", "image-alt", "first-contentful-paint", "axe-rules"}
    classes = compare(report, static, ids)
    assert classes["both_fail"] == ["meta-description:meta-description"]
    assert classes["lh_fails_aura_passes"] == ["list:list=1.00"]
    assert classes["lh_fails_aura_cannot_tell"] == [
        "aria-required-parent:axe-rules",
        "first-contentful-paint:first-contentful-paint",
    ]
    assert classes["lh_fails_no_counterpart"] == ["unused-javascript"]
    assert classes["aura_fails_lh_passes"] == ["image-alt:image-alt"]


def test_noise_calibration(sites: Path, tmp_path: Path) -> None:
    args = ["bench/noise_calibration.py", "--mode", "static", "--repeats", "2"]
    figures = run_bench(sites, tmp_path, [*args, "--sites", ",".join(SITES)])
    samples = figures["pages"][SITES[0]]["samples"]
    assert len(samples) == 2
    assert samples[0]["values"]["html_bytes"] == samples[1]["values"]["html_bytes"]
    pooled = figures["pooled"]
    assert pooled["html_bytes"]["pairs"] == len(SITES)  # one pair of analyses per page
    assert (pooled["html_bytes"]["abs_max"], pooled["html_bytes"]["false_changes"]) == (0, 0)
    assert pooled["score:seo"]["threshold"] == {"absolute": 3, "relative": 0.0}


def test_site_report(sites: Path, tmp_path: Path) -> None:
    figures = run_bench(sites, tmp_path, ["bench/site_report.py", "--sizes", "200"])
    run = figures["sizes"]["200"]
    # 200 pages, 1 URL that answers 404 and the 4 pages only the sitemap lists.
    assert run["records"] == 205
    # What the synthetic site holds, found: the one link to a 404, the 4 orphans.
    assert run["findings"]["broken-internal-links"] == 1
    assert run["findings"]["orphan-pages"] == 4
