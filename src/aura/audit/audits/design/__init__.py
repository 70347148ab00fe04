"""Design audits."""
