-- Correcting records. A violation deleted by mistake-fixing is kept (out of every count), as a
-- deleted session is. A session's total is marked when atgt took it from the unit's member count
-- (1) rather than from the user (0): a later `unit members --since` in the past updates only those.
ALTER TABLE violation ADD COLUMN deleted_at TEXT;
ALTER TABLE violation ADD COLUMN deleted_reason TEXT;
ALTER TABLE propaganda_session ADD COLUMN total_from_count INTEGER NOT NULL DEFAULT 0;
