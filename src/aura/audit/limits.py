"""Bounds of the audit engine that ``aura``'s options state in their help, in a module of
their own: showing that help loads none of the engine."""

#: At most this many renders of one page (``aura.audit.browser.runs``).
MAX_RUNS = 5
