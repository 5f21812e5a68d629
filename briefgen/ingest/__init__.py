"""Ingest: the outlets' feeds and pages (config/feeds.yaml) fetched into sources/ (``briefgen fetch``)."""
