"""Store: SQLite by default, PostgreSQL for teams; all SQL lives in this package."""

from .store import DEFAULT_DB, Access, Added, Counted, MentionHit, SearchHit, Store, StoreError, database_url, writable

__all__ = ["DEFAULT_DB", "Access", "Added", "Counted", "MentionHit", "SearchHit", "Store", "StoreError", "database_url", "writable"]
