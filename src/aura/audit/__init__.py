"""The audit engine. It imports nothing from the database, the queue or the web layer."""
