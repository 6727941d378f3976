"""The store: SQLite by default, PostgreSQL by URL. See `Store`."""
from .core import Store
from .feeds import FeedRecord
from .queries import ActorRow, EntityDetail, EntityRow, EventRow, Hit, Page, QuoteRow
from .summary import AmountRow, Dyad, DyadMonth, Speaker, Timeline

__all__ = ["Store", "FeedRecord", "Page", "Hit", "QuoteRow", "EventRow", "ActorRow", "EntityRow",
           "EntityDetail", "Dyad", "DyadMonth", "Speaker", "AmountRow", "Timeline"]
