# Pressbox: `make run` sets everything up and serves the demo; `make test` runs the suite.
# Both work from a fresh clone; both reuse what is already there on later runs.

PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint bench clean backup restore

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 12) else "Pressbox needs Python 3.12 or newer; set PYTHON=/path/to/python3.12")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

# The demo runs in development mode on SQLite unless DATABASE_URL says otherwise.
run: export DJANGO_DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --addrport $(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser tests drive Debian's Chromium (apt-get install chromium); without it they are left out, and
# said so. CI installs it and sets REQUIRE_BROWSER=1, so there they always run; SKIP_BROWSER=1 leaves them
# out on purpose (CI runs them once, on PostgreSQL, not again on SQLite).
test: install
	@if [ -n "$$SKIP_BROWSER" ]; then \
		echo "SKIP_BROWSER is set: browser tests left out."; \
		$(BIN)/python -m pytest -n auto -m "not browser"; \
	elif command -v chromium >/dev/null 2>&1 || [ -n "$$CHROMIUM_PATH" ] || [ -n "$$REQUIRE_BROWSER" ]; then \
		$(BIN)/python -m pytest -n auto; \
	else \
		echo "Chromium not found: browser tests left out (apt-get install chromium to run them)."; \
		$(BIN)/python -m pytest -n auto -m "not browser"; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=1 $(BIN)/mypy .

bench: install
	$(BIN)/python -m bench

# The database to a file (pg_dump's custom format on PostgreSQL), and back; a restore ends with migrate, which
# brings a backup from an older release up to this one (README, Backups). FILE names the backup.
backup restore: export DJANGO_DEBUG ?= 1
backup: install
	$(BIN)/python manage.py backup $(or $(FILE),pressbox-$(shell date -u +%Y%m%d-%H%M%S).backup)

restore: install
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=pressbox-....backup"; exit 2; }
	$(BIN)/python manage.py restore $(FILE)
	$(BIN)/python manage.py migrate --noinput

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
