"""Technologies only a rendered page shows (a JS global) are detected in browser mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from aura.audit.browser import BrowserPool
from aura.audit.fetch import NetworkPolicy
from aura.audit.runner import analyze_url
from aura.config import Settings
from aura.runtime import analysis_options, browser_settings
from tests.audit.browser.conftest import missing
from tests.audit.technology.test_shared_sites import installed_directory
from tests.support.servers import Route, ScriptedSite, serve_scripted

# jQuery defined by an inline script under another name: nothing in the HTML says "jquery",
# so only the value of window.jQuery.fn.jquery in the live page can reveal it.
PAGE = b"""<!doctype html><html lang="en"><head><title>Live globals</title>
<script>
  var lib = function () {};
  lib.fn = { version: "3.7.1" };
  lib.fn["jq" + "uery"] = lib.fn.version;
  window["jQ" + "uery"] = lib;
</script></head><body><h1>Hello</h1></body></html>"""


async def test_a_js_global_reveals_a_technology_and_its_version(tmp_path: Path) -> None:
    directory = installed_directory()
    if not (directory / "technologies.json").is_file():
        missing(f"the fingerprint data is not installed in {directory} (make fingerprints)")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path, fingerprints_dir=directory, allow_private_networks=True
    )
    probes = browser_settings(settings)
    if probes.unavailable_reason() is not None:
        missing(str(probes.unavailable_reason()))
    assert "jQuery.fn.jquery" in probes.js_probes
    pool = BrowserPool(probes)
    try:
        with serve_scripted(ScriptedSite(routes={"/": Route(body=PAGE)})) as site:
            options = analysis_options(
                settings, NetworkPolicy(allow_private=True), mode="browser", browser=pool
            )
            result = await analyze_url(site.url("/"), options)
    finally:
        await pool.close()

    assert result["mode"] == "browser"
    found = {tech["name"]: tech for tech in result["facts"]["technologies"]}
    assert "jQuery" in found, sorted(found)
    assert found["jQuery"]["version"] == "3.7.1"
    stack = next(
        audit
        for audit in result["categories"]["technology"]["audits"]
        if audit["id"] == "technology-stack"
    )
    detected = {tech["name"]: tech for tech in stack["details"]["items"]}
    assert {"detector": "js"}.items() <= detected["jQuery"]["evidence"][0].items()


@pytest.mark.parametrize("name", ["jQuery"])
def test_the_probe_list_comes_from_the_fingerprints(tmp_path: Path, name: str) -> None:
    directory = installed_directory()
    if not (directory / "technologies.json").is_file():
        missing(f"the fingerprint data is not installed in {directory} (make fingerprints)")
    settings = Settings(_env_file=None, data_dir=tmp_path, fingerprints_dir=directory)  # type: ignore[call-arg]
    assert any(probe.startswith(name) for probe in browser_settings(settings).js_probes)
