"""Aura's test suite (a package, so that `tests.support` is never shadowed)."""
