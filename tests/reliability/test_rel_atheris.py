"""Coverage-guided fuzzing (atheris, harnesses in fuzz/) in short bounded
runs, and the crashes it found, kept as regression tests. Each harness runs
as a subprocess (libFuzzer ends the process) on a seed corpus built from
real articles; `make fuzz` runs them for longer."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_inputs import NEREL_TRAIN, SEED, article_html, warc_bytes
from svodka.document import Document
from svodka.errors import IngestError
from svodka.ingest.jsonl import read_jsonl
from svodka.ingest.sources import checked_items, read_content

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
LIMIT = 1 << 20

# (harness, seconds of fuzzing, per-input time-out in s, minimum runs): the
# readers take about a millisecond per input, analyze 50-100 ms on a quiet
# machine (about 100 runs in 35 s, after loading the models); on a loaded
# 2-core machine it made 44-57, so the floor that says "it ran" is 30.
HARNESSES = [("fuzz_readers.py", 25, 20, 1000), ("fuzz_analyze.py", 35, 60, 30)]


def fuzz(harness: str, folder: Path, seconds: int, timeout: int) -> subprocess.CompletedProcess:
    corpus = folder / "corpus"
    return subprocess.run(
        [sys.executable, str(FUZZ / harness), f"-max_total_time={seconds}", f"-timeout={timeout}",
         "-rss_limit_mb=2048", "-runs=1000000", f"-artifact_prefix={folder}/", str(corpus)],
        cwd=folder, capture_output=True, text=True, errors="replace", timeout=seconds + 120)


@pytest.mark.parametrize("harness, seconds, timeout, min_runs", HARNESSES)
def test_a_bounded_fuzzing_run_finds_no_crash(tmp_path, harness, seconds, timeout, min_runs):
    run = fuzz(harness, tmp_path, seconds, timeout)
    tail = "\n".join(line for line in run.stderr.splitlines()
                     if not line.startswith("INFO: Instrumenting"))[-4000:]
    assert run.returncode == 0, tail
    assert not list(tmp_path.glob("crash-*")), tail
    done = re.search(r"^Done (\d+) runs in (\d+) second", run.stderr, re.M)
    assert done, tail
    assert int(done.group(1)) >= min_runs, tail
    print(f"{harness}: {done.group(1)} runs in {done.group(2)} s")
    assert len(list((tmp_path / "corpus").iterdir())) >= 10     # the seeds were written


# --- crashes the fuzzer found ---------------------------------------------------

def test_a_warc_with_a_non_record_after_its_records_fails_on_one_line():
    """warcio quotes the bad line with its line break; the error must stay one line."""
    text = SEED.read_text(encoding="utf-8")
    first, _, third = text.encode().split(b"\n")[:3]
    data = (warc_bytes([("https://example.org/seed", article_html(text).encode(), {})], gz=False)
            + first + b"\r" + third + b"\r\n")
    items = list(checked_items(read_content(data, "crawl.warc", max_bytes=LIMIT), LIMIT))
    assert isinstance(items[0], Document) and isinstance(items[1], IngestError)
    error = str(items[1])
    assert "malformed WARC" in error and "\n" not in error and "\r" not in error


def test_lone_surrogate_escapes_in_json_lines_become_replacement_characters():
    """`\\ud800` without its pair is valid JSON but not Unicode: the store and
    `Document.key` could not encode it."""
    article = (NEREL_TRAIN / "15608_text.txt").read_text(encoding="utf-8")
    line = json.dumps({"text": "\ud800" + article + "\udfff", "title": "\udc00Новости"})
    assert "\\ud800" in line
    items = list(checked_items(read_jsonl(io.BytesIO(line.encode() + b"\n"), "lone.jsonl",
                                          max_bytes=LIMIT), LIMIT))
    assert len(items) == 1 and isinstance(items[0], Document)
    doc = items[0]
    assert doc.text == ("\ufffd" + article + "\ufffd").strip() and doc.title == "\ufffdНовости"
    assert doc.key and doc.text.encode("utf-8")
