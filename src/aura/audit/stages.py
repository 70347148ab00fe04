"""The stages of one analysis, as its progress shows them: the engine reports each one it
reaches (``AnalysisOptions.on_stage``) and the worker records it and tells the watchers."""

from __future__ import annotations

from typing import Final

#: Fetching the page and its resources (and parsing them): where every analysis starts.
FETCHING: Final = "fetching"
#: Browser mode: Chromium renders the page (the static audits gather alongside).
RENDERING: Final = "rendering"
#: Everything is gathered: the audits run and the result is built.
AUDITING: Final = "auditing"

STAGES: Final = (FETCHING, RENDERING, AUDITING)
