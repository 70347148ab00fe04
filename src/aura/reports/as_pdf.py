"""The PDF export: the HTML report printed by the Chromium Aura already drives.

The page is the HTML export written for print (folded lists open, print CSS: A4 margins,
page breaks before the sites and the audit details, no row or card cut in two). It is put
into a blank tab of its own browser context with ``Page.setDocumentContent``, so it is never
fetched from anywhere, and the context's proxy (``GuardProxy`` without a policy) refuses every
connection; the report's own Content-Security-Policy already forbids any request. Then
``Page.printToPDF``. Unlike the other formats this needs the browser, so it is async and takes
the process's ``BrowserPool``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib

from aura.audit.browser.pool import BrowserPool
from aura.audit.browser.proxy import GuardProxy
from aura.errors import UnavailableError
from aura.reports import Export
from aura.reports.as_html import render_html
from aura.reports.common import file_name
from aura.reports.model import Report

__all__ = ["MEDIA_TYPE", "PdfUnavailableError", "export_pdf", "render_pdf"]

MEDIA_TYPE = "application/pdf"
#: The longest a report may take to print (a report of ten sites prints in about a second).
PRINT_TIMEOUT = 60.0

#: A4, in inches (the protocol's unit); margins come from the report's ``@page`` rule.
_A4 = {"paperWidth": 8.27, "paperHeight": 11.69}


class PdfUnavailableError(UnavailableError):
    """Chromium is not installed here: the PDF export needs it (503 in the API)."""


async def render_pdf(report: Report, pool: BrowserPool) -> bytes:
    reason = pool.unavailable_reason
    if reason is not None:
        raise PdfUnavailableError(f"the PDF export needs Chromium: {reason}")
    html = (await asyncio.to_thread(render_html, report, for_print=True)).decode("utf-8")
    proxy = GuardProxy(None)
    await proxy.start()
    try:
        async with asyncio.timeout(PRINT_TIMEOUT), pool.slot() as browser:
            created = await browser.send(
                "Target.createBrowserContext",
                {"proxyServer": proxy.url, "proxyBypassList": "<-loopback>"},
            )
            context = str(created["browserContextId"])
            try:
                target = await browser.send(
                    "Target.createTarget", {"url": "about:blank", "browserContextId": context}
                )
                page = await browser.attach(str(target["targetId"]))
                await page.send("Page.enable")
                tree = await page.send("Page.getFrameTree")
                frame = str(tree["frameTree"]["frame"]["id"])
                await page.send("Page.setDocumentContent", {"frameId": frame, "html": html})
                printed = await page.send(
                    "Page.printToPDF",
                    {**_A4, "printBackground": True, "preferCSSPageSize": True},
                )
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.shield(
                        browser.send("Target.disposeBrowserContext", {"browserContextId": context})
                    )
    finally:
        await proxy.close()
    return base64.b64decode(printed["data"])


async def export_pdf(report: Report, pool: BrowserPool) -> Export:
    """The report as a PDF file, like ``aura.reports.export`` for the other formats."""
    return Export(await render_pdf(report, pool), MEDIA_TYPE, file_name(report, "pdf"))
