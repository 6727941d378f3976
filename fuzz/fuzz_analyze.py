"""Coverage-guided fuzzing of `svodka.analyze` (atheris).

    .venv/bin/python fuzz/fuzz_analyze.py -max_total_time=600 [CORPUS_DIR ...]

The body of an input is read as text (UTF-8, or UTF-16 to reach any code
point; invalid bytes and lone surrogates become U+FFFD, as every reader
makes them: a `str` holding a lone surrogate cannot even be hashed into
`Document.key`, so `analyze` is not given one), sprinkled with
NUL/RTL/zero-width marks or Arabic and Latin words as its last bytes choose,
and cut to `MAX_CHARS` characters so each run takes tens of milliseconds.

Contract checked: `analyze` returns a `Document` of the same text whose every
extracted item (entity mentions, roles, quotes, cues, events, triggers,
amounts) has offsets inside the text that give back its `text`, and which
survives the JSON round trip; or it refuses the item with a one-line
`IngestError` (`ItemRefused`). Any other exception is a crash.
"""
from __future__ import annotations

from pathlib import Path

import atheris

from common import (MARKS, article_texts, check_offsets, control, instrumented_svodka, main,
                    one_line, sprinkle)

with instrumented_svodka():
    import svodka
    from svodka.document import Document
    from svodka.errors import IngestError
    from svodka.models import load_models
    from svodka.resources import load_resources

MAX_CHARS = 3000
# Passed to `analyze` (checked between stages, no signals: libFuzzer's
# -timeout owns SIGALRM); a run over it is refused, not a crash.
SECONDS = 30.0
DECODINGS = ("utf-8", "utf-16")

# Models and resources load once, before fuzzing starts.
load_models()
load_resources()


def text_of(data: bytes) -> str:
    fdp = atheris.FuzzedDataProvider(data)
    decoding = DECODINGS[fdp.ConsumeIntInRange(0, len(DECODINGS) - 1)]
    mark = fdp.ConsumeIntInRange(0, len(MARKS) - 1)
    stride = fdp.ConsumeIntInRange(0, 255)
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    if decoding == "utf-16":
        text = body[:len(body) // 2 * 2].decode("utf-16-le", errors="replace")
    else:
        text = body.decode("utf-8", errors="replace")
    return sprinkle(text[:MAX_CHARS], mark, stride)[:MAX_CHARS]


def make_test(work: Path):
    def test_one_input(data: bytes) -> None:
        text = text_of(data)
        try:
            doc = svodka.analyze(text, source="fuzz", seconds=SECONDS)
        except IngestError as e:
            assert one_line(e), repr(str(e))
            return
        assert isinstance(doc, Document) and doc.text == text
        check_offsets(doc)

    return test_one_input


def seeds():
    """Pieces of real articles (headline and lead, quotes, sums) as UTF-8 and
    as UTF-16, plain and with marks."""
    for n, text in enumerate(article_texts(MAX_CHARS)):
        yield f"article-{n}", text.encode() + control(0, 0, 0)
        yield f"article-{n}-utf16", text[:1000].encode("utf-16-le") + control(1, 0, 0)
        for mark in (1, 2, 9, 11):
            yield f"article-{n}-mark-{mark}", text[:1500].encode() + control(0, mark, 23)


if __name__ == "__main__":
    main(make_test, "analyze", seeds)
