"""Ingest: turn files, folders, URLs, feeds and JSONL into `Report` objects."""
