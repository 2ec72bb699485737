"""The ``storyline`` command: thin adapters over the library functions of the same name."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from storyline import query
from storyline.ingest import IngestResult, ingest
from storyline.store import DEFAULT_DB

__all__ = ["main"]

_db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="STORYLINE_DB",
    help="SQLite database file (created when missing).",
)
_json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
_workers_option = click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=0),
    help="Processes for the per-article stages (0: one per CPU core).",
)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _show_progress(as_json: bool) -> bool:
    return not as_json and sys.stderr.isatty()


def _report_ingest(result: IngestResult, as_json: bool) -> None:
    for skip in result.skipped:
        click.echo(f"skipped: {skip.source}: {skip.reason}", err=True)
    if as_json:
        _print_json(result.to_dict())
    else:
        click.echo(result.summary())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
def main() -> None:
    """storyline: turn news articles from many outlets into stories a reader can trust."""


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@_json_option
@_workers_option
def ingest_command(paths: tuple[str, ...], db: str, as_json: bool, workers: int) -> None:
    """Read PATHS (files, folders, globs, '-' for stdin), clean them and store them.

    Inputs that cannot be read are reported one line each and skipped; the exit status is
    non-zero only when nothing at all could be read.
    """
    result = ingest(paths, db, workers=workers, progress=_show_progress(as_json))
    _report_ingest(result, as_json)
    if not result.ok:
        _fail("nothing could be read")


@main.command("articles")
@_db_option
@_json_option
def articles_command(db: str, as_json: bool) -> None:
    """List stored articles, newest first."""
    try:
        records = query.articles(db)
    except FileNotFoundError as error:
        _fail(str(error))
    if as_json:
        _print_json(records)
        return
    for record in records:
        click.echo(_article_line(record))
    click.echo(f"{len(records)} article{'' if len(records) == 1 else 's'}")


@main.command("article")
@click.argument("article_id")
@_db_option
@_json_option
def article_command(article_id: str, db: str, as_json: bool) -> None:
    """Show one article (by id, id prefix or input id): clean text and what was removed."""
    try:
        record = query.article(article_id, db)
    except (FileNotFoundError, query.ArticleNotFound) as error:
        _fail(str(error))
    if as_json:
        _print_json(record)
        return
    click.echo(_article_page(record))


@main.command("search")
@click.argument("text")
@_db_option
@_json_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
def search_command(text: str, db: str, as_json: bool, limit: int) -> None:
    """Full-text search over titles and clean texts (FTS5 syntax welcome)."""
    try:
        hits = query.search(text, db, limit=limit)
    except FileNotFoundError as error:
        _fail(str(error))
    if as_json:
        _print_json(hits)
        return
    for hit in hits:
        click.echo(_article_line(hit))
        click.echo(f"    {' '.join(hit['snippet'].split())}")
    click.echo(f"{len(hits)} match{'' if len(hits) == 1 else 'es'}")


@main.command("run")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option(
    "--out",
    default="storyline-report",
    show_default=True,
    help="Folder for report.html and report.json.",
)
@_json_option
@_workers_option
def run_command(paths: tuple[str, ...], db: str, out: str, as_json: bool, workers: int) -> None:
    """The main job: ingest PATHS, analyse everything stored, and write a report."""
    from storyline.run import run

    outcome = run(paths, db, out, workers=workers, progress=_show_progress(as_json))
    _report_ingest(outcome.ingest, as_json)
    if not as_json:
        click.echo(f"report: {outcome.report}")
    if not outcome.ingest.ok:
        _fail("nothing could be read")


def _article_line(record: dict[str, Any]) -> str:
    date = (record.get("published") or "")[:10] or "undated   "
    outlet = (record.get("outlet") or "-")[:22]
    return f"{record['id']}  {date}  {outlet:<22}  {record.get('title') or '(untitled)'}"


def _article_page(record: dict[str, Any]) -> str:
    outlet = record["outlet"] or "unknown"
    if record["origin_outlet"]:
        outlet += f" (republished; origin: {record['origin_outlet']})"
    inputs = record["inputs"]
    more = f" (+{len(inputs) - 1} more inputs)" if len(inputs) > 1 else ""
    lines = [
        record["id"],
        f"Title:     {record['title'] or '(untitled)'}",
        f"Outlet:    {outlet}",
        f"Published: {record['published'] or 'unknown'}",
        f"Language:  {record['language'] or 'unknown'}",
        f"URL:       {record['url'] or '-'}",
        f"Source:    {record['source']}{more}",
        "",
        record["text"] or "",
        "",
    ]
    shown = [r for r in record["removals"] if r["rule"] not in query.QUIET_RULES]
    lines.append(f"Removed ({len(shown)}):")
    for removal in shown:
        text = " ".join(removal["text"].split())
        if len(text) > 100:
            text = text[:99] + "…"
        lines.append(f"  [{removal['rule']}] {removal['reason']}: {text!r}")
    return "\n".join(lines)
