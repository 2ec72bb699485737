"""Storage: SQLite by default (no server), with ordered migrations and idempotent upserts."""

from storyline.store.sqlite import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
