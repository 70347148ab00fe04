"""Accessibility audits."""
