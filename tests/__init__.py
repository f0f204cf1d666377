"""The test suite (a package, so that tests/ui never shadows the app's own ui package)."""
