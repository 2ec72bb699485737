"""Write the demo web archive ``examples/demo/archive/harbordaily-2026-03.warc.gz``.

A small crawl of the invented outlet Harbor Daily (harbordaily.example) in March 2026, as
a crawler would have stored it, record-gzipped: a warcinfo record, request/response pairs
for two articles on the fictional Port Amsel strike, a robots.txt, a 404 page and a
redirect. storyline reads the two 200 HTML responses as articles and passes over the rest.

Every byte is fixed (record ids, dates), so running the script again gives the same file:

    .venv/bin/python examples/make_demo_warc.py
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "demo" / "archive" / "harbordaily-2026-03.warc.gz"
SITE = "https://www.harbordaily.example"
# Record ids derive from this namespace and the record's role, so they never change.
ID_NAMESPACE = uuid.UUID("6f1b0c52-3c1e-4d7a-9a51-6a2f3d1e0b77")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - Harbor Daily</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="Harbor Daily">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{published}",
"publisher": {{"@type": "Organization", "name": "Harbor Daily"}}}}</script>
</head>
<body>
<nav><a href="/">Harbor Daily</a> <a href="/local">Local</a> <a href="/port">Port</a>
<a href="/sport">Sport</a> <a href="/newsletter">Newsletter</a></nav>
<article>
<h1>{title}</h1>
<p class="meta">Harbor Daily staff · {day} March 2026</p>
{paragraphs}
</article>
<section class="comments"><h3>Leave A Reply</h3>
<form><textarea name="comment"></textarea><button>Post Comment</button></form></section>
<footer><p>Harbor Daily, Quay Road 3, Port Amsel</p>
<p>Copyright 2026 Harbor Daily. All rights reserved.</p></footer>
</body>
</html>
"""

ARTICLES = [
    {
        "path": "/port/2026/03/14/dockworkers-march",
        "title": "Thousands of dockworkers march through Port Amsel",
        "published": "2026-03-14T17:20:00+01:00",
        "fetched": "2026-03-14T18:02:11Z",
        "day": 14,
        "paragraphs": [
            "Several thousand dockworkers and their families marched from the container "
            "terminal to the ports ministry in Port Amsel on Saturday, the twelfth day of "
            "the strike that has closed the harbour.",
            "Union leader Mara Ostrander told the crowd that the union wanted a written "
            'guarantee on night shifts before any return to work. "We have waited twelve '
            'days; we can wait for a signature," she said.',
            "Also Read: What the crane automation plan means for the eastern terminal",
            "Police said the march was peaceful. Shops along Harbour Street closed early.",
        ],
    },
    {
        "path": "/port/2026/03/16/mediator-named",
        "title": "Mediator named as Port Amsel talks resume",
        "published": "2026-03-16T10:05:00+01:00",
        "fetched": "2026-03-16T12:40:37Z",
        "day": 16,
        "paragraphs": [
            "Veloria's government on Monday named the retired judge Helga Sorensen as "
            "mediator between the dockworkers' union and the ports ministry, and both sides "
            "met in her presence for the first time since the strike began on March 3.",
            "Anzeige",
            'Ports minister Jonas Feld said he expected "a long week" but that the '
            "government wanted the port open before the end of the month.",
            "Mara Ostrander said the union's members would stay on strike during the talks.",
        ],
    },
]


def _id(role: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, role)}>"


def _request(writer: WARCWriter, url: str, date: str):
    headers = StatusAndHeaders(
        f"GET {url.removeprefix(SITE)} HTTP/1.1",
        [("Host", "www.harbordaily.example"), ("User-Agent", "demo-crawler/1.0")],
        is_http_request=True,
    )
    return writer.create_warc_record(
        url,
        "request",
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": _id(f"request {url}")},
    )


def _response(
    writer: WARCWriter,
    url: str,
    date: str,
    status: str,
    content_type: str,
    payload: bytes,
    extra: list[tuple[str, str]] | None = None,
):
    headers = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Server", "harbor/2.4"), *(extra or [])],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(payload),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": _id(f"response {url}")},
    )


def build() -> bytes:
    """The archive's bytes."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    start = "2026-03-14T18:02:00Z"
    info = b"software: demo-crawler/1.0\r\nformat: WARC File Format 1.1\r\n"
    records = [
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Date": start,
                "WARC-Record-ID": _id("warcinfo"),
                "WARC-Filename": OUTPUT.name,
            },
        ),
        _response(
            writer,
            f"{SITE}/robots.txt",
            start,
            "200 OK",
            "text/plain",
            b"User-agent: *\nDisallow: /search\n",
        ),
    ]
    for article in ARTICLES:
        url = SITE + article["path"]
        page = PAGE.format(
            url=url,
            title=article["title"],
            published=article["published"],
            day=article["day"],
            paragraphs="\n".join(f"<p>{text}</p>" for text in article["paragraphs"]),
        ).encode("utf-8")
        records.append(_request(writer, url, article["fetched"]))
        records.append(
            _response(writer, url, article["fetched"], "200 OK", "text/html; charset=utf-8", page)
        )
    records.append(
        _response(
            writer,
            f"{SITE}/port/2026/03/old-story",
            "2026-03-16T12:41:02Z",
            "404 Not Found",
            "text/html",
            b"<html><body><h1>Page not found</h1></body></html>",
        )
    )
    records.append(
        _response(
            writer,
            f"{SITE}/port",
            "2026-03-16T12:41:09Z",
            "301 Moved Permanently",
            "text/html",
            b"",
            [("Location", f"{SITE}/port/")],
        )
    )
    for record in records:
        writer.write_record(record)
    return buffer.getvalue()


def main() -> None:
    data = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(data)
    print(f"wrote {OUTPUT} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
