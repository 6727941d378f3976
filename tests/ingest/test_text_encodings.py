"""ingest/text.py: encodings detected from the bytes, and the article checks."""
from __future__ import annotations

import pytest

from ingest_pages import nerel
from svodka.errors import EncodingError, IngestError
from svodka.ingest.text import check_article, decode, read_text

# A NEREL article whose every character exists in cp1251 and koi8-r.
ARTICLE = "2045.txt"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r"])
def test_the_same_article_decodes_identically_from_every_encoding(encoding, tmp_path):
    text = nerel(ARTICLE)
    path = tmp_path / f"article.{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path) == text


def test_koi8r_and_cp1251_are_told_apart_on_every_dev_article():
    # The two code pages map Russian lower case onto each other's upper case.
    from ingest_pages import NEREL_DEV
    for path in sorted(NEREL_DEV.glob("*.txt"))[:40]:
        text = path.read_text(encoding="utf-8")
        for enc in ("cp1251", "koi8-r"):
            data = text.encode(enc, errors="replace")
            assert decode(data) == data.decode(enc), (path.name, enc)


def test_bytes_of_no_cyrillic_encoding_raise_encoding_error():
    with pytest.raises(EncodingError, match="not UTF-8, cp1251 or koi8-r"):
        decode(bytes(range(0x80, 0xC0)) * 20, source="x.txt")


@pytest.mark.parametrize("text, reason", [
    ("", "empty article"),
    ("  \n\t ", "empty article"),
    ("Привет", "too little text (6 letters) to be an article"),
    ("The Prime Minister met the President of Kazakhstan in Minsk on Monday.",
     "not Russian text (58 Latin letters, 0 Cyrillic)"),
    ("\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f" * 3 + "Президент",
     "binary content (36 control characters), not a text article"),
])
def test_unusable_articles_are_refused_with_a_reason(text, reason):
    with pytest.raises(IngestError) as e:
        check_article(text, source="item.txt")
    assert str(e.value) == f"item.txt: {reason}"


def test_annotation_files_next_to_articles_are_tabular_data_not_articles():
    from ingest_pages import NEREL_TRAIN
    ann = (NEREL_TRAIN / "109230_text.ann").read_text(encoding="utf-8")
    with pytest.raises(IngestError, match=r"^x.ann: tabular data \(\d+ of \d+ lines have "
                                          r"tab-separated fields\), not an article$"):
        check_article(ann, source="x.ann")


@pytest.mark.parametrize("name", ["book_100.tokens", "book_100.spans", "book_100.objects"])
def test_token_and_span_tables_are_records_not_articles(name):
    from ingest_pages import CORPUS
    text = (CORPUS / "factru" / "devset" / name).read_text(encoding="utf-8")
    with pytest.raises(IngestError, match=r"^x: no line of 8 or more Russian words in \d+ "
                                          r"lines: records, not an article$"):
        check_article(text, source="x")


def test_every_corpus_article_passes_the_checks():
    from ingest_pages import CORPUS
    paths = sorted(CORPUS.glob("nerel/*/*.txt")) + sorted(CORPUS.glob("factru/devset/*.txt"))
    assert len(paths) == 1055
    for path in paths:
        check_article(path.read_text(encoding="utf-8"), source=str(path))


def test_a_russian_article_with_latin_names_passes_and_is_stripped():
    text = nerel("597958_text.txt")   # Boris Johnson and COVID-19
    assert check_article("\n\n" + text + "\x00\n") == text.strip()
