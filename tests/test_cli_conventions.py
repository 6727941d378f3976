"""The command line behaves like the tools our users know: `--version`, `-`
for standard input, one JSON document for `--format json`, exit 0/1/2 for
success / failed items / usage errors without tracebacks, read-only commands
that create nothing, counts that a repeated ingest leaves as they were, and a
`--help` that does not load the pipeline."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import svodka
from svodka.cli import app, main  # noqa: F401
import svodka.cli.analyze  # noqa: F401  (each import registers its commands)
import svodka.cli.ingest  # noqa: F401
import svodka.cli.schema  # noqa: F401
import svodka.cli.serve  # noqa: F401
import svodka.cli.store  # noqa: F401

from paths import CORPUS, SEED

runner = CliRunner()
NEREL = CORPUS / "nerel" / "dev" / "213197_text.txt"


def invoke(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def test_version_is_the_package_version():
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"svodka {svodka.__version__}\n")


def test_help_does_not_load_the_pipeline_the_store_or_rich_help():
    # What `svodka --help` imported, printed by an exit hook of a fresh interpreter.
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
            "sys.argv = ['svodka', '--help']\n"
            "from svodka.cli import main\n"
            "main()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "Commands:" in out.stdout
    loaded = set(out.stderr.split())
    heavy = {"svodka.pipeline", "svodka.document", "natasha", "numpy", "sqlalchemy",
             "datasketch", "fastapi", "rich.markdown", "svodka.ingest.runner"}
    assert not heavy & loaded, heavy & loaded


def test_analyze_reads_stdin_and_json_is_one_document_and_a_missing_file_exits_1(
        models, tmp_path):
    result = invoke("analyze", "-", tmp_path / "missing.txt", "--format", "json",
                    input=SEED.read_text(encoding="utf-8"))
    assert result.exit_code == 1                        # the missing file failed
    docs = json.loads(result.stdout)                    # one JSON document: a list
    assert [d["source"] for d in docs] == ["-"]
    assert docs[0]["schema_version"] == svodka.SCHEMA_VERSION
    assert sum(q["kind"] == "direct" for q in docs[0]["quotes"]) == 5
    assert "missing.txt" in result.stderr and "Traceback" not in result.output


def test_read_only_commands_create_nothing(tmp_path):
    where = tmp_path / "no" / "such" / "folder"
    result = invoke("stats", "--db", f"sqlite:///{where / 'x.db'}")
    assert result.exit_code == 2
    assert "no store at" in result.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("args", [
    ("search", "Минск", "--since", "notadate"),
    ("events", "--until", "2024-13"),
    ("entities", "--offset", "99999999999999999999"),
    ("stats", "--db", "mysql://u@h/db"),
    ("serve", "--db", "mysql://u@h/db"),
    ("analyze", "-", "-"),
    ("ingest", "-", "-"),
])
def test_usage_errors_exit_2_without_a_traceback(args, tmp_path):
    result = invoke(*args, input="")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_ingest_reads_standard_input(tmp_path):
    from paths import CORPUS
    text = (CORPUS / "nerel/dev/213197_text.txt").read_text(encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'in.db'}"
    result = invoke("-q", "ingest", "-", "--db", db, input=text)
    assert result.exit_code == 0, result.output
    result = invoke("stats", "--db", db, "--format", "json")
    assert json.loads(result.stdout)["documents"] == 1


def test_a_missing_extra_is_named_with_its_install_command():
    from svodka.cli import require_extra
    result = CliRunner().invoke(_tiny_app(lambda: require_extra(
        "svodka_no_such_module", "parquet", "--format parquet")), [])
    assert result.exit_code == 2
    assert "pip install 'svodka[parquet]'" in result.stderr


def _tiny_app(body):
    import typer
    tiny = typer.Typer()
    tiny.command()(body)
    return tiny


def test_ingest_twice_leaves_the_counts_as_they_were_and_logs_with_timestamps(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(NEREL.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    db = f"sqlite:///{tmp_path / 's.db'}"
    first = invoke("-v", "ingest", src, "--db", db)
    assert first.exit_code == 0, first.output
    # stderr is not a terminal here: plain lines with a timestamp and level.
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ INFO svodka.ingest: ingest: "
                     r"1 analyzed, 0 known, 1 skipped, 0 failed", first.stderr, re.M)
    counts = json.loads(invoke("stats", "--db", db, "--format", "json").stdout)
    assert (counts["documents"], counts["failures"]) == (1, 1)
    again = invoke("--quiet", "ingest", src, "--db", db)
    assert again.exit_code == 0 and again.stderr == ""
    assert json.loads(invoke("stats", "--db", db, "--format", "json").stdout) == counts


def test_the_progress_total_is_known_for_files_and_folders_only(tmp_path):
    from svodka.cli.ingest import known_total
    (tmp_path / "a.txt").write_text("Текст.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Текст.</p></body></html>")
    (tmp_path / "c.jsonl").write_text('{"text": "Текст."}\n')
    assert known_total([str(tmp_path / "a.txt"), str(tmp_path / "b.html")]) == 2
    assert known_total([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]) == 2
    assert known_total([str(tmp_path)]) is None                 # the JSONL file
    assert known_total(["https://example.org/a"]) is None


def test_the_cli_batch_default_is_the_runners():
    from svodka.cli.ingest import BATCH
    from svodka.ingest.runner import BATCH as RUNNER_BATCH
    assert BATCH == RUNNER_BATCH


def test_schema_prints_the_shipped_schema_which_is_the_models():
    from svodka.document import json_schema
    result = invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_watch_exits_1_and_logs_a_feed_that_is_down(tmp_path):
    import socket
    with socket.socket() as s:          # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # (a loopback feed is fetched only with --allow-private-network)
    result = invoke("watch", f"http://127.0.0.1:{port}/feed.xml", "--once", "--allow-private-network",
                    "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert result.exit_code == 1
    assert re.search(rf"WARNING svodka.ingest: http://127\.0\.0\.1:{port}/feed\.xml: cannot fetch .*failure 1",
                     result.stderr)
    assert re.search(r"ERROR svodka.ingest: 1 of 1 feeds failed on their last poll: "
                     rf"http://127\.0\.0\.1:{port}/feed\.xml", result.stderr)
