-- Fewer indexes on sessions, the table imports write a million rows at a time: each index costs
-- every insert. Dates are read through (plan_id, held_on) and (unit_id, held_on); an import is
-- undone by a scan of import_batch, once in a while, instead of an index kept on every row.
DROP INDEX propaganda_session_held_on;
DROP INDEX propaganda_session_import;
