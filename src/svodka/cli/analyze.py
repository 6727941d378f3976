"""`svodka analyze`: print the analysis of article files."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List

import typer

from . import app, err
from ..document import to_dict
from ..errors import SvodkaError
from ..ingest.text import read_text
from ..pipeline import analyze_many
from ..report import format_text



class OutFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def _readable(paths: List[Path]):
    """Yield (text, meta) for each readable file; report the others on stderr."""
    for path in paths:
        try:
            yield read_text(path), {"source": str(path)}
        except SvodkaError as e:
            err.print(f"[red]error[/red] {e}", highlight=False)


@app.command()
def analyze(paths: List[Path] = typer.Argument(..., help="Article text files."),
            format: OutFormat = typer.Option(OutFormat.text, "--format", "-f")):
    """Analyze articles and print entities, quotes, events and amounts.

    Example: svodka analyze examples/*.txt --format jsonl > out.jsonl
    """
    ok = 0
    for doc in analyze_many(_readable(paths)):
        ok += 1
        if format is OutFormat.text:
            print(format_text(doc), end="\n\n")
        elif format is OutFormat.json:
            print(json.dumps(to_dict(doc), ensure_ascii=False, indent=2))
        else:
            print(json.dumps(to_dict(doc), ensure_ascii=False))
    if not ok:
        raise typer.Exit(1)
