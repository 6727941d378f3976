"""Terminal injection (issue 16, finding 8): stored titles, authors and quotes
reach the terminal as plain text, never as Rich markup or control
characters; and the ingest strips C0/C1 controls from every stored field."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest
from typer.testing import CliRunner

from hostile_inputs import SEED
from svodka.document import Document
from svodka.ingest.sources import iter_items

# Markup that crashes Rich, markup that makes a link, OSC (window title),
# clear screen, and C1 CSI.
HOSTILE = ("[/x] Минск [link=file:///etc/passwd]паспорт[/link] "
           "\x1b]0;pwned\x07\x1b[2J\x9b31mконец")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile_db(rel_docs, tmp_path):
    """A store holding the seed article analyzed, with a hostile title and
    author and a hostile speaker name (as an older svodka or another writer
    may have stored them)."""
    from svodka.store import Store
    doc = rel_docs[0]
    quote = doc.quotes[0]
    hostile_quote = dataclasses.replace(
        quote, speaker=dataclasses.replace(quote.speaker, name=HOSTILE)) if quote.speaker else quote
    doc = dataclasses.replace(doc, title=HOSTILE, author=HOSTILE,
                              quotes=(hostile_quote, *doc.quotes[1:]))
    url = f"sqlite:///{tmp_path / 'svodka.db'}"
    with Store(url) as store:
        store.save_many([doc])
    return url


def _run(*args):
    import svodka.cli.quotes  # noqa: F401  (registers the commands)
    import svodka.cli.store  # noqa: F401
    from svodka.cli import app
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "400"})


@pytest.mark.parametrize("args", [
    ("search", "Беларусь"),
    ("quotes",),
    ("search", "Беларусь", "--format", "jsonl"),
    ("search", "Беларусь", "--format", "csv"),
    ("search", "[/x]"),             # the query is printed as the table's title
])
def test_stored_markup_and_escape_sequences_are_printed_as_plain_text(hostile_db, args):
    out = _run(*args, "--db", hostile_db)
    assert out.exit_code == 0, out.output
    assert out.exception is None
    assert not CONTROL.search(out.output.replace("\n", "").replace("\t", ""))
    if args[-1] != "[/x]":
        # json.dumps keeps "/" as it is; the table may fold the long title.
        flat = "".join(out.output.split())
        assert "[/x]Минск[link=file:///etc/passwd]паспорт[/link]" in flat.replace("│", "")


def test_jsonl_output_keeps_the_stored_characters_as_json_escapes(hostile_db):
    out = _run("search", "Беларусь", "--format", "jsonl", "--db", hostile_db)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and "\\u009b31m" in out.stdout
    assert {row["title"] for row in rows} == {HOSTILE}    # the same after parsing


def test_the_ingest_strips_control_characters_from_every_stored_field(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    record = {"text": text[:600] + "\x1b[2J\x9b31m\x85" + text[600:], "title": HOSTILE,
              "author": "Анна\x00 Смирнова\r\n", "url": "https://news.example.ru/\x1b[1",
              "source": "лента\x07", "published": "2024-03-12\x1b"}
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [doc] = iter_items([path])
    assert isinstance(doc, Document)
    for name in ("text", "title", "author", "url", "source", "published"):
        value = getattr(doc, name)
        assert not CONTROL.search(value.replace("\n", "").replace("\t", "")), (name, value)
    assert doc.title == "[/x] Минск [link=file:///etc/passwd]паспорт[/link] ]0;pwned [2J 31mконец"
    assert (doc.author, doc.source, doc.published) == ("Анна Смирнова", "лента", "2024-03-12")
    assert doc.text == (text[:600] + "[2J31m" + text[600:]).strip()
