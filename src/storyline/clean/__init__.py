"""Cleaning: site furniture, metadata, outlets."""
