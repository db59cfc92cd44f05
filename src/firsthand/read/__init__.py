"""Read: the spaCy pipeline plus project components (entities, quantities, times)."""
