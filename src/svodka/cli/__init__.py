"""The `svodka` command line: thin shells over `svodka.analyze` and the store.

Each module here registers its commands on `app`; `main()` runs it.
Conventions, as in git, sqlite-utils or spaCy: `--version`; `-` reads
standard input; `--format` is one of table, json (one JSON document), jsonl
and csv where they make sense; exit 0 when everything succeeded, 1 when some
item failed, 2 for a usage error (a bad option, a store that cannot be
opened), and never a traceback for any of them; `--verbose`/`--quiet` set
the level of the standard `logging` messages on stderr.

Only light modules are imported here and at the top of the command modules,
so that `svodka --help` answers at once; the pipeline, the store and the
server are imported inside the commands.
"""
from __future__ import annotations

import logging
import sys
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NoReturn, Optional

import typer

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from ..document import Document

# Plain help (no Rich markup): rendering it with Rich costs 0.1 s of imports.
app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="svodka: Russian news into entities, quotes, events and amounts.")
log = logging.getLogger("svodka")


class Format(str, Enum):
    """The output formats of every command (each takes those that make sense)."""
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class _Options:
    """What the root options set for the commands (`--quiet` mutes progress
    bars and the server's access log too)."""
    quiet = False
    verbose = 0


options = _Options()


class _LazyConsole:
    """Rich's stderr console, made on first use (Rich is not imported for
    `--help` or `--version`)."""
    _console: "Console | None" = None

    def get(self) -> "Console":
        """The console itself (for `with`, and to hand to Rich)."""
        if self._console is None:
            from rich.console import Console
            self._console = Console(stderr=True)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


err: Any = _LazyConsole()


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `error: message` on stderr and exit with `code` (2: usage)."""
    print_error(message)
    raise typer.Exit(code)


def print_error(message: str) -> None:
    """Print `error: message` on stderr, as one line of plain text."""
    from .safe import clean
    err.print(f"error: {clean(message)}", highlight=False, markup=False, soft_wrap=True)


def require_extra(module: str, extra: str, what: str) -> None:
    """Exit 2 with the install command when optional `module` is missing."""
    import importlib.util
    if importlib.util.find_spec(module) is None:
        fail(f"{what} needs the optional dependencies of svodka[{extra}]: "
             f"pip install 'svodka[{extra}]'")


def read_files(paths: Iterable["Path"], failed: Optional[list[str]] = None
               ) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (text, meta) for each readable article file (`-` is standard
    input); report each other one on stderr as a one-line error naming it,
    append it to `failed`, and go on."""
    from ..errors import SvodkaError
    from ..ingest.text import read_text
    for path in paths:
        try:
            if str(path) == "-":
                yield _read_stdin(), {"source": "-"}
            else:
                yield read_text(path), {"source": str(path)}
        except SvodkaError as e:
            from .safe import error
            error(err, e)
            if failed is not None:
                failed.append(str(path))


def analyzed(items: Iterable[tuple[str, dict[str, str]]], failed: Optional[list[str]] = None,
             batch: int = 16) -> Iterator["Document"]:
    """The analyzed documents of `items` ((text, meta) pairs, as `read_files`
    gives them), `batch` at a time in a worker process under the per-item
    time and memory limits (`limits.analyze_each`); an item refused or
    failed is reported on stderr in one line naming it, added to `failed`,
    and skipped."""
    from ..document import Document
    from ..limits import analyze_each
    from .safe import error
    docs: list["Document"] = []

    def done() -> Iterator[Document]:
        for doc, out in zip(docs, analyze_each(docs)):
            if isinstance(out, Exception):
                error(err, out)
                if failed is not None:
                    failed.append(doc.source or "")
            else:
                yield out
    for text, meta in items:
        docs.append(Document(text=text, **meta))
        if len(docs) >= batch:
            yield from done()
            docs = []
    if docs:
        yield from done()


def _read_stdin() -> str:
    from ..errors import IngestError
    from ..ingest.text import MAX_BYTES, decode
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise IngestError(f"over the limit of {MAX_BYTES} bytes", source="<stdin>")
    return decode(data, source="<stdin>")


def formats(*names: str) -> type[Enum]:
    """The `--format` choices of one command: those of `Format` it offers."""
    return Enum("Format", {n: Format[n].value for n in names}, type=str)  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        from .. import __version__
        print(f"svodka {__version__}")
        raise typer.Exit()


def setup_logging(verbose: int, quiet: bool) -> None:
    """The `svodka` logger on stderr: WARNING by default, INFO with `-v`,
    DEBUG with `-vv`, ERROR with `--quiet`. Rich's handler on a terminal,
    plain timestamped lines otherwise (logs, CI, pipes)."""
    if quiet:
        level = logging.ERROR
    else:
        level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    handler: logging.Handler
    if sys.stderr.isatty():
        from rich.logging import RichHandler
        handler = RichHandler(console=err.get(), show_path=False)
        handler.setFormatter(logging.Formatter("%(message)s"))
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in list(log.handlers):
        log.removeHandler(old)
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit."),
          verbose: int = typer.Option(0, "--verbose", "-v", count=True, show_default=False,
                                      help="More log messages on stderr (-vv: debug)."),
          quiet: bool = typer.Option(False, "--quiet", "-q",
                                     help="Only errors on stderr: no progress, no access log.")
          ) -> None:
    """svodka: Russian news into entities, quotes, events and amounts."""
    options.quiet, options.verbose = quiet, verbose
    setup_logging(verbose, quiet)


def main() -> None:
    """Run the `svodka` command line."""
    # Each command module registers itself on `app` when imported.
    from . import analyze  # noqa: F401
    from . import quotes  # noqa: F401
    from . import ingest  # noqa: F401
    from . import serve  # noqa: F401
    from . import store  # noqa: F401
    from . import schema  # noqa: F401
    # Click's standalone mode would print its own four-line usage error; here
    # its errors come back to be told in one line, as svodka's own are. Its
    # other duties stay in Typer's main: --help, exit codes of typer.Exit,
    # Ctrl-C (130) and a closed pipe (`svodka --help | head`).
    errors = _click_errors()
    try:
        code = app(standalone_mode=False)
    except errors.NoArgsIsHelpError as e:
        e.show()                # `svodka` alone: the help, exit 2 as before
        sys.exit(e.exit_code)
    except errors.UsageError as e:
        print_error(usage_line(e, sys.argv[1:]))
        sys.exit(2)
    except errors.ClickException as e:
        print_error(e.format_message())
        sys.exit(e.exit_code)
    except (errors.Abort, typer.Abort):
        print_error("aborted")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _click_errors():
    """The exceptions module of the Click that Typer runs on (recent Typer
    carries its own copy as `typer._click`; older ones use Click itself)."""
    try:
        from typer._click import exceptions
    except ImportError:
        from click import exceptions    # type: ignore[no-redef]
    return exceptions


def usage_line(e: "Exception", args: list[str]) -> str:
    """A Click usage error as one line: `--limit 0: input should be greater
    than or equal to 1` for a bad value (the flag and the value as typed),
    else Click's message and where the help is."""
    errors = _click_errors()
    message = e.format_message() if isinstance(e, errors.ClickException) else str(e)
    param = getattr(e, "param", None)
    if (isinstance(e, errors.BadParameter) and not isinstance(e, errors.MissingParameter)
            and param is not None):
        # Typer words its checks as pydantic does: "Input should be ...",
        # "Value error, ...".
        raw = e.message.rstrip(".").removeprefix("Value error, ").removeprefix("Input ")
        raw = raw[:1].lower() + raw[1:]
        opts = [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]
        if not getattr(param, "param_type_name", "") == "option" or not opts:
            return f"{param.human_readable_name}: {raw}"
        value = None
        for i, arg in enumerate(args):
            if arg in opts and i + 1 < len(args):
                value = args[i + 1]
            elif "=" in arg and arg.split("=", 1)[0] in opts:
                value = arg.split("=", 1)[1]
        flag = max(opts, key=len)
        return f"{flag} {value}: {raw}" if value is not None else f"{flag}: {raw}"
    ctx = getattr(e, "ctx", None)
    where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return message.rstrip(".") + where
