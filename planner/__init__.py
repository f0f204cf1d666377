"""Supplier Localization Planner: the engine (pure Python, never imports Qt)."""

from importlib import metadata


def version() -> str:
    """The installed version, as pyproject.toml states it (stated nowhere else)."""
    try:
        return metadata.version("supplier-localization-planner")
    except metadata.PackageNotFoundError:  # run from a source tree never installed
        return "unknown"
