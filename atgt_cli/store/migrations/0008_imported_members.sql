-- Members an import recorded (a violations file names people the store did not know) carry the
-- import's batch, so that undoing it removes them with their violations.
ALTER TABLE member ADD COLUMN import_batch INTEGER REFERENCES import_batch (id);
