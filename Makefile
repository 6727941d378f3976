# The two commands: `make demo` and `make test`. Both set up .venv themselves.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test smoke demo bench fuzz clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==26.3
	$(BIN)/pip install -q -c requirements.lock -e '.[test,all]'
	touch $(STAMP)

# The whole suite on the venv's Python (3.11), then the wheel smoke test on
# every interpreter present (1.5 minutes with pip's cache warm, about 10 on a
# busy machine without it).
test: install
	$(BIN)/python -m pytest -q tests
	$(MAKE) smoke

# The wheel as a user installs it: built once, then installed (core only) into
# a fresh environment on each interpreter present, and run (tools/wheel_smoke.sh).
SMOKE_PYTHONS ?= 3.11 3.12 3.13

smoke: install
	rm -rf dist
	$(BIN)/python -m build -q --wheel --outdir dist . >dist.log 2>&1 || { cat dist.log; exit 1; }
	rm -f dist.log
	tools/wheel_smoke.sh dist/svodka-*.whl $(SMOKE_PYTHONS)

# The demo uses the default store (SQLite in the user's data directory, or
# $$SVODKA_DB); `make demo DEMO_DB=sqlite:///tmp/demo.db` picks another one.
DEMO_DB ?=
DB_OPT := $(if $(DEMO_DB),--db $(DEMO_DB),)

demo: install
	$(BIN)/svodka ingest examples/ $(DB_OPT)
	$(BIN)/svodka stats $(DB_OPT)
	@port=$${SVODKA_PORT:-8000}; echo "svodka: web UI and API at http://127.0.0.1:$$port/ (Ctrl-C stops it)"; \
	exec $(BIN)/svodka serve $(DB_OPT) --host 127.0.0.1 --port $$port

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/scaling.py
	$(BIN)/python benchmarks/workers.py

# Coverage-guided fuzzing (atheris) of the ingest readers and of analyze, each
# for FUZZ_SECONDS; the corpus grows in fuzz/corpus/, crashes go to fuzz/artifacts/.
FUZZ_SECONDS ?= 600

fuzz: install
	mkdir -p fuzz/artifacts
	$(BIN)/python fuzz/fuzz_readers.py -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=2048 -artifact_prefix=fuzz/artifacts/
	$(BIN)/python fuzz/fuzz_analyze.py -max_total_time=$(FUZZ_SECONDS) -timeout=120 -rss_limit_mb=2048 -artifact_prefix=fuzz/artifacts/

clean:
	rm -rf $(VENV) dist
