"""The desktop app (PySide6): windows, table models, dialogs, workers, charts."""
