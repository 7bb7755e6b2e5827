-- Reports read violations by each of their dates: index them so a period's cost does not grow
-- with the store's history.
CREATE INDEX violation_known_on ON violation (known_on);
CREATE INDEX violation_decided_on ON violation (decided_on);
CREATE INDEX violation_published_on ON violation (published_on);
CREATE INDEX propaganda_session_plan_held_on ON propaganda_session (plan_id, held_on);

-- Notes the office writes into a period's report; they appear in every regeneration.
CREATE TABLE report_note (
    id         INTEGER PRIMARY KEY,
    period     TEXT NOT NULL,            -- 2026-11, 2026-Q4, 2026-H2, 2026
    section    TEXT NOT NULL CHECK (section IN ('ket-qua', 'han-che', 'phuong-huong')),
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;
CREATE INDEX report_note_period ON report_note (period, section);
