"""Bytes to text, with a clear reason when the bytes are not text."""

from __future__ import annotations

from storyline.read.errors import ReadError

__all__ = ["decode_text", "looks_binary"]

# Control bytes other than tab, newline, form feed and carriage return; a text file has
# almost none, a binary file (image, PDF, archive) has many in its first kilobytes.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BINARY_SHARE = 0.10  # share of control bytes in the first 4 KiB above which input is binary


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is evidently not text (a NUL byte, or many control bytes)."""
    head = data[:4096]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls / len(head) > _BINARY_SHARE


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` as text: the declared charset, else UTF-8, else a detected charset.

    Raises :class:`ReadError` for empty input, binary input, or bytes that no charset
    decodes cleanly. A UTF-8 byte-order mark is dropped.
    """
    if not data.strip():
        raise ReadError("empty input")
    if looks_binary(data):
        raise ReadError("binary data, not text")
    for encoding in (declared, "utf-8-sig"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("invalid UTF-8 and no other text encoding fits")
    # charset-normalizer happily "detects" a single-byte code page for corrupt UTF-8;
    # accept a detection only when the text it gives is mostly printable.
    text = str(best)
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:4096])
    if printable < 0.97 * min(len(text), 4096):
        raise ReadError("invalid UTF-8 and no other text encoding fits")
    return text
