"""firsthand: trace every claim in the news back to its first-hand source.

The package reads as the pipeline: ingest -> read -> claims -> events -> link
-> grade -> present, with `store` persisting what crosses stages and `cli`
driving it all.
"""

__version__ = "0.4.0"
