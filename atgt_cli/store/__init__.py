"""All access to the store. Every write goes through store/writes.py inside one
`Store.transaction()`; reads are plain SQL (queries.py, stats.py, ledger.py); the bulk import
stages rows in temporary tables (staging.py). What only SQLite speaks is in sqlite.py, so a
second database is a second dialect module, not a rewrite of these."""
