"""Claims: check-worthy statements with attribution, certainty and polarity."""
