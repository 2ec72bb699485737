"""The WARC reader, on archives built here with warcio's writer."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.pipeline import Pipeline, Stats
from storyline.read import read_inputs
from storyline.read.errors import ReadError
from storyline.read.html import HtmlText
from storyline.read.warc import read_warc

READ_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read"
NEWS_PAGE = (READ_FIXTURES / "news_page.html").read_bytes()
PAGE_URL = "https://www.lakesideledger.example/news/2026/02/corrow-bridge-reopens?ref=rss"
FETCHED = "2026-02-17T09:12:00Z"
LATIN1_PAGE = (
    "<html><body><article>"
    + "".join(
        f"<p>Le café du port {n} rouvre ses portes après l'été, annonce la mairie de Corrow "
        "dans un communiqué publié mardi.</p>"
        for n in range(5)
    )
    + "</article></body></html>"
).encode("latin-1")


def _response(
    writer,
    url,
    payload,
    status="200 OK",
    content_type="text/html; charset=utf-8",
    date=FETCHED,
    extra_headers=(),
):
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *extra_headers], protocol="HTTP/1.1"
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(payload),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )


def build_warc(gzipped: bool) -> tuple[bytes, list[str], list[int]]:
    """An archive of 8 records, the WARC-Record-ID of each and the offset where each starts.

    1 warcinfo, 2 request, 3 the news page (200), 4 a 404 page, 5 an image,
    6 a Latin-1 page whose charset is only in the HTTP header, 7 a page sent gzipped
    (Content-Encoding), 8 an HTML record whose payload is binary junk.
    """
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    request = StatusAndHeaders(
        "GET /news HTTP/1.1", [("Host", "www.lakesideledger.example")], is_http_request=True
    )
    records = [
        writer.create_warcinfo_record("test.warc", {"software": "storyline tests"}),
        writer.create_warc_record(PAGE_URL, "request", http_headers=request),
        _response(writer, PAGE_URL, NEWS_PAGE),
        _response(
            writer,
            "https://www.lakesideledger.example/gone",
            b"<html>Not found</html>",
            status="404 Not Found",
        ),
        _response(
            writer,
            "https://www.lakesideledger.example/logo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            content_type="image/png",
        ),
        _response(
            writer,
            "https://www.lakesideledger.example/fr/cafe",
            LATIN1_PAGE,
            content_type="text/html; charset=ISO-8859-1",
        ),
        _response(
            writer,
            "https://www.lakesideledger.example/zipped",
            gzip.compress(NEWS_PAGE),
            extra_headers=[("Content-Encoding", "gzip")],
        ),
        _response(writer, "https://www.lakesideledger.example/junk", bytes(range(256)) * 4),
    ]
    offsets = []
    for record in records:
        offsets.append(buffer.tell())
        writer.write_record(record)
    ids = [r.rec_headers.get_header("WARC-Record-ID") for r in records]
    return buffer.getvalue(), ids, offsets


def _read(data: bytes, source: str = "a.warc") -> tuple[list, Stats]:
    stats = Stats()
    return list(read_warc(source, io.BytesIO(data), stats)), stats


@pytest.mark.parametrize("gzipped", [False, True])
def test_html_responses_become_articles(gzipped):
    data, ids, _ = build_warc(gzipped)
    articles, stats = _read(data)
    assert [a.source for a in articles] == ["a.warc@3", "a.warc@6", "a.warc@7"]
    page = articles[0]
    assert page.format == "warc"
    assert page.url == PAGE_URL
    assert page.fetched == FETCHED
    assert page.external_id == ids[2]
    assert page.body == ""
    assert page.html == NEWS_PAGE.decode("utf-8")
    assert page.meta["warc"]["content_type"] == "text/html; charset=utf-8"
    assert page.meta["warc"]["payload_digest"].startswith("sha1:")
    # charset from the HTTP header; gzip content-encoding undone
    assert "Le café du port" in articles[1].html
    assert articles[2].html == page.html
    # warcinfo, request, 404 and image are passed over; the junk record is skipped
    assert stats.counts["warc_records_passed_over"] == 4
    assert [str(s) for s in stats.skipped] == ["a.warc@8: HTML record: binary data, not text"]


def test_a_raw_record_gzipped_archive_reads_like_a_gunzipped_one():
    data, _, _ = build_warc(gzipped=True)
    unpacked = gzip.decompress(data)  # what the dispatcher hands over for a .warc.gz
    assert [a.source for a in _read(unpacked)[0]] == [a.source for a in _read(data)[0]]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_truncated_archive_keeps_what_was_read_and_reports_the_rest(gzipped):
    data, _, offsets = build_warc(gzipped)
    # cut in the middle of record 7, the zipped page
    articles, stats = _read(data[: (offsets[6] + offsets[7]) // 2])
    assert [a.source for a in articles] == ["a.warc@3", "a.warc@6"]
    [skip] = stats.skipped
    assert skip.source == "a.warc"
    assert skip.reason.startswith("truncated WARC archive: it breaks off in record 7")
    assert skip.reason.endswith("the 6 records before it were read")


def test_an_archive_cut_after_one_whole_record_says_so_in_the_singular():
    data, _, offsets = build_warc(gzipped=False)
    _, stats = _read(data[: offsets[1] + 40])
    [skip] = stats.skipped
    assert skip.reason.endswith("); the record before it was read")


def test_an_archive_cut_inside_a_header_block_is_reported():
    data, _, offsets = build_warc(gzipped=False)
    # records 1-3 whole, then the first bytes of record 4's header block
    articles, stats = _read(data[: offsets[3] + 40])
    assert [a.source for a in articles] == ["a.warc@3"]
    [skip] = stats.skipped
    assert skip.reason == (
        "truncated WARC archive: it breaks off in record 4 (the archive ends inside its "
        "header block); the 3 records before it were read"
    )


def test_an_archive_cut_between_gzip_members_is_reported():
    data, _, offsets = build_warc(gzipped=True)
    # records 1-3 whole, then too little of record 4's gzip member to decompress anything
    articles, stats = _read(data[: offsets[3] + 12])
    assert [a.source for a in articles] == ["a.warc@3"]
    [skip] = stats.skipped
    assert skip.reason.startswith("truncated WARC archive: it breaks off after record 3 (")
    assert skip.reason.endswith("); the 3 records before it were read")


def test_an_archive_broken_before_its_first_record_ends_is_unreadable():
    data, _, _ = build_warc(gzipped=False)
    with pytest.raises(ReadError, match="truncated or corrupt WARC archive"):
        _read(data[:60])


def test_something_that_is_not_a_warc_raises_a_clear_error():
    with pytest.raises(ReadError, match=r"^not a WARC archive: "):
        _read(b"Dear reader,\nthis is a letter, not an archive.\n")


def test_binary_noise_is_not_a_warc_and_the_error_does_not_quote_it():
    noise = bytes((n * 37 + 11) % 256 for n in range(3000))
    with pytest.raises(ReadError) as raised:
        _read(noise)
    assert str(raised.value) == "not a WARC archive: Unknown archive format"


_NO_TARGET = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n" + b"x" * 40


def test_a_record_warcio_cannot_parse_ends_the_archive_with_a_clear_reason():
    # A response record without a WARC-Target-URI: warcio raises AttributeError on it.
    with pytest.raises(ReadError, match=r"^truncated or corrupt WARC archive: .*record 1 "):
        _read(_NO_TARGET)
    data, _, offsets = build_warc(gzipped=False)
    articles, stats = _read(data[: offsets[3]] + _NO_TARGET)
    assert [a.source for a in articles] == ["a.warc@3"]
    [skip] = stats.skipped
    assert skip.reason == (
        "truncated WARC archive: it breaks off in record 4 (malformed record headers "
        "(warcio raised AttributeError)); the 3 records before it were read"
    )


def test_a_damaged_record_length_is_reported_on_its_record(tmp_path):
    data, _, _ = build_warc(gzipped=False)
    # record 4's payload grows by two bytes its Content-Length does not count
    damaged = data.replace(b"<html>Not found</html>", b"<html>Not found</html>!!")
    articles, stats = _read(damaged)
    assert "a.warc@3" in [a.source for a in articles]
    assert any(
        s.source == "a.warc@4" and "does not match its Content-Length" in s.reason
        for s in stats.skipped
    )


def test_warc_articles_go_through_the_html_stage():
    data, _, _ = build_warc(gzipped=True)
    stats = Stats()
    articles = list(Pipeline([HtmlText()]).run(read_warc("a.warc", io.BytesIO(data), stats), stats))
    page = articles[0]
    assert page.html is None
    assert "County engineer Tomas Brede" in page.body
    # the fetched URL stays; the page's canonical one is a hint
    assert page.url == PAGE_URL
    assert page.meta["hints"]["canonical_url"].endswith("/news/2026/02/corrow-bridge-reopens")
    # 07:30 UTC, before the 09:12 UTC fetch
    assert page.published == "2026-02-17T08:30:00+01:00"
    assert "Le café du port 0 rouvre" in articles[1].body


def test_a_page_dated_after_its_fetch_gets_no_date():
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(_response(writer, PAGE_URL, NEWS_PAGE, date="2026-02-16T20:00:00Z"))
    stats = Stats()
    [page] = Pipeline([HtmlText()]).run(
        read_warc("a.warc", io.BytesIO(buffer.getvalue()), stats), stats
    )
    assert page.published is None


@pytest.mark.parametrize("name", ["site.warc", "site.warc.gz", "whole.warc.gz", "noext"])
def test_read_inputs_reads_every_kind_of_warc_file(tmp_path, name):
    plain, _, _ = build_warc(gzipped=False)
    per_record, _, _ = build_warc(gzipped=True)
    data = {
        "site.warc": plain,
        "site.warc.gz": per_record,
        "whole.warc.gz": gzip.compress(plain),
        "noext": plain,
    }[name]
    (tmp_path / name).write_bytes(data)
    stats = Stats()
    articles = list(read_inputs([str(tmp_path / name)], stats))
    assert [a.source for a in articles] == [f"{tmp_path / name}@{n}" for n in (3, 6, 7)]
    assert [s.reason for s in stats.skipped] == ["HTML record: binary data, not text"]
    assert stats.counts["inputs_warc"] == 1


def test_read_inputs_reports_a_truncated_gzipped_archive(tmp_path):
    data, _, offsets = build_warc(gzipped=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: (offsets[6] + offsets[7]) // 2])
    stats = Stats()
    articles = list(read_inputs([str(path)], stats))
    assert len(articles) == 2
    [skip] = stats.skipped
    assert skip.source == str(path) and skip.reason.startswith("truncated WARC archive")
