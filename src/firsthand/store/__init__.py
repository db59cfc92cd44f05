"""Store: SQLite by default, PostgreSQL for teams; all SQL lives in this package."""
