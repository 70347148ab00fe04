"""Fixtures of the security suites."""

from __future__ import annotations

from pathlib import Path

import pytest

from aura.db.migrate import upgrade_async


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura-security.db'}"
    await upgrade_async(url)
    return url
