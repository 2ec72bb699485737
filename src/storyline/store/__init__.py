"""Storage: SQLite by default (no server), with ordered migrations and idempotent upserts."""

from storyline.store.sqlite import DEFAULT_DB, Store, open_existing

__all__ = ["DEFAULT_DB", "Store", "open_existing"]
