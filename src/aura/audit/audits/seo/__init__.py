"""Seo audits."""
