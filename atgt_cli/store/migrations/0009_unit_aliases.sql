-- Other names of a unit, as offices write it ("CB Văn phòng", "Đoàn TN"): matched like its name.
-- An import that brought an alias carries its batch, so that undoing it removes the alias.
CREATE TABLE unit_alias (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES unit (id),
    alias        TEXT NOT NULL,
    alias_key    TEXT NOT NULL UNIQUE,    -- folded, as unit.name_key
    created_at   TEXT NOT NULL,
    import_batch INTEGER REFERENCES import_batch (id)
) STRICT;
CREATE INDEX unit_alias_unit ON unit_alias (unit_id);
