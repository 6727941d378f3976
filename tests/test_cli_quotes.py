"""`svodka quotes`: the table of quotes, and the rows behind it."""
from __future__ import annotations

from typer.testing import CliRunner

from paths import SEED


def test_quote_rows_of_the_seed(seed_doc):
    from svodka.cli.quotes import quote_rows
    rows = quote_rows([seed_doc])
    assert [(r.speaker, r.role, r.kind) for r in rows] == [
        ("Александр Лукашенко", "Президент Беларуси", "indirect"),
        *[("Александр Лукашенко", "Президент Беларуси", "direct")] * 4,
        ("Ерлан Кошанов", "председатель Мажилиса парламента Казахстана", "direct"),
    ]
    assert rows[1].quote.startswith("«Что касается международной повестки")
    assert rows[0].quote.startswith("Беларусь готова")


def test_quote_rows_filtered_by_speaker(seed_doc):
    from svodka.cli.quotes import quote_rows
    assert [r.speaker for r in quote_rows([seed_doc], "КОШАН")] == ["Ерлан Кошанов"]
    assert quote_rows([seed_doc], "Токаев") == []


def test_quotes_command_prints_the_table(models):
    import svodka.cli.quotes  # noqa: F401  registers the command
    from svodka.cli import app
    result = CliRunner().invoke(app, ["quotes", str(SEED), "--speaker", "кошанов"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Ерлан Кошанов" in result.output
    assert "Что касается" not in result.output      # Лукашенко's quotes are filtered out
