-- Membership over time. A member is dự bị since one day and chính thức since another: the party's
-- rules read the membership on the day of the violation (Điều lệ Đảng, Điều 35: a dự bị member
-- only khiển trách or cảnh cáo). A store's members: their membership until now becomes their
-- first change (since their membership_since, NULL when it was not recorded: from the start).
-- member.membership and membership_since stay: the latest change, as lists show it.
CREATE TABLE member_membership (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    membership   TEXT NOT NULL CHECK (membership IN ('chinh-thuc', 'du-bi')),
    since        TEXT,                        -- ISO date; NULL: from the start (not known)
    created_at   TEXT NOT NULL,
    import_batch INTEGER REFERENCES import_batch (id),
    UNIQUE (member_id, since)
) STRICT;
CREATE INDEX member_membership_member ON member_membership (member_id, since);
INSERT INTO member_membership (member_id, membership, since, created_at, import_batch)
    SELECT id, membership, membership_since, created_at, import_batch FROM member;

-- Xóa tên khỏi danh sách đảng viên is an outcome of its own (not a discipline form): the
-- outcome's CHECK takes it. SQLite cannot change a CHECK in place: the table is rebuilt, its
-- columns in the same order, its indexes again.
CREATE TABLE violation_0012 (
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
    outcome         TEXT CHECK (outcome IN ('kiem-diem', 'khien-trach', 'canh-cao', 'cach-chuc', 'khai-tru', 'xoa-ten')),
    decided_on      TEXT,
    decided_by      TEXT CHECK (decided_by IN ('chi-bo', 'dang-uy', 'ubkt')),
    decision        TEXT,
    published_on    TEXT,
    published_where TEXT,
    created_at      TEXT NOT NULL,
    import_batch    INTEGER REFERENCES import_batch (id),
    content         TEXT,
    deleted_at      TEXT,
    deleted_reason  TEXT,
    CHECK (known_on >= occurred_on),
    CHECK (alcohol_breath IS NULL OR alcohol_blood IS NULL)
) STRICT;
INSERT INTO violation_0012 (
    id, plan_id, unit_id, member_id, category, occurred_on, known_on, detected_by,
    alcohol_breath, alcohol_blood, alcohol_tier, decree, reported_on, note, outcome, decided_on,
    decided_by, decision, published_on, published_where, created_at, import_batch, content,
    deleted_at, deleted_reason)
SELECT id, plan_id, unit_id, member_id, category, occurred_on, known_on, detected_by,
    alcohol_breath, alcohol_blood, alcohol_tier, decree, reported_on, note, outcome, decided_on,
    decided_by, decision, published_on, published_where, created_at, import_batch, content,
    deleted_at, deleted_reason
FROM violation;
DROP TABLE violation;
ALTER TABLE violation_0012 RENAME TO violation;
CREATE INDEX violation_occurred_on ON violation (occurred_on);
CREATE INDEX violation_unit ON violation (unit_id, occurred_on);
CREATE INDEX violation_known_on ON violation (known_on);
CREATE INDEX violation_decided_on ON violation (decided_on);
CREATE INDEX violation_published_on ON violation (published_on);
CREATE INDEX violation_import ON violation (import_batch) WHERE import_batch IS NOT NULL;
