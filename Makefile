# The two commands a newcomer needs (see README):
#   make run   - set up .venv and open the app on the sample project (headless: plan it instead)
#   make test  - set up .venv and run the whole test suite with the house rules
# For whoever ships the app (docs/install.md):
#   make dist  - build the one-folder app in dist/locplan and its archive (minutes)
#   make smoke - check that built folder as a user's computer would run it
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SAMPLE := sample_data/vr_headset_bac_ninh.xlsx
OUT    := out
CODE   := $(wildcard planner ui tests packaging sample_data)

.PHONY: run test setup setup-test lint bench clean dist smoke

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test

run: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] && $(BIN)/python -c "import ui.app" 2>/dev/null; then \
		$(BIN)/locplan-gui $(SAMPLE); \
	else \
		if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
			echo "The desktop app does not import (.venv/bin/python -c 'import ui.app' says why): planning the sample headless instead."; \
		else \
			echo "No display found: planning the sample headless instead."; \
		fi; \
		mkdir -p $(OUT); pdf=""; \
		if $(BIN)/python -c "import ui.printing" 2>/dev/null; then pdf="--pdf $(OUT)/sample-plan.pdf"; fi; \
		$(BIN)/locplan plan $(SAMPLE) -o $(OUT)/sample-plan.xlsx $$pdf && \
		echo "Wrote $(OUT)/sample-plan.xlsx $${pdf:+and $(OUT)/sample-plan.pdf}"; \
	fi

lint: setup-test
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/lint-imports
	$(BIN)/mypy planner

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2

# The one-folder app (PyInstaller, packaging/locplan.spec) in its own environment: the project
# installed as a user gets it (not editable: its metadata is packed), without the test tools.
DIST_VENV := .venv-dist
DIST_BIN  := $(DIST_VENV)/bin

$(DIST_BIN)/activate:
	$(PYTHON) -m venv $(DIST_VENV)
	$(DIST_BIN)/python -m pip install --quiet --upgrade pip

dist: | $(DIST_BIN)/activate
	$(DIST_BIN)/python -m pip install --quiet . "pyinstaller>=6.10,<7"
	$(DIST_BIN)/python -m pip install --quiet --no-deps --force-reinstall .
	rm -rf build/pyinstaller dist/locplan dist/locplan-*.tar.gz
	$(DIST_BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/locplan.spec
	@# the version as installed just now (make expands a recipe before running its first line)
	archive=dist/locplan-$$($(DIST_BIN)/python -c "import planner; print(planner.version())")-linux-$$(uname -m).tar.gz; \
	tar -czf $$archive -C dist locplan && echo "Built dist/locplan and $$archive"

smoke:
	$(PYTHON) packaging/smoke.py dist/locplan --archive "$$(ls dist/locplan-*.tar.gz | head -1)"

bench: setup
	$(BIN)/locplan bench

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache $(DIST_VENV) build dist
