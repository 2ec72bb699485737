"""Build the report of a run from the store, and write it as ``report.json`` + ``report.html``.

The report only shows what the store holds: every story, event, quote, cited source and
claim points to the articles it comes from (by id, with the outlet), and every removal to the
rule that made it. Large stores are cut to the most recent stories and articles; the report
says so, and the JSON and the CLI give the rest.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from storyline import findings
from storyline.ingest import IngestResult
from storyline.query import QUIET_RULES, article_record
from storyline.store import Store
from storyline.timeline import stories

__all__ = ["build_report", "render_html", "write_report"]

#: How much of a large store the report shows; the JSON has the same cut.
MAX_STORIES = 30
MAX_ARTICLES = 300
MAX_QUOTES_PER_STORY = 12
MAX_CLAIMS_PER_STORY = 12


def _story_section(store: Store, story: dict[str, Any]) -> dict[str, Any]:
    quotes = findings.quotes(store, story=story["id"])
    sources = findings.cited_sources(store, story=story["id"])
    claims = findings.claims(story["id"], store)
    # Claims carried by several articles, or disputed, first: they are what a reader checks.
    claims.sort(key=lambda c: (-len(c["articles"]), -len(c["conflicts_with"]),
                               c["first_date"] or "9999", c["id"]))
    quotes.sort(key=lambda q: (-len(q["occurrences"]), q["kind"] != "direct",
                               q["published"] or "9999", q["id"]))
    cited: dict[str, list[dict[str, Any]]] = {}
    for source in sources:
        entry = {"article_id": source["article_id"], "outlet": source["article_outlet"]}
        if entry not in cited.setdefault(source["outlet"], []):
            cited[source["outlet"]].append(entry)
    return {
        **story,
        "quotes": quotes[:MAX_QUOTES_PER_STORY],
        "quote_count": len(quotes),
        "cited_sources": dict(sorted(cited.items(), key=lambda kv: (-len(kv[1]), kv[0]))),
        "claims": claims[:MAX_CLAIMS_PER_STORY],
        "claim_count": len(claims),
    }


def build_report(store: Store, result: IngestResult) -> dict[str, Any]:
    """The report as JSON-ready data: the run's summary, the most recent stories (timeline,
    quotes, cited sources, claims) and the stored articles with their removals by rule."""
    all_stories = stories(store)
    items = []
    rules: Counter[str] = Counter()
    total = 0
    for item in store.iter_articles():
        total += 1
        shown = [r for r in item.removals if r.rule not in QUIET_RULES]
        rules.update(r.rule for r in shown)
        if len(items) >= MAX_ARTICLES:
            continue
        record = article_record(item)
        record.pop("text")
        record["words"] = len((item.text or "").split())
        record["removed"] = [
            {"rule": r.rule, "reason": r.reason, "text": r.text.strip()} for r in shown
        ]
        items.append(record)
    sections = [_story_section(store, s) for s in all_stories[:MAX_STORIES]]
    referenced = sorted({a for s in sections for e in s["events"] for a in _members(e)}
                        | {c for s in sections for claim in s["claims"] for c in claim["articles"]})
    return {
        "run": result.to_dict(),
        "store": {"path": store.path, "articles": total, "stories": len(all_stories)},
        "stories": sections,
        "outlets": {a.id: a.outlet for a in store.iter_articles(referenced)},
        "removals_by_rule": dict(rules.most_common()),
        "articles": items,
    }


def _members(event: dict[str, Any]) -> list[str]:
    """An event's articles and their copies, each once, in the event's order."""
    members = list(event["articles"])
    for copies in event.get("copies", {}).values():
        members += [c for c in copies if c not in members]
    return members


def render_html(report: dict[str, Any]) -> str:
    """A self-contained HTML page of the report (no scripts, no external assets)."""
    run, store = report["run"], report["store"]
    outlets = report["outlets"]
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>storyline report</title><style>",
        "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#222}",
        "table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;text-align:left;"
        "border-bottom:1px solid #ddd;vertical-align:top}code{font-size:85%}",
        ".muted{color:#777}.rm{color:#a33;font-size:90%}blockquote{margin:.3rem 0 .3rem 1rem}",
        "section.story{border-top:2px solid #333;margin-top:2rem}",
        "</style></head><body>",
        "<h1>storyline report</h1>",
        f"<p>{escape(_summary(run, store))}</p>",
    ]
    if run["skips"]:
        out.append("<h2>Skipped inputs</h2><ul>")
        out += [f"<li><code>{escape(s['source'])}</code>: {escape(s['reason'])}</li>"
                for s in run["skips"]]
        out.append("</ul>")
    if len(report["stories"]) < store["stories"]:
        out.append(f"<p class='muted'>The {len(report['stories'])} stories with the newest "
                   f"activity of {store['stories']}; <code>storyline stories</code> lists all."
                   "</p>")
    for story in report["stories"]:
        out += _render_story(story, outlets)
    out.append(f"<h2>Articles ({store['articles']})</h2>")
    if len(report["articles"]) < store["articles"]:
        out.append(f"<p class='muted'>The {len(report['articles'])} newest; "
                   "<code>storyline articles</code> lists all.</p>")
    out.append("<table><tr><th>published</th><th>outlet</th><th>title</th><th>removed</th></tr>")
    for item in report["articles"]:
        outlet = escape(item["outlet"] or "—")
        if item["origin_outlet"]:
            outlet += f"<br><span class='muted'>origin: {escape(item['origin_outlet'])}</span>"
        removed = "".join(
            f"<div class='rm'>[{escape(r['rule'])}] {escape(_short(r['text']))}</div>"
            for r in item["removed"]
        ) or "<span class='muted'>nothing</span>"
        out.append(
            f"<tr id='{escape(item['id'])}'><td>{escape(item['published'] or 'unknown')}</td>"
            f"<td>{outlet}</td><td>{escape(item['title'] or '(untitled)')}<br>"
            f"<code class='muted'>{escape(item['id'])}</code> "
            f"<span class='muted'>{escape(item['source'])}</span></td><td>{removed}</td></tr>"
        )
    out.append("</table></body></html>")
    return "\n".join(out)


def _refs(article_ids: list[str], outlets: dict[str, str | None]) -> str:
    """Links to the articles, one per outlet ("Harbor Daily ×2" when it carried several)."""
    by_outlet: dict[str, list[str]] = {}
    for article_id in dict.fromkeys(article_ids):
        by_outlet.setdefault(outlets.get(article_id) or "outlet unknown", []).append(article_id)
    return ", ".join(
        f"<a href='#{escape(ids[0])}' title='{escape(' '.join(ids))}'>{escape(outlet)}</a>"
        + (f" ×{len(ids)}" if len(ids) > 1 else "")
        for outlet, ids in by_outlet.items()
    )


def _render_story(story: dict[str, Any], outlets: dict[str, str | None]) -> list[str]:
    dates = story["first_date"] or "date unknown"
    if story["last_date"] and story["last_date"] != story["first_date"]:
        dates += f" … {story['last_date']}"
    out = [f"<section class='story' id='{escape(story['id'])}'>",
           f"<h2>{escape(story['title'])}</h2>",
           f"<p class='muted'>{escape(dates)} · <code>{escape(story['id'])}</code></p>",
           "<h3>Timeline</h3><table>"]
    for event in story["events"]:
        carriers = _refs(_members(event), outlets)
        reported = event.get("reported_date")
        happened = (f"<br><span class='muted'>happened {escape(reported['date'])}</span>"
                    if reported else "")
        out.append(f"<tr><td>{escape(event['date'] or 'date unknown')}{happened}</td>"
                   f"<td>{escape(event['title'])}<br>"
                   f"<span class='muted'>{carriers}</span></td></tr>")
    out.append("</table>")
    if story["cited_sources"]:
        out.append("<h3>Sources the articles cite</h3><ul>")
        for outlet, citing in story["cited_sources"].items():
            refs = _refs([c["article_id"] for c in citing], outlets)
            out.append(f"<li><b>{escape(outlet)}</b>, cited by {len(citing)}: {refs}</li>")
        out.append("</ul>")
    if story["quotes"]:
        out.append(f"<h3>Who said what ({story['quote_count']} quotes)</h3>")
        for quote in story["quotes"]:
            who = quote["speaker"] or {}
            name = who.get("name") or who.get("description") or "unattributed"
            via = f" via {quote['via']}" if quote["via"] else ""
            refs = _refs([o["article_id"] for o in quote["occurrences"]], outlets)
            words = escape(_short(quote["content"], 300))
            # Only a direct quote is the speaker's own words; reported speech is the article's.
            words = f"“{words}”" if quote["kind"] == "direct" else f"<i>{words}</i>"
            out.append(f"<blockquote>{words}<br>"
                       f"<span class='muted'>— {escape(name)}{escape(via)} ({quote['kind']}); "
                       f"in {refs}</span></blockquote>")
    if story["claims"]:
        out.append(f"<h3>Claims ({story['claim_count']})</h3><ul>")
        for claim in story["claims"]:
            refs = _refs(claim["articles"], outlets)
            cited = (f"; citing {escape(', '.join(claim['cited_sources']))}"
                     if claim["cited_sources"] else "")
            conflict = (f" <b>conflicts with {len(claim['conflicts_with'])} other claim(s)</b>"
                        if claim["conflicts_with"] else "")
            out.append(f"<li>{escape(_short(claim['text'], 300))}<br><span class='muted'>"
                       f"{escape(claim['first_date'] or 'undated')}; carried by {refs}{cited}"
                       f"</span>{conflict}</li>")
        out.append("</ul>")
    out.append("</section>")
    return out


def write_report(store: Store, result: IngestResult, out_dir: str | Path) -> Path:
    """Write ``report.json`` and ``report.html`` into ``out_dir``; returns the HTML path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = build_report(store, result)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    page = out / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return page


def _summary(run: dict[str, Any], store: dict[str, Any]) -> str:
    stories = f"{store['stories']} stor{'y' if store['stories'] == 1 else 'ies'}"
    return (f"This run read {run['read']} articles from {len(run['inputs'])} input path(s): "
            f"{run['ingested']} new, {run['duplicates']} already stored, "
            f"{run['skipped']} inputs skipped. The store holds {store['articles']} articles "
            f"in {stories}.")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
