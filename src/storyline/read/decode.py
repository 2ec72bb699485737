"""Bytes to text, with a clear reason when the bytes are not text."""

from __future__ import annotations

from storyline.read.errors import ReadError

__all__ = ["decode_text", "looks_binary", "wide_encoding"]

# Control bytes other than tab, newline, form feed and carriage return; a text file has
# almost none, a binary file (image, PDF, archive) has many in its first kilobytes.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BINARY_SHARE = 0.10  # share of control bytes in the first 4 KiB above which input is binary


# Byte-order marks of the wide Unicode encodings (UTF-32 first: its little-endian mark begins
# with UTF-16's). A mark says how a page is encoded whatever else it declares, as browsers
# read it (WHATWG "BOM sniffing"); UTF-16 text is full of NUL bytes, so it is looked for
# before the binary test.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL_CHARS = frozenset(chr(b) for b in _CONTROL)


def wide_encoding(data: bytes) -> str | None:
    """The encoding whose byte-order mark opens ``data`` (UTF-16 or UTF-32), or None."""
    return next((encoding for bom, encoding in _WIDE_BOMS if data.startswith(bom)), None)


def _mostly_text(text: str) -> bool:
    head = text[:4096]
    return bool(head) and sum(ch in _CONTROL_CHARS for ch in head) / len(head) <= _BINARY_SHARE


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is evidently not text (a NUL byte, or many control bytes), unless
    a UTF-16 or UTF-32 byte-order mark opens text."""
    head = data[:4096]
    if not head:
        return False
    encoding = wide_encoding(head)
    if encoding is not None:  # the head may end inside a character
        return not _mostly_text(head.decode(encoding, "replace"))
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls / len(head) > _BINARY_SHARE


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` as text: the declared charset, else UTF-8, else a detected charset.

    Raises :class:`ReadError` for empty input, binary input, or bytes that no charset
    decodes cleanly. A byte-order mark is dropped; a UTF-16 or UTF-32 one decides the
    encoding, whatever is declared.
    """
    if not data.strip():
        raise ReadError("empty input")
    encoding = wide_encoding(data)
    if encoding is not None:
        try:
            wide: str | None = data.decode(encoding)
        except UnicodeDecodeError:
            wide = None
        if wide is not None and not wide.strip():
            raise ReadError("empty input")
        if wide is None or not _mostly_text(wide):
            raise ReadError(f"not {encoding.upper()} text, though its byte-order mark says so")
        return wide
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
