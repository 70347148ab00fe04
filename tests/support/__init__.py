"""Test helpers: local fixture servers and database set-up."""
