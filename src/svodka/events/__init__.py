"""The events subsystem: PLOVER events coded from the Russian text.

One entry stage, `code_events` (in `coder.py`). Its helpers, one job each:
`triggers.py` (the lexicon `resources/plover.tsv` matched on the parse, and
whether a trigger reports an event that happens), `actors.py` (who acts and
on whom: entities, countries, sectors), `dates.py` (when). Places come from
`stages/geo.py`, shared with the entity stage.
"""
from .coder import code_events

__all__ = ["code_events"]
