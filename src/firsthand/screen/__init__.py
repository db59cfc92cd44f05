"""Screening: the store's people, organisations and vessels matched against sanctions lists."""
