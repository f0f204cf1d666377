"""The plan of record: approved versions kept in the project workbook, what really happened
(Actuals), re-planning from it, and what changed between two plans."""
