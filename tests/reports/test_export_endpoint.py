"""``GET /api/v1/competitive/{id}/export?format=…``: the reports over HTTP."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from aura.app import create_app
from aura.reports import ReportDocument
from tests.conftest import make_settings
from tests.reports.htmlcheck import assert_self_contained
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_scripted

PAGE = b"""<!DOCTYPE html><html lang="en"><head><title>%s</title>
<meta name="description" content="A fixture page for the export tests."></head>
<body><h1>%s</h1><a class="btn" href="/go">Get started</a></body></html>"""


@pytest.fixture
async def api(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(database_url, tmp_path, default_mode="static", technology_dns=False)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://aura.test") as client:
            yield client


def _site(title: bytes, delay: float = 0.0) -> ScriptedSite:
    return ScriptedSite(routes={"/": Route(body=PAGE % (title, title), delay=delay)}, default=None)


async def test_each_format_with_its_content_type_and_file_name(
    api: httpx.AsyncClient,
) -> None:
    with (
        serve_scripted(_site(b"<b>First</b>")) as first,
        serve_scripted(_site(b"Second")) as second,
    ):
        urls = [first.url("/"), second.url("/")]
        batch = await create_batch(api, urls, name="Export test", primary_url=urls[0])
        finished = await wait_for_batch(api, batch["id"])
    assert finished["status"] == "completed"

    expected_types = {
        "html": "text/html; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "json": "application/json",
    }
    bodies: dict[str, str] = {}
    for fmt, media_type in expected_types.items():
        response = await api.get(f"/api/v1/competitive/{batch['id']}/export?format={fmt}")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == media_type
        assert response.headers["content-disposition"] == (
            f'attachment; filename="aura-export-test-{batch["id"][:8]}.{fmt}"'
        )
        bodies[fmt] = response.text

    assert_self_contained(bodies["html"], urls)
    assert "&lt;b&gt;First&lt;/b&gt;" in bodies["html"]
    assert "| Rank | Site | Overall score |" in bodies["md"]
    assert next(csv.reader(io.StringIO(bodies["csv"])))[5:7] == urls
    assert ReportDocument.model_validate_json(bodies["json"]).batch.name == "Export test"
    default = await api.get(f"/api/v1/competitive/{batch['id']}/export")
    assert default.headers["content-type"] == expected_types["html"]
    # The PDF: the HTML report printed by the server's Chromium.
    pdf = await api.get(f"/api/v1/competitive/{batch['id']}/export?format=pdf")
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].endswith(f'{batch["id"][:8]}.pdf"')
    first_page = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Ranking" in first_page
    assert "<b>First</b>" in first_page


async def test_409_until_there_is_a_comparison_and_404_for_unknown_batches(
    api: httpx.AsyncClient,
) -> None:
    # The slow page keeps the batch running for as long as the test needs it to.
    with serve_scripted(_site(b"Slow", delay=20)) as slow, serve_scripted(_site(b"B")) as other:
        batch = await create_batch(api, [slow.url("/"), other.url("/")])
        running = await api.get(f"/api/v1/competitive/{batch['id']}/export?format=md")
        cancel = await api.post(f"/api/v1/competitive/{batch['id']}/cancel")
        cancelled = await api.get(f"/api/v1/competitive/{batch['id']}/export?format=md")
    unknown = await api.get(f"/api/v1/competitive/{uuid.uuid4()}/export?format=md")
    wrong_format = await api.get(f"/api/v1/competitive/{batch['id']}/export?format=docx")

    assert running.status_code == 409
    assert "not ready" in running.json()["detail"]
    assert cancel.status_code == 200
    assert cancelled.status_code == 409
    assert "cancelled" in cancelled.json()["detail"]
    assert unknown.status_code == 404
    assert wrong_format.status_code == 422
