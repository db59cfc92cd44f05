"""Present: dossiers (Markdown, HTML) and exports."""
