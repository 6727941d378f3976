"""Text from articles and the store on the terminal: never Rich markup, never
control characters.

Rich reads `[...]` in a printed string as markup: `[/x]` raises an error
(every later reader of that row crashes) and `[link=file:///...]` makes a
link. Control characters and escape sequences would move the cursor, clear
the screen or set the window title. Every string that comes from an
article, a feed or the store is printed through these helpers.
"""
from __future__ import annotations

import re

from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls (U+009B is CSI).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x80-\x9f]")


def clean(value: object) -> str:
    """`value` as a string without control characters (tabs and line
    breaks kept)."""
    return _CONTROLS.sub("", str(value))


def cell(value: object) -> Text:
    """A table cell that Rich shows as it is: no markup, no controls."""
    return Text("" if value is None else clean(value))


def say(console, message: object) -> None:
    """Print one message (which may quote untrusted text) on `console` as
    plain text: no markup, no highlighting, no control characters."""
    console.print(clean(message), markup=False, highlight=False, soft_wrap=True)


def error(console, message: object) -> None:
    """Print `error <message>` with a red `error` and the message as plain text."""
    console.print(Text.assemble(("error", "red"), " ", clean(message)), soft_wrap=True)


def json_line(line: str) -> str:
    """A JSON text with C1 controls written as \\u escapes (json.dumps with
    `ensure_ascii=False` escapes C0 but leaves C1 raw; inside JSON they can
    only be in strings, where the escape means the same character)."""
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", line)
