"""Technology audits."""
