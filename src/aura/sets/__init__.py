"""Comparison sets: named lists of sites run again and again, by hand or on a schedule.

``service`` holds the logic (validation, CRUD, runs, due schedules), ``schedule`` the pure
next-run computation, ``tasks`` the ``run_set`` job and ``endpoints`` the HTTP API; change
tracking and alerts after each run live beside them (``tracking``, ``monitoring``).
"""
