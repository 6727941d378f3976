"""Typed errors that know their source.

```
SvodkaError
  IngestError (EncodingError, UnsupportedFormat)
  ResourceError
  StoreError
  StageError
```

Each carries `source` (the path or URL) and, where known, a `line` or
`offset`; the message says what to do next. A batch records a failed item and
moves on; a single call raises.
"""
from __future__ import annotations


class SvodkaError(Exception):
    """An error of svodka's own: a one-line `message`, and the `source` (file,
    URL, store), `line` and `offset` it happened at, where known."""
    def __init__(self, message: str, source: str | None = None,
                 line: int | None = None, offset: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        self.offset = offset
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where += f":{self.line}"
        elif self.offset is not None:
            where += f"@{self.offset}"
        return f"{where}: {self.message}" if where else self.message


class IngestError(SvodkaError):
    """An input item could not be read or is not an article we analyze."""


class EncodingError(IngestError):
    """The bytes decode as none of the encodings we detect."""


class UnsupportedFormat(IngestError):
    """The content is of a kind svodka does not ingest."""


class ResourceError(SvodkaError):
    """A resource file under `resources/` is malformed."""


class StoreError(SvodkaError):
    """The store could not be opened, read or written."""


class StageError(SvodkaError):
    """A pipeline stage broke its contract."""
