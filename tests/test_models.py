"""The models' vocabulary never raises on letters unknown to `unicodedata`."""
import pytest


@pytest.mark.parametrize("text", [
    "\U00017000 слово \U00017000\U00017001 Москва.",           # Tangut letters: no Unicode name here
    "Президент \U00017000ов заявил, что всё хорошо.",
])
def test_analyze_survives_letters_without_a_unicode_name(models, text):
    import svodka
    doc = svodka.analyze(text)
    for ent in doc.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text


def test_vocabulary_parses_unnamed_letters_as_placeholders(models):
    parses = models.morph_vocab.parse("\U00017000ов")
    assert parses and parses[0].word == "_ов"
