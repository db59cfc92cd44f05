"""Link: stories, cross-report matching, derivation and independent origins."""
