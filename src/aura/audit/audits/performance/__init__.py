"""Performance audits."""
