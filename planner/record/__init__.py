"""The plan of record and what happened to it (issue 28): the Actuals sheet's events
(`actuals`), re-planning from them (`replan`), and the approved plan versions kept in the
project workbook."""
