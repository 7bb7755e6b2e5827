-- Plans, each with its revisions. A plan is known by its symbol (16-KH/ĐUSCT); loading a
-- changed file adds a revision, the same file again adds nothing.
CREATE TABLE plan (
    id         INTEGER PRIMARY KEY,
    symbol     TEXT NOT NULL UNIQUE,
    symbol_key TEXT NOT NULL UNIQUE,   -- folded: matched as users type it
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE plan_revision (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plan (id),
    rev          INTEGER NOT NULL,
    content_hash TEXT NOT NULL,        -- sha256 of the validated plan as canonical JSON
    source_name  TEXT NOT NULL,        -- the file it was loaded from
    source_text  TEXT NOT NULL,        -- that file's text, comments included
    data         TEXT NOT NULL,        -- the validated plan as JSON
    loaded_at    TEXT NOT NULL,        -- ISO 8601, UTC
    loaded_by    TEXT NOT NULL,
    UNIQUE (plan_id, rev)
) STRICT;

-- The current plan, by id.
INSERT INTO meta (key, value) VALUES ('current_plan', '');
