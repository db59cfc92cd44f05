"""Store: SQLite by default, PostgreSQL for teams; all SQL lives in this package."""

from .store import DEFAULT_DB, Added, Counted, MentionHit, SearchHit, Store, database_url

__all__ = ["DEFAULT_DB", "Added", "Counted", "MentionHit", "SearchHit", "Store", "database_url"]
