"""The plan as tables and documents (no Qt here: the app draws the PDF)."""
