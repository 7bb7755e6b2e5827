-- The store's identity and its settings (key → value).
PRAGMA application_id = 1096042324;  -- 0x41544754, "ATGT"

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('created_by', 'atgt');
