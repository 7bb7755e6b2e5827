-- Units, their member counts over time, propaganda sessions, the audit log, period locks.

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,      -- folded: matched as users type it
    kind       TEXT NOT NULL CHECK (kind IN ('chi-bo', 'doan-the', 'dang-bo-bo-phan', 'dang-uy')),
    parent_id  INTEGER REFERENCES unit (id),
    retired_on TEXT,                      -- ISO date; a retired unit takes no new records
    created_at TEXT NOT NULL
) STRICT;

-- Members (and members exempted from meetings) in force from a date on.
CREATE TABLE unit_members (
    id      INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit (id),
    since   TEXT NOT NULL,
    members INTEGER NOT NULL CHECK (members >= 0),
    exempt  INTEGER NOT NULL DEFAULT 0 CHECK (exempt >= 0 AND exempt <= members),
    UNIQUE (unit_id, since)
) STRICT;

CREATE TABLE propaganda_session (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plan (id),
    unit_id        INTEGER NOT NULL REFERENCES unit (id),
    held_on        TEXT NOT NULL,         -- ISO date
    channel        TEXT NOT NULL,         -- a code of the plan's channels
    topics         TEXT NOT NULL DEFAULT '[]',  -- JSON list of topic codes
    item           TEXT,                  -- a plan item id
    present        INTEGER CHECK (present >= 0),
    total          INTEGER CHECK (total >= 0),
    masses         INTEGER CHECK (masses >= 0),
    title          TEXT,
    url            TEXT,
    note           TEXT,
    evidence       TEXT,
    created_at     TEXT NOT NULL,
    deleted_at     TEXT,                  -- kept, out of every count
    deleted_reason TEXT,
    CHECK (present IS NULL OR total IS NULL OR present <= total)
) STRICT;
CREATE INDEX propaganda_session_held_on ON propaganda_session (held_on);
CREATE INDEX propaganda_session_unit ON propaganda_session (unit_id, held_on);

-- Every change: who, when, what, before and after (JSON).
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,                 -- ISO 8601, UTC
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,                 -- kind:id, e.g. session:12, unit:3, period:2026-11
    before TEXT,
    after  TEXT,
    reason TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity);

-- Closed months: no record dated in them may be added, changed or deleted.
CREATE TABLE period_lock (
    month     TEXT PRIMARY KEY,           -- YYYY-MM
    closed_at TEXT NOT NULL,
    closed_by TEXT NOT NULL
) STRICT;
