# atgt: set-up, demo and tests. Needs only Python >= 3.11 and make.
# Windows without make: see README.md ("Windows").

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check
SRC    := atgt_cli tests bench

.PHONY: demo test stress bench lint install lock readme clean

demo: $(STAMP)
	$(BIN)/atgt demo

# On SQLite and on PostgreSQL (tests/databases.py: ATGT_TEST_PG, default 127.0.0.1:5432, trust
# authentication, database test); without a server the PostgreSQL half is skipped, with CI=true
# it fails.
test: $(STAMP) lint
	$(BIN)/pytest -m "not slow" -q

lint: $(STAMP)
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)
	$(BIN)/mypy

# The long checks and a thousand fuzzed cases each; ends with one table of results.
stress: $(STAMP)
	ATGT_STRESS=1 $(BIN)/pytest -m "slow or fuzz" -q

# Every bench/ script, then one table (bench/run_all.py --quick for smaller sizes).
bench: $(STAMP)
	PIP_CONSTRAINT=constraints.txt $(PIP) install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run_all.py

install: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "atgt needs Python >= 3.11: make PYTHON=python3.11 …" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the dependencies change; the package itself is editable.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	PIP_CONSTRAINT=constraints.txt $(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

# Refresh constraints.txt from the ranges in pyproject.toml, in a throw-away venv.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	{ echo '# Exact versions installed by `make` (pip install -c constraints.txt). Regenerate with `make lock`.'; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^atgt'; } > constraints.txt
	rm -rf .lock-venv

# Rewrite the command reference in README.md from --help (tests/test_readme.py checks it).
readme: $(STAMP)
	$(BIN)/python -m atgt_cli.cli.reference --write README.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache dist build
