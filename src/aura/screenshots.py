"""Screenshots of analyses, as files under ``<data dir>/screenshots/<analysis id>/``.

The audit engine writes them (it is handed the folder); the API serves them by name; a
deleted batch takes its analyses' folders with it. Only the names the engine produces are
ever served, so a request cannot reach outside an analysis's folder.

Change tracking compares the desktop screenshots of two runs of a set and keeps the overlay
images beside them, under ``<data dir>/changes/<before batch>--<after batch>/``; deleting
either batch removes the folder.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

from aura.audit.browser import SCREENSHOT_NAMES

logger = logging.getLogger(__name__)


class ScreenshotStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.changes_root = root.parent / "changes"

    def folder(self, analysis_id: uuid.UUID) -> Path:
        return self.root / str(analysis_id)

    def path(self, analysis_id: uuid.UUID, name: str) -> Path | None:
        """The file of screenshot ``name``, or None if there is no such screenshot."""
        if name not in SCREENSHOT_NAMES:
            return None
        path = self.folder(analysis_id) / name
        return path if path.is_file() else None

    def remove(self, analysis_ids: Iterable[uuid.UUID]) -> None:
        for analysis_id in analysis_ids:
            folder = self.folder(analysis_id)
            try:
                shutil.rmtree(folder)
            except FileNotFoundError:
                continue
            except OSError:
                logger.exception("could not remove the screenshots in %s", folder)

    def pair_folder(self, before_batch: uuid.UUID, after_batch: uuid.UUID) -> Path:
        """Where the overlays of the changes between two runs live."""
        return self.changes_root / f"{before_batch}--{after_batch}"

    def remove_pairs(self, batch_id: uuid.UUID) -> None:
        """Remove the overlays of every pair of runs that ``batch_id`` is part of."""
        if not self.changes_root.is_dir():
            return
        for pattern in (f"{batch_id}--*", f"*--{batch_id}"):
            for folder in self.changes_root.glob(pattern):
                try:
                    shutil.rmtree(folder)
                except FileNotFoundError:
                    continue
                except OSError:
                    logger.exception("could not remove the overlays in %s", folder)
