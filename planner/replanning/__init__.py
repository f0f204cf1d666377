"""The plan of record at work: an approved version priced in the project as it stands, and
the rest of the horizon planned again from what really happened (planner.record holds the
versions and the events; this package runs the optimiser on them)."""
