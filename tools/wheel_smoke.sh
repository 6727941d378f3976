#!/usr/bin/env bash
# The install a user makes: svodka's wheel into a fresh virtual environment
# outside the repository, the core install only (no extras), on each
# interpreter given; then `svodka --version`, `analyze` of the seed article,
# `ingest` into a new SQLite store, `stats`, and `serve` answering /health.
# Python 3.11 keeps the pip it ships with (the oldest pip the README
# supports); the others get the current pip.
# usage: tools/wheel_smoke.sh WHEEL VERSION...   (e.g. 3.11 3.12 3.13)
# Each version's interpreter is `pythonX.Y` on PATH or, where pyenv has it
# but has not activated it, pyenv's own; a version not on the machine is skipped.
set -euo pipefail
wheel=$(realpath "$1"); shift
root=$(cd "$(dirname "$0")/.." && pwd)
seed=$root/examples/000_ace31b1ed83a096e.txt
lock=$root/requirements.lock
interpreter() {  # interpreter X.Y -> a path, or nothing
    if "python$1" -c pass 2>/dev/null; then command -v "python$1"; return; fi
    local root
    root=$(pyenv root 2>/dev/null) || return 0
    ls -d "$root"/versions/"$1".*/bin/"python$1" 2>/dev/null | sort -V | tail -1
}
for ver in "$@"; do
    py=$(interpreter "$ver")
    [ -n "$py" ] || { echo "wheel smoke: no Python $ver here, skipped"; continue; }
    dir=$(mktemp -d /tmp/svodka-smoke-XXXX)
    trap 'rm -rf "$dir"' EXIT
    "$py" -m venv "$dir/venv"
    bin=$dir/venv/bin
    [ "$ver" = 3.11 ] || "$bin/python" -m pip install -q --upgrade pip
    echo "wheel smoke: Python $("$bin/python" -V 2>&1 | cut -d' ' -f2), pip $("$bin/python" -m pip -V | cut -d' ' -f2)"
    # -c: the locked versions, so that the run is reproducible; no setuptools
    # in the environment (nothing may need pkg_resources).
    "$bin/python" -m pip install -q --disable-pip-version-check -c "$lock" "$wheel" 2>&1 \
        | { grep -v "^WARNING: Location" || true; }
    "$bin/python" -m pip uninstall -q -y setuptools 2>/dev/null || true
    cd "$dir"
    "$bin/svodka" --version
    "$bin/svodka" analyze "$seed" --format json > doc.json
    "$bin/python" - doc.json <<'PY'
import json, sys
docs = json.load(open(sys.argv[1]))
assert len(docs) == 1, len(docs)
doc = docs[0]
assert doc["schema_version"], doc.keys()
assert sum(q["kind"] == "direct" for q in doc["quotes"]) == 5, doc["quotes"]
print("wheel smoke: analyze: %d entities, %d quotes, %d events, %d amounts"
      % tuple(len(doc[k]) for k in ("entities", "quotes", "events", "amounts")))
PY
    "$bin/svodka" --quiet ingest "$seed" --db "sqlite:///$dir/s.db" > /dev/null
    "$bin/svodka" stats --db "sqlite:///$dir/s.db" --format json
    port=$("$bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$bin/svodka" --quiet serve --db "sqlite:///$dir/s.db" --port "$port" & pid=$!
    ok=
    for _ in $(seq 60); do
        if "$bin/python" -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:$port/health', timeout=2).read().decode())" 2>/dev/null; then ok=1; break; fi
        sleep 0.5
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    [ -n "$ok" ] || { echo "wheel smoke: serve did not answer /health on Python $ver"; exit 1; }
    cd "$root"; rm -rf "$dir"; trap - EXIT
    echo "wheel smoke: Python $ver ok"
done
