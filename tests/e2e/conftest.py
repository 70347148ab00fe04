"""Chromium fixtures (defined with the UI tests) shared by every end-to-end test here."""

from tests.e2e.test_ui import browser, chromium_ready, page  # noqa: F401
