"""Build the report of a run from the store, and write it as ``report.json`` + ``report.html``.

The report only shows what the store holds: every line points to an article id, and every
removal to the rule that made it.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from storyline.ingest import IngestResult
from storyline.query import QUIET_RULES, article_record
from storyline.store import Store

__all__ = ["build_report", "render_html", "write_report"]


def build_report(store: Store, result: IngestResult) -> dict[str, Any]:
    """The report as JSON-ready data: the run's summary and every stored article with its
    removals by rule."""
    items = []
    rules: Counter[str] = Counter()
    for item in store.iter_articles():
        shown = [r for r in item.removals if r.rule not in QUIET_RULES]
        rules.update(r.rule for r in shown)
        record = article_record(item)
        record.pop("text")
        record["words"] = len((item.text or "").split())
        record["removed"] = [
            {"rule": r.rule, "reason": r.reason, "text": r.text.strip()} for r in shown
        ]
        items.append(record)
    return {
        "run": result.to_dict(),
        "store": {"path": store.path, "articles": len(items)},
        "removals_by_rule": dict(rules.most_common()),
        "articles": items,
    }


def render_html(report: dict[str, Any]) -> str:
    """A self-contained HTML page of the report (no scripts, no external assets)."""
    run = report["run"]
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>storyline report</title><style>",
        "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}",
        "table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;text-align:left;"
        "border-bottom:1px solid #ddd;vertical-align:top}code{font-size:85%}",
        ".muted{color:#777}.rm{color:#a33;font-size:90%}",
        "</style></head><body>",
        "<h1>storyline report</h1>",
        f"<p>{escape(_summary(run))}</p>",
    ]
    if run["skips"]:
        out.append("<h2>Skipped inputs</h2><ul>")
        out += [
            f"<li><code>{escape(s['source'])}</code>: {escape(s['reason'])}</li>"
            for s in run["skips"]
        ]
        out.append("</ul>")
    out.append(f"<h2>Articles ({len(report['articles'])})</h2>")
    out.append("<table><tr><th>published</th><th>outlet</th><th>title</th><th>removed</th></tr>")
    for item in report["articles"]:
        outlet = escape(item["outlet"] or "—")
        if item["origin_outlet"]:
            outlet += f"<br><span class='muted'>origin: {escape(item['origin_outlet'])}</span>"
        removed = (
            "".join(
                f"<div class='rm'>[{escape(r['rule'])}] {escape(_short(r['text']))}</div>"
                for r in item["removed"]
            )
            or "<span class='muted'>nothing</span>"
        )
        out.append(
            f"<tr><td>{escape(item['published'] or 'unknown')}</td><td>{outlet}</td>"
            f"<td>{escape(item['title'] or '(untitled)')}<br><code class='muted'>"
            f"{escape(item['id'])}</code> <span class='muted'>{escape(item['source'])}</span>"
            f"</td><td>{removed}</td></tr>"
        )
    out.append("</table></body></html>")
    return "\n".join(out)


def write_report(store: Store, result: IngestResult, out_dir: str | Path) -> Path:
    """Write ``report.json`` and ``report.html`` into ``out_dir``; returns the HTML path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = build_report(store, result)
    (out / "report.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    page = out / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return page


def _summary(run: dict[str, Any]) -> str:
    return (
        f"{run['read']} articles read from {len(run['inputs'])} input path(s): "
        f"{run['ingested']} new, {run['duplicates']} already stored, "
        f"{run['skipped']} inputs skipped."
    )


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
