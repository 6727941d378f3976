"""The store's entity links of a document, busiest pairs and most quoted
speakers, checked against counts derived from the analyzed corpus
documents."""
from __future__ import annotations

from collections import Counter

from svodka.store.write import merge_key
from store_fixture import hostile


def all_docs(docs):
    return (*docs, hostile())


def test_entity_links_map_every_local_entity(store, docs):
    seed = docs[0]
    links = store.entity_links(seed.key)
    assert set(links) == {e.id for e in seed.entities}
    for ent in seed.entities:
        entity_id, key = links[ent.id]
        assert store.entity(entity_id).entity.name == ent.name
        assert key == merge_key(ent) and store.entity_id(key) == entity_id
    assert store.entity_links("0" * 40) == {}


def test_busiest_pairs_count_events_in_either_direction(store, docs):
    # domestic pairs (RUS-RUS) count too: the overview links to them
    expected = Counter(tuple(sorted((e.source.country, e.target.country)))
                       for d in all_docs(docs) for e in d.events
                       if e.source and e.target and e.source.country and e.target.country)
    got = store.busiest_pairs(top=1000)
    assert {(a, b): n for a, b, n in got} == dict(expected)
    assert [n for _, _, n in got] == sorted((n for _, _, n in got), reverse=True)


def test_most_quoted_speakers(store, docs):
    per_key = Counter()
    for d in all_docs(docs):
        for q in d.quotes:
            ent = d.entity(q.speaker.id) if q.speaker else None
            if ent:
                per_key[merge_key(ent)] += 1
    top = store.most_quoted(top=3)
    assert [n for _, _, _, n, _ in top] == [n for _, n in per_key.most_common(3)]
    assert top[0][1:3] == ("Александр Лукашенко", "BLR")
    assert top[0][4] == per_key.most_common(1)[0][0]     # its stable key
