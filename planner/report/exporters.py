"""Exporters other packages register: the PDF is drawn by Qt, which planner never imports, so
the app offers it under the entry point group `locplan.exporters` (see pyproject.toml)."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points


def exporter(name: str) -> Callable | None:
    """The registered exporter called `name` ("pdf"), or None when none is installed."""
    for entry in entry_points(group="locplan.exporters", name=name):
        return entry.load()
    return None


__all__ = ["exporter"]
