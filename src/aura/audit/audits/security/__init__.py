"""Security audits."""
