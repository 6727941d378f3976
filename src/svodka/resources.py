"""Gazetteers and lexicons, read once from the TSV files in `resources/`.

Each file is UTF-8, tab-separated; lines beginning with `#` are comments and
the first other line names the columns. `load_resources()` reads every file
into a frozen `Resources`; stages build their own indexes from its tables
(cached per `Resources` object).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .errors import ResourceError

RESOURCE_DIR = Path(__file__).parent / "resources"


@dataclass(frozen=True, eq=False)
class Resources:
    """The resource tables, loaded once by `load_resources()`: table name (file name
    without `.tsv`) -> its rows. Read through `table(name)`."""
    tables: Mapping[str, tuple[Mapping[str, str], ...]]

    def table(self, name: str) -> tuple[Mapping[str, str], ...]:
        """Rows of `resources/<name>.tsv` as mappings from column to value."""
        try:
            return self.tables[name]
        except KeyError:
            raise ResourceError(f"no resource table {name!r}; expected "
                                f"{RESOURCE_DIR / (name + '.tsv')}") from None


def read_tsv(path: Path) -> tuple[Mapping[str, str], ...]:
    """Rows of a resource TSV file as mappings from the header's column names
    (`#` lines and blank lines skipped, missing trailing cells empty); raises
    `ResourceError` naming the file and line of a row with too many cells."""
    header: list[str] | None = None
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                continue
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            if len(cells) > len(header):
                raise ResourceError(
                    f"expected {len(header)} tab-separated columns, got {len(cells)}",
                    source=path.name, line=number)
            rows.append(MappingProxyType(dict(zip(header, cells))))
    return tuple(rows)


@functools.cache
def load_resources(directory: Path = RESOURCE_DIR) -> Resources:
    tables = {p.stem: read_tsv(p) for p in sorted(Path(directory).glob("*.tsv"))}
    return Resources(tables=MappingProxyType(tables))
