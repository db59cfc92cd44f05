"""Grade: corroboration, disagreements, Admiralty credibility and source reliability."""
