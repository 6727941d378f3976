"""A writer killed with SIGKILL at any moment leaves a consistent store, and
running it again stores the rest, each article once."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from svodka.store import Store

from storedata import SEED, annotate_seed

N_DOCS, BATCH = 300, 10
WRITER = f"""
import dataclasses, sys
sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parents[1])!r}]
from storedata import SEED, annotate_seed
from svodka.store import Store
base = annotate_seed(SEED.read_text(encoding="utf-8"))
docs = [dataclasses.replace(base, text=base.text + f"\\n\\nВыпуск {{i}}.") for i in range({N_DOCS})]
store = Store(sys.argv[1])
print("ready", flush=True)
for i in range(0, len(docs), {BATCH}):
    store.save_many(docs[i:i + {BATCH}])
    print("saved", i + {BATCH}, flush=True)
"""


def _expected():
    import dataclasses
    base = annotate_seed(SEED.read_text(encoding="utf-8"))
    return [dataclasses.replace(base, text=base.text + f"\n\nВыпуск {i}.") for i in range(N_DOCS)]


def _check_consistent(store: Store, docs) -> int:
    stats = store.stats()
    n = stats["documents"]
    assert n % BATCH == 0                      # whole batches only
    assert (stats["quotes"], stats["events"], stats["amounts"]) == (5 * n, 3 * n, 2 * n)
    assert store.search("Мажилиса", kinds=("documents",)).total == n
    stored = store.has_keys(d.key for d in docs)
    assert len(stored) == n
    for doc in docs[::7]:
        if doc.key in stored:
            assert store.load(doc.key) == doc
    return n


def test_sigkill_mid_ingest_then_resume(store_url):
    Store(store_url).close()       # migrate before the clock starts
    docs = _expected()
    child = subprocess.Popen([sys.executable, "-c", WRITER, store_url],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    for _ in range(3):              # let three batches commit, then kill mid-way
        assert child.stdout.readline().startswith("saved")
    time.sleep(random.uniform(0, 0.03))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Store(store_url) as store:
        first = _check_consistent(store, docs)
    assert 3 * BATCH <= first < N_DOCS
    subprocess.run([sys.executable, "-c", WRITER, store_url], check=True,
                   stdout=subprocess.DEVNULL)
    with Store(store_url) as store:
        assert _check_consistent(store, docs) == N_DOCS
