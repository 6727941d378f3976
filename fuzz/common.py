"""Shared parts of the atheris harnesses: the contract every item is checked
against, the hostile transformations a fuzz input selects, the seed corpus
built from real articles, and `main` (argument handling around atheris).

An input is `body + control`: FuzzedDataProvider's ConsumeIntInRange takes
its bytes from the end of the data (one byte for a range under 256), so the
last bytes pick what is done with the body and a seed article stays intact
at the front. (ConsumeBool reads from the front: the harnesses do not use it.)
"""
from __future__ import annotations

import contextlib
import gzip
import importlib
import inspect
import json
import sys
from pathlib import Path
from typing import Callable, Iterable

import atheris

ROOT = Path(__file__).resolve().parents[1]
# The builders of the reliability tests (real articles wrapped as HTML, RSS, WARC).
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
from hostile_inputs import CORPUS, NEREL_TRAIN, SEED, article_html, warc_bytes  # noqa: E402

SEED_ARTICLES = (SEED, NEREL_TRAIN / "15608_text.txt", NEREL_TRAIN / "19361_text.txt",
                 NEREL_TRAIN / "055.txt")

# What a mark choice sprinkles into the text: NUL, RTL and zero-width marks,
# a BOM, a combining accent, a lone CR, Arabic, Latin, and Latin look-alikes
# inside a Cyrillic word.
MARKS = ("", "\x00", "\u202e", "\u200f", "\u200b", "\ufeff", "\u0301", "\r",
         " العربية ", " Latin text ", "Мoсквa", "\u202e\u200fالسلام\x00")


# Functions atheris 2.3.0 instruments wrongly on Python 3.11: in `_lines` the
# bytecode rewrite of the inner `while` loop of the generator clobbers the
# `stream` local (AttributeError, or a segfault). Their modules are imported
# plain and every other function in them is instrumented one by one.
NOT_INSTRUMENTED = {"svodka.ingest.jsonl": {"_lines"}}


@contextlib.contextmanager
def instrumented_svodka():
    """Import svodka modules in the block with coverage instrumentation (only
    svodka code, so the libraries run at full speed)."""
    with atheris.instrument_imports(include=["svodka"], exclude=list(NOT_INSTRUMENTED)):
        yield
    for name, skip in NOT_INSTRUMENTED.items():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (inspect.isfunction(value) and value.__module__ == name
                    and attr not in skip):
                atheris.instrument_func(value)


def sprinkle(text: str, mark: int, stride: int) -> str:
    """`text` with `MARKS[mark]` inserted after every `stride` characters."""
    piece = MARKS[mark % len(MARKS)]
    if not piece or stride <= 0:
        return text
    return piece.join(text[i:i + stride] for i in range(0, len(text), stride)) + piece


def one_line(error) -> bool:
    text = str(error)
    return bool(error.message) and "\n" not in text and "\r" not in text


def check_offsets(doc) -> None:
    """Every extracted item's offsets lie in the text and give back its text,
    and the document survives the JSON round trip."""
    from svodka.document import from_dict, spans, to_dict
    for item in spans(doc):
        assert 0 <= item.start < item.end <= len(doc.text), item
        assert doc.text[item.start:item.end] == item.text, item
    data = to_dict(doc)
    json.dumps(data, ensure_ascii=False)
    assert from_dict(data) == doc


def article_texts(max_chars: int | None = None) -> list[str]:
    """The seed articles, each cut to `max_chars` characters."""
    return [path.read_text(encoding="utf-8")[:max_chars] for path in SEED_ARTICLES]


def atom(title: str, text: str, link: str = "page.html") -> str:
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Лента</title><entry><id>urn:1</id><title>{title}</title>"
            f"<link href='{link}'/><updated>2024-03-12T10:00:00Z</updated>"
            f"<content type='html'>{text}</content></entry></feed>")


def rss(title: str, text: str, link: str = "page.html") -> str:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Лента</title>"
            f"<item><title>{title}</title><link>{link}</link><guid>id-1</guid>"
            f"<pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate>"
            f"<description>{text}</description></item></channel></rss>")


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def write_seeds(folder: Path, seeds: Iterable[tuple[str, bytes]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in seeds:
        (folder / name).write_bytes(data)


def control(*choices: int) -> bytes:
    """The suffix that makes successive `ConsumeIntInRange` calls (ranges
    under 256) return `choices` in order."""
    assert all(0 <= c < 256 for c in choices)
    return bytes(reversed(choices))


def main(make_test: Callable[[Path], Callable[[bytes], None]], name: str,
         seeds: Callable[[], Iterable[tuple[str, bytes]]]) -> None:
    """Run atheris with libFuzzer's options from the command line on
    `make_test(work)`, `work` being a scratch folder next to the first corpus
    folder. Corpus folders that are missing or empty get the seeds first;
    without any, `fuzz/corpus/<name>` is used (it grows from run to run)."""
    args = sys.argv[1:]
    folders = [Path(a) for a in args if not a.startswith("-")]
    if not folders:
        folders = [ROOT / "fuzz" / "corpus" / name]
        args.append(str(folders[0]))
    for folder in folders:      # a file given is an input to re-run (a crash)
        if not folder.is_file() and (not folder.is_dir() or not any(folder.iterdir())):
            write_seeds(folder, seeds())
    work = folders[0].parent / f"{folders[0].name}.work"
    work.mkdir(exist_ok=True)
    atheris.Setup([sys.argv[0], *args], make_test(work))
    atheris.Fuzz()
