-- A member's membership may be unknown ('chua-ro'): a violations register seldom has a column
-- for it, and atgt does not guess chính thức (the party's rules differ for dự bị members). Such
-- a member has no row in member_membership until `member edit --membership X --since D` adds
-- one. SQLite cannot change a CHECK in place: the table is rebuilt, its columns in the same
-- order (the migration runs with foreign keys off, and checks them before it commits).
CREATE TABLE member_0013 (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,    -- ĐV-7F3A: random, holds nothing of the name
    unit_id          INTEGER NOT NULL REFERENCES unit (id),
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,           -- folded, for matching
    membership       TEXT NOT NULL CHECK (membership IN ('chinh-thuc', 'du-bi', 'chua-ro')),
    membership_since TEXT,                    -- the latest change's day (member_membership)
    party_post       TEXT,                    -- e.g. Bí thư chi bộ (needed for cách chức)
    state_title      TEXT,                    -- e.g. Trưởng phòng (not a party post)
    created_at       TEXT NOT NULL,
    import_batch     INTEGER REFERENCES import_batch (id),
    UNIQUE (unit_id, name_key)
) STRICT;
INSERT INTO member_0013 (
    id, code, unit_id, name, name_key, membership, membership_since, party_post, state_title,
    created_at, import_batch)
SELECT id, code, unit_id, name, name_key, membership, membership_since, party_post, state_title,
    created_at, import_batch
FROM member;
DROP TABLE member;
ALTER TABLE member_0013 RENAME TO member;
