"""Single-URL analyses: the unit of background work."""
