"""Correcting records through the CLI (the record fixes of member, unit, session and import
undo are in test_record_fixes.py)."""
