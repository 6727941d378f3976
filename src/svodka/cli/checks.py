"""Flag checks of the command line: a bad value ends the command with exit
status 2 and one line naming the flag (Typer's own errors draw a box)."""
from __future__ import annotations

import ipaddress
import re
from datetime import date

import typer

from . import fail

_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
LOOPBACK_NAMES = ("localhost",)


def _flag(param) -> str:
    return param.opts[0] if param is not None and param.opts else "value"


def date_flag(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """A date flag: YYYY, YYYY-MM or YYYY-MM-DD, a real date."""
    if value is None or ctx.resilient_parsing:
        return value
    ok = _DAY.fullmatch(value) is not None
    if ok:
        y, m, d = (value.split("-") + ["01", "01"])[:3]
        try:
            date(int(y), int(m), int(d))
        except ValueError:
            ok = False
    if not ok:
        fail(f"{_flag(param)} {value!r}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value


def port_flag(ctx: typer.Context, param: typer.CallbackParam, value: int) -> int:
    """A TCP port: 1 to 65535 (a larger number would wrap around)."""
    if not ctx.resilient_parsing and not 1 <= value <= 65535:
        fail(f"{_flag(param)} {value}: a port is a number from 1 to 65535")
    return value


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: reachable from this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
