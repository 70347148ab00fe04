"""Database access: engines per dialect, portable types, sessions, migrations."""
