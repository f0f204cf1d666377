"""The plan of record: the approved versions of a plan kept in the project workbook, and what
changed between any two plans (diff.py)."""
