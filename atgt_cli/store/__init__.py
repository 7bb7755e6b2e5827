"""All access to the store. Writes go through SQLModel sessions (`Store.write`); the reads of
the quick commands are plain SQL on the sqlite3 driver (`queries.py`), so they never import
the ORM. A database URL would plug in behind the same functions."""
