"""store/fts.py: query terms, the words they match, and stemming from many
server threads at once."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from svodka.store import fts

from storedata import SEED

WORDS = SEED.read_text(encoding="utf-8").split()


def test_terms_are_stems_as_prefixes_and_short_words_whole():
    assert fts.terms("Казахстаном и Беларусью, ШОС") == [
        ("казахстан", True), ("и", False), ("беларус", True), ("шос", True)]
    assert fts.fts5_query("Казахстаном и") == '"казахстан"* "и"'
    assert fts.fts5_query("…") is None and fts.words_of("…") is None


def test_words_of_a_query_are_found_in_any_case_as_whole_words():
    text = SEED.read_text(encoding="utf-8")
    assert sorted(set(fts.words_of("Казахстан").findall(text))) == [
        "Казахстан", "Казахстана", "Казахстаном", "Казахстану", "казахстанским", "казахстанцами"]
    assert fts.words_of("сотрудничество").findall("несотрудничество Сотрудничеству") == [
        "Сотрудничеству"]


def test_stems_from_many_threads_are_those_of_one():
    """The Snowball stemmer keeps state between calls; each thread has its own."""
    alone = [fts.fts5_query(w) for w in WORDS]
    with ThreadPoolExecutor(8) as pool:
        for _ in range(5):
            assert list(pool.map(fts.fts5_query, WORDS)) == alone
