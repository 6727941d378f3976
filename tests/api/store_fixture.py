"""A store filled from real articles of ../shared/corpus, shared by the API
and browser tests. Articles are analyzed once per session (cached here)."""
from __future__ import annotations

import functools
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED = CORPUS / "seed" / "000_ace31b1ed83a096e.txt"
NEREL = CORPUS / "nerel"
# The write token of the API test apps.
TOKEN = "test-token-7f3a"
# Articles about Belarus and Kazakhstan and other NEREL news, each given a
# publication date so date filters have something to select.
ARTICLES = (
    (SEED, "2024-03-12"),
    (NEREL / "dev" / "kuleshov.txt", "2013-05-20"),
    (NEREL / "train" / "15608_text.txt", "2009-09-04"),
    (NEREL / "train" / "19361_text.txt", "2012-08-14"),
    (NEREL / "test" / "187498_text.txt", "2012-10-29"),
    (NEREL / "train" / "055.txt", "2008-12-24"),
    (NEREL / "test" / "1136.txt", "2010-03-02"),
)
# The seed article with markup injected into its title, URL, text and a quote.
HOSTILE_TITLE = "Встреча <script>alert('title')</script>"
HOSTILE_URL = "javascript:alert('url')"
HOSTILE_TEXT_MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def title_of(path: Path, text: str) -> str | None:
    """NEREL articles open with their headline; the seed has none."""
    return None if path == SEED else text.split("\n", 1)[0].strip()


def hostile_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text.replace("Делегация приехала по приглашению белорусских законодателей.",
                        f"Делегация приехала {HOSTILE_TEXT_MARKUP} по приглашению.", 1).replace(
        '"Вы нам здорово помогли.', f'"Вы нам {HOSTILE_TEXT_MARKUP} здорово помогли.', 1)


@functools.cache
def analyzed():
    """The corpus articles analyzed, in the order of ARTICLES."""
    import svodka
    items = []
    for path, published in ARTICLES:
        text = path.read_text(encoding="utf-8")
        items.append((text, {"source": str(path), "title": title_of(path, text),
                             "published": published}))
    return tuple(svodka.analyze_many(items))


@functools.cache
def hostile():
    import svodka
    return svodka.analyze(hostile_text(), source="hostile.txt", title=HOSTILE_TITLE,
                          url=HOSTILE_URL, published="2024-04-01")


def fill(url: str):
    """A new store at `url` holding the analyzed corpus and the hostile article."""
    from svodka.store import Store
    store = Store(url)
    store.save_many([*analyzed(), hostile()])
    return store
