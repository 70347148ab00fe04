"""Content audits."""
