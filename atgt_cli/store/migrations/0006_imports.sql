-- Imports: each file is a batch in a ledger; rows it added carry its id, rows it changed keep
-- their old values, so the batch can be undone.
CREATE TABLE import_batch (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('sessions', 'violations', 'units')),
    file_name    TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    rows         INTEGER NOT NULL,
    added        INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    skipped      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    undone_at    TEXT,
    undone_by    TEXT
) STRICT;

CREATE TABLE import_change (
    id       INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batch (id),
    entity   TEXT NOT NULL,          -- session, violation, unit
    row_id   INTEGER NOT NULL,
    before   TEXT NOT NULL           -- JSON of the columns the batch changed
) STRICT;

ALTER TABLE propaganda_session ADD COLUMN import_batch INTEGER REFERENCES import_batch (id);
ALTER TABLE violation ADD COLUMN import_batch INTEGER REFERENCES import_batch (id);
ALTER TABLE unit ADD COLUMN import_batch INTEGER REFERENCES import_batch (id);
CREATE INDEX propaganda_session_import ON propaganda_session (import_batch) WHERE import_batch IS NOT NULL;
CREATE INDEX violation_import ON violation (import_batch) WHERE import_batch IS NOT NULL;
