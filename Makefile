# Aftercast: `make run` starts the app on demo data, `make test` runs the whole suite.
# Both work on a fresh machine: they install what is missing first (apt packages, uv, Python deps).

SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
VENV := .venv
PY := $(VENV)/bin/python
AFTERCAST := $(VENV)/bin/aftercast
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PG_BENCH_URL ?= postgres://postgres@127.0.0.1:5432/aftercast_bench
BIND ?= 127.0.0.1:8000
export AFTERCAST_HOME ?= $(CURDIR)/var

.PHONY: run test test-sqlite test-postgres lint bench deps system-deps python-deps messages compile-messages postgres demo clean

run: deps compile-messages
	$(AFTERCAST) migrate --noinput -v0
	$(AFTERCAST) demo
	$(AFTERCAST) serve --bind $(BIND)

test: deps compile-messages lint test-sqlite test-postgres

test-sqlite:
	env -u DATABASE_URL $(PY) -m pytest -n 2 -q

test-postgres: postgres
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -n 2 -q -m "not browser and not real_processes"

lint:
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy src

bench: deps compile-messages postgres
	env -u DATABASE_URL $(PY) -m benchmarks
	@psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT 1 FROM pg_database WHERE datname='aftercast_bench'" | grep -q 1 || \
		psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE aftercast_bench"
	DATABASE_URL=$(PG_BENCH_URL) $(PY) -m benchmarks

deps: system-deps python-deps

# Debian packages: chromium for browser tests, Pango/HarfBuzz for WeasyPrint, DejaVu fonts for PDFs
# and charts, gettext for compiling translations. Installed only when missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	ldconfig -p | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p | grep -q libharfbuzz || missing="$$missing libharfbuzz0b"; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

python-deps:
	@command -v uv >/dev/null || [ -x "$(UV)" ] || python3 -m pip install --quiet uv
	@$$(command -v uv || echo "$(UV)") sync --frozen --quiet

compile-messages:
	@cd src/aftercast && ../../$(AFTERCAST) compilemessages -v0

messages:
	cd src/aftercast && ../../$(AFTERCAST) makemessages -l ru -l en --no-obsolete --no-location -v0 --ignore "demo/texts.py"

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; echo "PostgreSQL did not start"; exit 1

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
