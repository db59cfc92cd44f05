"""The app's pages, one router per area; later stages add theirs beside these."""
