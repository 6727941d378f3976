"""ingest/dedup.py: MinHash near-duplicates of real articles."""
from __future__ import annotations

from ingest_pages import NEREL_TRAIN, nerel
from svodka.ingest.dedup import NearDuplicates, from_bytes, minhash, shingles, to_bytes

SEED_NAME = "230892_text.txt"


def lightly_edited(text: str) -> str:
    """A republished wire story: a new lead-in, one word changed, a credit line."""
    title, rest = text.split("\n", 1)
    words = rest.split(" ")
    words[len(words) // 2] = "также"
    return "Москва. " + title + "\n" + " ".join(words) + "\nФото: ТАСС"


def test_shingles_are_five_word_windows_with_yo_folded():
    assert shingles("Ёлка стоит в лесу, зелёная и пушистая") == {
        s.encode() for s in ("елка стоит в лесу зеленая", "стоит в лесу зеленая и",
                             "в лесу зеленая и пушистая")}
    assert shingles("Коротко: два слова") == {"коротко два слова".encode()}


def test_a_lightly_edited_copy_is_found_and_other_articles_are_not():
    text = nerel(SEED_NAME)
    index = NearDuplicates()
    index.add("first", minhash(text))
    assert minhash(text).jaccard(minhash(lightly_edited(text))) >= 0.8
    assert index.first_copy(minhash(lightly_edited(text))) == "first"
    others = sorted(NEREL_TRAIN.glob("*.txt"))[:200]
    assert [p.name for p in others if index.first_copy(minhash(p.read_text(encoding="utf-8")))] == []


def test_signatures_round_trip_through_bytes_into_a_new_index():
    mh = minhash(nerel(SEED_NAME))
    assert len(to_bytes(mh)) == 4 + 128 * 4
    assert from_bytes(to_bytes(mh)).jaccard(mh) == 1.0
    # A bare 512-byte signature is datasketch's, which stores held before
    # migration 0009 recomputed them: not read.
    index = NearDuplicates([("first", to_bytes(mh)), ("broken", b"123"),
                            ("datasketch", bytes(512))])
    assert len(index) == 1
    assert index.first_copy(minhash(lightly_edited(nerel(SEED_NAME)))) == "first"


def test_the_same_wire_story_in_two_corpora_is_one_story():
    # factRuEval and NEREL both hold the Arizona shooter story; NEREL's copy
    # adds a headline and differs in a few words.
    from ingest_pages import CORPUS
    factru = (CORPUS / "factru" / "devset" / "book_124.txt").read_text(encoding="utf-8")
    index = NearDuplicates()
    index.add("factru", minhash(factru))
    assert index.first_copy(minhash(nerel("12888_text.txt", NEREL_TRAIN))) == "factru"
