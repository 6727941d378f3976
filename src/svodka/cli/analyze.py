"""`svodka analyze`: print the analysis of article files."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List

import typer

from . import app, read_files
from .safe import clean, json_line
from ..document import to_dict
from ..pipeline import analyze_many
from ..report import format_text



class OutFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


@app.command()
def analyze(paths: List[Path] = typer.Argument(..., help="Article text files."),
            format: OutFormat = typer.Option(OutFormat.text, "--format", "-f")):
    """Analyze articles and print entities, quotes, events and amounts.

    Example: svodka analyze examples/*.txt --format jsonl > out.jsonl
    """
    ok = 0
    for doc in analyze_many(read_files(paths)):
        ok += 1
        if format is OutFormat.text:
            print(clean(format_text(doc)), end="\n\n")
        elif format is OutFormat.json:
            print(json_line(json.dumps(to_dict(doc), ensure_ascii=False, indent=2)))
        else:
            print(json_line(json.dumps(to_dict(doc), ensure_ascii=False)))
    if not ok:
        raise typer.Exit(1)
