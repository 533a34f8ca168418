# The two commands of the README: `make run` serves the portal, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test test-sqlite test-postgres install install-test bootstrap

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

# The browser tests drive Debian's chromium and need a CJK font; installed once, as root.
install-test: $(BIN)/python
	dpkg -s chromium fonts-wqy-microhei >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends chromium fonts-wqy-microhei; }
	$(BIN)/pip install --quiet -r requirements-test.txt

bootstrap: install
	$(BIN)/python manage.py bootstrap
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: bootstrap
	$(BIN)/gunicorn --config gunicorn.conf.py portal.wsgi

# The whole suite twice: on SQLite, then on PostgreSQL 15 in a throwaway cluster that
# scripts/with-postgres installs (from Debian, if missing), starts and removes.
test: test-sqlite test-postgres

test-sqlite: install-test
	PORTAL_DATA_DIR=$$(mktemp -d) $(BIN)/python -m pytest

test-postgres: install-test
	PORTAL_DATA_DIR=$$(mktemp -d) scripts/with-postgres $(BIN)/python -m pytest
