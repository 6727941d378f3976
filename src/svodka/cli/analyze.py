"""`svodka analyze`: print the analysis of article files."""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from . import analyzed, app, fail, formats, read_files

AnalyzeFormat = formats("table", "json", "jsonl")


@app.command()
def analyze(paths: List[Path] = typer.Argument(..., help="Article text files; - reads standard input."),
            format: AnalyzeFormat = typer.Option("table", "--format", "-f",  # type: ignore[valid-type]
                                                 help="table: a readable summary; json: one "
                                                      "document (a list); jsonl: one per line.")):
    """Analyze articles and print entities, quotes, events and amounts (in a
    worker process under the per-item time and memory limits).

    Exits 1 when a file could not be read (the others are printed).

    Example: svodka analyze examples/*.txt --format jsonl > out.jsonl
    """
    import json

    from ..document import to_dict
    from ..report import format_text
    from .safe import clean, json_line
    if sum(str(p) == "-" for p in paths) > 1:
        fail("- (standard input) can be given once")
    failed: list[str] = []
    docs = analyzed(read_files(paths, failed), failed)
    if format.value == "json":
        print(json_line(json.dumps([to_dict(d) for d in docs], ensure_ascii=False, indent=2)))
    else:
        for doc in docs:
            if format.value == "table":
                print(clean(format_text(doc)), end="\n\n")
            else:
                print(json_line(json.dumps(to_dict(doc), ensure_ascii=False)))
    if failed:
        raise typer.Exit(1)
