"""Extraction from article text: entities, quotes, cited sources, dates, claims."""
