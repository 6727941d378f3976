"""Downloads of a list as CSV or JSON (`format=csv|json` on every list
endpoint): the same rows as the page, with the same filters, up to
EXPORT_ROWS from `offset`. Shared by the web pages' export buttons, which
link here."""
from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import Response

from .schemas import plain

EXPORT_ROWS = 5000
Format = Annotated[Literal["csv", "json"] | None,
                   Query(description="download every matching row (up to 5000) as csv or json")]


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One CSV record: nested objects become `parent.field` columns, lists
    `|`-joined text, None an empty cell."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, name + "."))
        elif isinstance(v, list):
            out[name] = "|".join(json.dumps(x, ensure_ascii=False) if isinstance(x, (dict, list))
                                 else str(x) for x in v)
        else:
            out[name] = "" if v is None else v
    return out


# The CSV answer as the OpenAPI document gives it (`responses=` of a route).
CSV_RESPONSE = {200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                      "description": "A page of rows; with format=csv a CSV file, with "
                                     "format=json the page holding every matching row"}}


def download(page, fmt: str, name: str, columns: tuple[str, ...] = ()) -> Response:
    """The rows of `page` (a store `Page`) as a CSV attachment named `name`,
    or as JSON in the page's own shape (so it answers per the same schema)."""
    if fmt == "json":
        body = json.dumps(plain(page), ensure_ascii=False)
        media = "application/json"
    else:
        flat = [flatten(r) for r in plain(list(page.items))]
        fields = list(dict.fromkeys([*columns, *(k for r in flat for k in r)]))
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=fields, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        body = buf.getvalue()
        media = "text/csv; charset=utf-8"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
