"""The input dispatcher and the text and JSONL readers, including every kind of bad input."""

import gzip
import io
import json

import pytest

from storyline.pipeline import Stats
from storyline.read import read_inputs, sniff_format


def read(paths):
    stats = Stats()
    return list(read_inputs([str(p) for p in paths], stats)), stats


def test_text_file_is_one_article_with_its_body_as_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Harbour reopens\r\nThe harbour of Port Amsel reopened on Monday.\r\n")
    [article], stats = read([path])
    assert article.format == "text"
    assert article.source == str(path)
    assert article.body == "Harbour reopens\nThe harbour of Port Amsel reopened on Monday.\n"
    assert stats.skipped == []


def test_jsonl_lines_keep_ids_and_extra_keys(tmp_path):
    path = tmp_path / "wire.jsonl"
    rows = [
        {
            "id": "w-1",
            "title": "Strike called",
            "text": "Dockers walked out.",
            "outlet": "NW",
            "published": "2026-03-02",
            "desk": "ports",
        },
        {"id": 7, "title": "Headline only", "text": ""},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    articles, _ = read([path])
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2"]
    assert articles[0].external_id == "w-1" and articles[1].external_id == "7"
    assert articles[0].meta == {"desk": "ports"}
    assert articles[0].outlet == "NW" and articles[0].published == "2026-03-02"
    assert articles[1].body == "" and articles[1].title == "Headline only"


def test_bad_jsonl_lines_are_skipped_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "1", "title": "Good", "text": "Fine."}\n{not json\n[1, 2]\n'
        '{"id": "4", "title": "", "text": ""}\n{"id": "5", "title": "Also good"}\n'
    )
    articles, stats = read([path])
    assert [a.external_id for a in articles] == ["1", "5"]
    assert [(s.source, s.reason.split(":")[0]) for s in stats.skipped] == [
        (f"{path}:2", "malformed JSON line"),
        (f"{path}:3", "expected a JSON object, got list"),
        (f"{path}:4", "no title and no text"),
    ]


def test_folders_globs_and_missing_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second article body.")
    (tmp_path / "sub" / "a.txt").write_text("First article body.")
    (tmp_path / ".hidden.txt").write_text("not read")
    (tmp_path / "settings.toml").write_text('name = "not an article"')
    articles, stats = read([tmp_path, tmp_path / "*.txt", tmp_path / "nope.txt"])
    names = [a.source.rsplit("/", 1)[-1] for a in articles]
    assert names == ["b.txt", "a.txt", "b.txt"]
    assert [str(s) for s in stats.skipped] == [
        f"{tmp_path / 'settings.toml'}: not an article format (.toml)",
        f"{tmp_path / 'nope.txt'}: no such file or folder",
    ]


def test_broken_inputs_each_get_one_line(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 prices rose in Amsel.".encode("latin-1"))
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4 + b"\x01\x02\x03" * 50)
    lines = [
        json.dumps({"id": str(i), "title": f"Item {i * 7919 % 1000}", "text": str(i**5)})
        for i in range(2000)
    ]
    whole = gzip.compress("\n".join(lines).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    articles, stats = read([tmp_path])
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in stats.skipped}
    assert reasons["empty.txt"] == "empty input"
    assert reasons["image.bin"] == "binary data, not text"
    assert reasons["noise.txt"].startswith(("binary data", "invalid UTF-8"))
    assert reasons["cut.jsonl.gz"].startswith("truncated or corrupt gzip")
    # the good part of the truncated file and the Latin-1 file were still read
    assert any(a.body == "Café prices rose in Amsel." for a in articles)
    assert sum(a.source.startswith(str(tmp_path / "cut.jsonl.gz")) for a in articles) > 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_and_pages_in_utf16_or_utf32_are_read_by_their_byte_order_mark(tmp_path, encoding):
    bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-32": b""}[encoding]
    text = "Harbour reopens\nThe harbour of Port Amsel reopened on Monday, its board said.\n"
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    page = (
        '<html><head><meta charset="utf-8"><title>Harbour reopens</title></head><body>'
        "<article>" + "<p>The harbour of Port Amsel reopened on Monday, its board said.</p>" * 4
        + "</article></body></html>"
    )
    (tmp_path / "b.html").write_bytes(bom + page.encode(encoding))
    rows = [{"id": str(n), "title": f"Harbour day {n}", "text": "Ships wait."} for n in range(3)]
    lines = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n"
    (tmp_path / "c.jsonl").write_bytes(bom + lines.encode(encoding))
    articles, stats = read([tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c.jsonl"])
    assert stats.skipped == []
    assert articles[0].body == text
    assert "Harbour reopens" in articles[1].html
    assert [a.title for a in articles[2:]] == ["Harbour day 0", "Harbour day 1", "Harbour day 2"]


def test_jsonl_that_breaks_off_its_utf16_keeps_the_lines_before(tmp_path):
    good = json.dumps({"id": "1", "title": "Harbour reopens", "text": "Ships wait."}) + "\n"
    # An unpaired high surrogate: no UTF-16 decoder reads past it.
    (tmp_path / "c.jsonl").write_bytes(good.encode("utf-16") + b"\x00\xd8\x41\x00\n\x00")
    articles, stats = read([tmp_path / "c.jsonl"])
    assert [a.title for a in articles] == ["Harbour reopens"]
    [skip] = stats.skipped
    assert skip.source.endswith("c.jsonl:2")
    assert skip.reason == (
        "the file's UTF-16 text breaks off in this line; the lines before were read"
    )


def test_a_byte_order_mark_wins_over_a_declared_charset():
    # As browsers do: a WARC's Content-Type may say UTF-8 for a page saved in UTF-16.
    from storyline.read.decode import decode_text

    page = '<html><head><meta charset="utf-8"></head><body>Harbour reopens</body></html>'
    assert decode_text(page.encode("utf-16"), "utf-8") == page


def test_a_byte_order_mark_before_noise_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\xff\xfe\x00\x00" + bytes(range(1, 9)) * 50)
    articles, stats = read([tmp_path / "x.txt"])
    assert articles == []
    [skip] = stats.skipped
    assert skip.reason == "not UTF-32 text, though its byte-order mark says so"


def test_gzipped_inputs_are_read_by_their_inner_name(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"Port Amsel strike ends\nDockers returned to work."))
    [article], _ = read([path])
    assert article.format == "text" and article.body.startswith("Port Amsel strike ends")


def test_stdin_is_read_with_a_dash(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"title": "From stdin"}\n')))
    [article], _ = read(["-"])
    assert article.source == "<stdin>:1" and article.title == "From stdin"


def test_sniffing_by_extension_then_content():
    assert sniff_format("a.jsonl", b"") == "jsonl"
    assert sniff_format("a.bin", b"WARC/1.0\r\n") == "warc"
    assert sniff_format("a", b'  {"id": 1}') == "jsonl"
    assert sniff_format("a", b"<?xml version='1.0'?><rss version='2.0'>") == "feed"
    assert sniff_format("a", b"<!DOCTYPE html><html>") == "html"
    assert sniff_format("a", b"Plain words.") == "text"
