"""Plumbing every stage shares: project settings, errors with file and line, YAML, weeks, files."""
