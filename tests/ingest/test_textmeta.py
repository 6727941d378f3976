"""Title and date of plain-text articles (ingest/textmeta.py), on real
corpus files, and `svodka ingest --published` for texts that give none."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from paths import CORPUS, SEED

import svodka.cli.ingest  # noqa: F401  (registers the command)
from svodka.cli import app
from svodka.ingest.textmeta import text_published, text_title
from svodka.store import Store


@pytest.mark.parametrize("name, title, published", [
    # a Wikinews headline and a dateline `05/08/2008 10:35`
    ("nerel/train/003", "Пулеметы, автоматы и снайперские винтовки изъяты в арендуемом "
                        "американцами доме в Бишкеке", "2008-08-05"),
    # an ISO date in the lead (`Голос Америки 2013-01-10:`)
    ("nerel/train/23512_text", "Чавес не будет присутствовать на собственной инаугурации",
     "2013-01-10"),
    # no date at the top
    ("nerel/train/39296_text", "Байден беседовал с президентом Эквадора о Сноудене", None),
    # the seed opens with a sentence of its body: no title
    ("seed/000_ace31b1ed83a096e", None, None),
])
def test_title_and_date_of_a_text(name, title, published):
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    assert (text_title(text), text_published(text, f"{name}.txt")) == (title, published)


@pytest.mark.parametrize("source, published", [
    ("news/2024-03-12-minsk.txt", "2024-03-12"), ("20240312.txt", "2024-03-12"),
    ("news/2024_03_12.txt", "2024-03-12"), ("123456789.txt", None), ("2024-13-45.txt", None),
])
def test_a_date_in_the_file_name(source, published):
    assert text_published("Текст без даты.", source) == published


def test_ingest_published_dates_only_texts_without_a_date(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "003.txt").write_text((CORPUS / "nerel/train/003.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(app, ["-q", "ingest", str(folder), "--db", db,
                                      "--published", "2024-03-12"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        dates = sorted(r.published for r in store.documents(limit=10).items)
    # the seed has no date of its own; 003 keeps its dateline's
    assert dates == ["2008-08-05", "2024-03-12"]


def test_ingest_published_must_be_a_date(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(SEED), "--db", f"sqlite:///{tmp_path / 's.db'}",
                                      "--published", "вчера"])
    assert result.exit_code == 2
