-- Party members (personal data: shown by an opaque code when redacted) and their violations.

CREATE TABLE member (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,    -- ĐV-7F3A: random, holds nothing of the name
    unit_id          INTEGER NOT NULL REFERENCES unit (id),
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,           -- folded, for matching
    membership       TEXT NOT NULL CHECK (membership IN ('chinh-thuc', 'du-bi')),
    membership_since TEXT,                    -- ISO date of admission (dự bị) or of becoming full
    party_post       TEXT,                    -- e.g. Bí thư chi bộ (needed for cách chức)
    state_title      TEXT,                    -- e.g. Trưởng phòng (not a party post)
    created_at       TEXT NOT NULL,
    UNIQUE (unit_id, name_key)
) STRICT;

CREATE TABLE violation (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plan (id),
    unit_id         INTEGER NOT NULL REFERENCES unit (id),
    member_id       INTEGER NOT NULL REFERENCES member (id),
    category        TEXT NOT NULL,            -- a code of the plan's violation categories
    occurred_on     TEXT NOT NULL,
    known_on        TEXT NOT NULL,            -- when the cell learned of it: lateness runs from here
    detected_by     TEXT,
    alcohol_breath  REAL CHECK (alcohol_breath > 0),   -- mg/l of breath
    alcohol_blood   REAL CHECK (alcohol_blood > 0),    -- mg/100 ml of blood
    alcohol_tier    INTEGER CHECK (alcohol_tier BETWEEN 1 AND 3),
    decree          TEXT,                     -- the decree in force on occurred_on
    reported_on     TEXT,                     -- reported to the Đảng ủy Sở
    note            TEXT,
    outcome         TEXT CHECK (outcome IN ('kiem-diem', 'khien-trach', 'canh-cao', 'cach-chuc', 'khai-tru')),
    decided_on      TEXT,
    decided_by      TEXT CHECK (decided_by IN ('chi-bo', 'dang-uy', 'ubkt')),
    decision        TEXT,
    published_on    TEXT,
    published_where TEXT,
    created_at      TEXT NOT NULL,
    CHECK (known_on >= occurred_on),
    CHECK (alcohol_breath IS NULL OR alcohol_blood IS NULL)
) STRICT;
CREATE INDEX violation_occurred_on ON violation (occurred_on);
CREATE INDEX violation_unit ON violation (unit_id, occurred_on);
