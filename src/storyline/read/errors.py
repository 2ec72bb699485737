"""The error a reader raises for an input it cannot read at all."""

from __future__ import annotations

__all__ = ["ReadError"]


class ReadError(Exception):
    """An input (file, record) that cannot be read; the message is a one-line reason.

    Readers raise it for a whole input; for one bad record inside a good input they call
    ``stats.skip(source, reason)`` instead and go on with the next record.
    """
