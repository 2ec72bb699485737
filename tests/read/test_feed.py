"""The RSS/Atom feed reader, on invented feeds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from storyline.pipeline import Stats
from storyline.read import read_inputs
from storyline.read.errors import ReadError
from storyline.read.feed import feed_html_text, read_feed

READ_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "read"
RSS = READ_FIXTURES / "rss2.xml"
ATOM = READ_FIXTURES / "atom.xml"


def _read(path: Path, source: str = "feed.xml") -> tuple[list, Stats]:
    stats = Stats()
    return list(read_feed(source, io.BytesIO(path.read_bytes()), stats)), stats


def test_rss_gives_one_article_per_entry_labelled_by_number():
    articles, stats = _read(RSS, "rss2.xml")
    assert [a.source for a in articles] == ["rss2.xml#1", "rss2.xml#2", "rss2.xml#3"]
    assert {a.format for a in articles} == {"feed"}
    # the fourth item has nothing at all: skipped with its number, the rest goes on
    assert [str(s) for s in stats.skipped] == [
        "rss2.xml#4: feed entry with no title, no text and no link"
    ]


def test_rss_entry_fields():
    [bridge, ferry, council], _ = _read(RSS)
    assert bridge.external_id == "ledger-2026-0217-bridge"
    assert bridge.url == "https://www.lakesideledger.example/news/2026/02/corrow-bridge-reopens"
    assert bridge.title == "Corrow bridge reopens after eight months of repairs"
    # +0100 in the feed, UTC here
    assert bridge.published == "2026-02-17T07:30:00+00:00"
    assert bridge.meta["hints"] == {
        "site_name": "The Lakeside Ledger — News",
        "date_source": "feed:published",
    }
    assert bridge.meta["author"] == "Petra Vell"
    assert bridge.meta["tags"] == ["Transport", "Corrow"]
    # no guid: the link is the entry's id
    assert ferry.external_id == ferry.url
    assert council.external_id == "https://www.lakesideledger.example/news/2026/02/council-budget"


def test_rss_body_is_the_full_content_as_plain_text():
    [bridge, *_], _ = _read(RSS)
    assert bridge.body.splitlines() == [
        "The Old Mill bridge in Corrow reopened to traffic on Tuesday morning, eight months "
        "after floodwater undermined its eastern pier.",
        "County engineer Tomas Brede said the crossing had passed its final load test.",
        "A weight limit of 18 tonnes stays in force until April.",
        "Repairs cost 3.2 million crowns",
        "Two thirds came from the flood fund",
    ]
    assert "trackView" not in bridge.body


def test_rss_summary_is_the_body_when_there_is_no_content():
    [_, ferry, council], _ = _read(RSS)
    assert ferry.body == (
        "The ferry between Corrow and Hallby will run four times a day until March.\n"
        "Operators blamed low passenger numbers."
    )
    # a headline-only item is a valid article with an empty body
    assert council.body == ""
    assert council.title == "Corrow council approves budget"


def test_atom_entries():
    [roof, snow, frost], stats = _read(ATOM, "atom.xml")
    assert not stats.skipped
    assert roof.source == "atom.xml#1"
    assert roof.external_id == "tag:hallbypost.example,2026:school-roof"
    assert roof.url == "https://hallbypost.example/2026/02/school-roof"
    assert roof.published == "2026-02-17T20:20:00+00:00"
    assert roof.body == (
        "Workers finished replacing the roof of Hallby primary school two weeks early.\n"
        "Head teacher Oskar Lunde said pupils would return on 2 March."
    )
    assert roof.meta["hints"]["site_name"] == "Hallby Evening Post"
    assert roof.meta["author"] == "Ilse Marr"
    assert roof.meta["tags"] == ["Education"]
    # no <published>: the entry's <updated> stands in, and says so
    assert snow.published == "2026-02-18T05:40:00+00:00"
    assert snow.meta["hints"]["date_source"] == "feed:updated"
    assert snow.body == "The road over the northern pass is closed until the ploughs clear it."
    assert frost.body == "" and frost.title == "Weather: frost tonight"


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three"),
        ("<p>Words\n   wrapped  in\tthe markup</p>", "Words wrapped in the markup"),
        ("<h2>Heading</h2><ul><li>a</li><li>b &amp; c</li></ul>", "Heading\na\nb & c"),
        ("<p>Kept</p><script>alert(1)</script><style>p{}</style>", "Kept"),
        ("<p>A <b>bold</b> and <a href='#'>linked</a> word</p>", "A bold and linked word"),
        ("<!-- a comment --><p>Text</p>", "Text"),
        ("", ""),
        ("   ", ""),
        ("no markup at all", "no markup at all"),
        # Characters XML cannot hold: lxml refused the whole fragment, and the feed with it.
        ("<p>Dock\x00workers\x1b strike</p><p>at\x0bnight</p>", "Dockworkers strike\nat night"),
    ],
)
def test_feed_html_text(fragment, expected):
    assert feed_html_text(fragment) == expected


def test_something_that_is_not_a_feed_raises_a_clear_error():
    with pytest.raises(ReadError, match=r"^not an RSS/Atom feed: "):
        _read(READ_FIXTURES / "not_a_feed.xml")
    with pytest.raises(ReadError, match=r"^not an RSS/Atom feed: "):
        list(read_feed("x.xml", io.BytesIO(b"this is plain text, <not> xml at all &"), Stats()))


def test_a_feed_without_entries_is_reported():
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    with pytest.raises(ReadError, match="feed has no entries"):
        list(read_feed("empty.rss", io.BytesIO(empty), Stats()))


def test_an_entry_holding_a_control_character_is_read_with_the_others():
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Daily</title>'
        b"<item><title>First</title><description>&lt;p&gt;Cranes \x1b stop&lt;/p&gt;"
        b"</description></item><item><title>Second</title><description>Ships wait."
        b"</description></item></channel></rss>"
    )
    stats = Stats()
    articles = list(read_feed("harbor.rss", io.BytesIO(feed), stats))
    assert [(a.title, a.body) for a in articles] == [
        ("First", "Cranes stop"),
        ("Second", "Ships wait."),
    ]


def test_a_feed_with_broken_xml_keeps_the_entries_it_can_read():
    broken = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Post &amp; Courier</title>'
        b"<item><title>First &nbsp; item</title><link>https://x.example/1</link></item>"
        b"<item><title>Second item</title><link>https://x.example/2</link>"
    )
    stats = Stats()
    articles = list(read_feed("broken.rss", io.BytesIO(broken), stats))
    assert [a.title for a in articles] == ["First item", "Second item"]


def test_read_inputs_reads_feeds_and_reports_what_is_not_one(tmp_path):
    (tmp_path / "ledger.rss").write_bytes(RSS.read_bytes())
    (tmp_path / "post.atom").write_bytes(ATOM.read_bytes())
    (tmp_path / "sitemap.xml").write_bytes((READ_FIXTURES / "not_a_feed.xml").read_bytes())
    # no telling extension: sniffed from the content
    (tmp_path / "feed").write_bytes(ATOM.read_bytes())
    stats = Stats()
    articles = list(read_inputs([str(tmp_path)], stats))
    sources = [Path(a.source).name for a in articles]
    assert sources == [
        "feed#1",
        "feed#2",
        "feed#3",
        "ledger.rss#1",
        "ledger.rss#2",
        "ledger.rss#3",
        "post.atom#1",
        "post.atom#2",
        "post.atom#3",
    ]
    reasons = sorted(f"{Path(s.source).name}: {s.reason}" for s in stats.skipped)
    assert reasons[0] == "ledger.rss#4: feed entry with no title, no text and no link"
    assert reasons[1].startswith("sitemap.xml: not an RSS/Atom feed")
    assert len(reasons) == 2
