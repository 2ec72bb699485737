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
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Processes for the per-article stages (0: one per CPU core; 1: all in this one).",
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


_embeddings_option = click.option(
    "--embeddings", is_flag=True,
    help="Group with sentence embeddings too (the embeddings extra: MiniLM, on the CPU).")


class _Commands(click.Group):
    """Commands whose "no such database / article / story" errors become one line on stderr
    and exit status 1, so no command needs its own try/except."""

    def invoke(self, ctx: click.Context) -> Any:
        from storyline.extract.entities import ModelMissingError
        from storyline.group.embeddings import EmbeddingsMissingError
        from storyline.timeline import StoryNotFound

        try:
            return super().invoke(ctx)
        except (FileNotFoundError, query.ArticleNotFound, StoryNotFound,
                ModelMissingError, EmbeddingsMissingError) as error:
            _fail(str(error))


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
    records = query.articles(db)
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
    record = query.article(article_id, db)
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
    hits = query.search(text, db, limit=limit)
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
@click.option("--nlp", is_flag=True,
              help="Also type entities with the spaCy model of the nlp extra.")
@_embeddings_option
def run_command(paths: tuple[str, ...], db: str, out: str, as_json: bool, workers: int,
                nlp: bool, embeddings: bool) -> None:
    """The main job: ingest PATHS, analyse everything stored, and write a report."""
    from storyline.run import run

    outcome = run(paths, db, out, workers=workers, progress=_show_progress(as_json),
                  use_model=nlp, embeddings=embeddings)
    _report_ingest(outcome.ingest, as_json)
    if outcome.report is None:
        _fail("nothing could be read; no report written")
    if not as_json:
        click.echo(f"report: {outcome.report}")


# -- events and stories ------------------------------------------------------------------


def _dates(first: str | None, last: str | None) -> str:
    if not first:
        return "date unknown"
    return first if not last or last == first else f"{first} … {last}"


@main.command("stories")
@_db_option
@_json_option
def stories_command(db: str, as_json: bool) -> None:
    """List stories, newest activity first."""
    from storyline import timeline

    records = timeline.stories(db)
    if as_json:
        _print_json(records)
        return
    for record in records:
        count = len(record["events"])
        click.echo(f"{record['id']}  {_dates(record['first_date'], record['last_date']):<23}  "
                   f"{count:>3} event{'' if count == 1 else 's'}  {record['title']}")
    click.echo(f"{len(records)} stor{'y' if len(records) == 1 else 'ies'}")


@main.command("story")
@click.argument("story_id")
@_db_option
@_json_option
def story_command(story_id: str, db: str, as_json: bool) -> None:
    """Show a story's timeline: its events in date order."""
    from storyline import timeline

    record = timeline.story(story_id, db)
    if as_json:
        _print_json(record)
        return
    click.echo(f"{record['id']}  {record['title']}")
    click.echo(f"{_dates(record['first_date'], record['last_date'])}, "
               f"{len(record['events'])} events")
    for item in record["events"]:
        count = len(item["articles"]) + sum(len(c) for c in item.get("copies", {}).values())
        outlets = ", ".join(item.get("outlets") or []) or "outlet unknown"
        click.echo(f"  {item['date'] or 'undated   '}  {item['id']}  {item['title']}")
        click.echo(f"              {count} article{'' if count == 1 else 's'}: {outlets}")


@main.command("event")
@click.argument("event_id")
@_db_option
@_json_option
def event_command(event_id: str, db: str, as_json: bool) -> None:
    """Show an event: its articles, copies, outlets and dates."""
    from storyline import timeline

    record = timeline.event(event_id, db)
    if as_json:
        _print_json(record)
        return
    details = {a["id"]: a for a in record["article_details"]}
    inferred = set(record.get("inferred_dates") or [])
    click.echo(f"{record['id']}  {record['title']}")
    click.echo(f"Date:   {_dates(record['first_date'], record['last_date'])}")
    reported = record.get("reported_date")
    if reported:
        count = len(reported["articles"])
        click.echo(f"Happened: {reported['date']} (the day {count} of its articles name)")
    click.echo(f"Story:  {record.get('story') or '-'}")
    copies = record.get("copies", {})
    copy_ids = {c for group in copies.values() for c in group}
    for article_id in record["articles"]:
        if article_id in copy_ids:
            continue  # shown under the article it copies
        click.echo("  " + _article_line(details[article_id])
                   + ("  (date inferred)" if article_id in inferred else ""))
        for copy in copies.get(article_id, []):
            click.echo("      copy: " + _article_line(details[copy]))


# -- who said what ----------------------------------------------------------------------

_story_option = click.option("--story", "story", default=None, help="Only this story.")


@main.command("quotes")
@_story_option
@click.option("--article", "article", default=None, help="Only this article.")
@click.option("--speaker", default=None, help="Only quotes whose speaker matches NAME.")
@_db_option
@_json_option
def quotes_command(story: str | None, article: str | None, speaker: str | None, db: str,
                   as_json: bool) -> None:
    """Who said what: quotes with speaker, cue and the outlet they came through."""
    from storyline import findings

    records = _finding(findings.quotes, db, story=story, article=article, speaker=speaker)
    if as_json:
        _print_json(records)
        return
    for quote in records:
        who = quote["speaker"] or {}
        name = who.get("name") or who.get("description") or "unattributed"
        if who.get("name") and who.get("description"):
            name += f" ({who['description']})"
        via = f" via {quote['via']}" if quote["via"] else ""
        click.echo(f"{quote['id']}  {quote['kind']:<8}  {name}{via}")
        click.echo(f"    {_short(quote['content'], 160)!r}")
        carriers = ", ".join(f"{o['article_id']} ({o['outlet'] or 'outlet unknown'})"
                             for o in quote["occurrences"])
        click.echo(f"    in {carriers}")
    click.echo(f"{len(records)} quote{'' if len(records) == 1 else 's'}")


@main.command("entities")
@_story_option
@_db_option
@_json_option
def entities_command(story: str | None, db: str, as_json: bool) -> None:
    """People, organisations and places, one canonical name each, with the aliases seen."""
    from storyline import findings

    records = _finding(findings.entities, db, story=story)
    if as_json:
        _print_json(records)
        return
    for entity in records:
        aliases = f"  (also: {', '.join(entity['aliases'])})" if entity["aliases"] else ""
        click.echo(f"{entity['id']}  {entity['type']:<6}  {len(entity['mentions']):>4}  "
                   f"{entity['name']}{aliases}")
    click.echo(f"{len(records)} entit{'y' if len(records) == 1 else 'ies'}")


@main.command("sources")
@_story_option
@_db_option
@_json_option
def sources_command(story: str | None, db: str, as_json: bool) -> None:
    """Outlets the articles cite as their sources, beside each article's own outlet."""
    from storyline import findings

    records = _finding(findings.cited_sources, db, story=story)
    if as_json:
        _print_json(records)
        return
    by_outlet: dict[str, dict[str, str | None]] = {}
    for source in records:
        by_outlet.setdefault(source["outlet"], {})[source["article_id"]] = source[
            "article_outlet"]
    for outlet, citing in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        click.echo(f"{outlet}: cited by {len(citing)} article{'' if len(citing) == 1 else 's'}")
        for article_id, own in citing.items():
            click.echo(f"    {article_id}  {own or 'outlet unknown'}")
    click.echo(f"{len(by_outlet)} cited outlet{'' if len(by_outlet) == 1 else 's'}")


@main.command("claims")
@click.option("--story", "story", required=True, help="The story whose claims to show.")
@_db_option
@_json_option
def claims_command(story: str, db: str, as_json: bool) -> None:
    """Claims of a story with the outlets that carry them; conflicting claims are linked."""
    from storyline import findings

    records = _finding(findings.claims, db, story=story)
    if as_json:
        _print_json(records)
        return
    for claim in records:
        outlets = ", ".join(o for o in claim["outlets"] if o) or "outlet unknown"
        cited = f"; cites {', '.join(claim['cited_sources'])}" if claim["cited_sources"] else ""
        click.echo(f"{claim['id']}  {claim['first_date'] or 'undated'}  "
                   f"{len(claim['articles'])} article(s): {outlets}{cited}")
        click.echo(f"    {_short(claim['text'], 200)}")
        if claim["conflicts_with"]:
            click.echo(f"    conflicts with: {', '.join(claim['conflicts_with'])}")
    click.echo(f"{len(records)} claim{'' if len(records) == 1 else 's'}")


def _finding(function: Any, db: str, **scope: Any) -> Any:
    if function.__name__ == "claims":
        return function(scope["story"], db)
    return function(db, **scope)


# -- evaluation ---------------------------------------------------------------------------


@main.group("eval")
def eval_group() -> None:
    """Measure storyline on labelled data (the shared benchmark sets or your own)."""


def _print_scores(result: dict[str, Any], as_json: bool) -> None:
    skipped = result.get("skipped")
    if isinstance(skipped, list):  # reasons, one per unreadable input line: on stderr
        for skip in skipped:
            click.echo(f"skipped: {skip}", err=True)
        result["skipped"] = len(skipped)
    if as_json:
        _print_json(result)
        return
    for key, value in result.items():
        shown = value
        if isinstance(value, float):  # scores to 4 places, rates to 1
            shown = f"{value:.4f}" if abs(value) < 10 else f"{value:.1f}"
        click.echo(f"{key:<20} {shown}")


_existing = click.Path(exists=True, dir_okay=False)


@eval_group.command("clusters")
@click.option("--articles", required=True, type=_existing, help="Articles (JSONL).")
@click.option("--gold", required=True, type=_existing, help="Gold TSV: id, event, story.")
@click.option("--level", type=click.Choice(["event", "story"]), default="event",
              show_default=True)
@_json_option
@_embeddings_option
def eval_clusters_command(articles: str, gold: str, level: str, as_json: bool,
                          embeddings: bool) -> None:
    """Score events or stories against gold clusters (B-cubed, pairwise, ARI, AMI)."""
    from storyline.evaluate.clusters import evaluate_clusters
    from storyline.group.embeddings import load_embedder

    embedder = load_embedder() if embeddings else None
    _print_scores(evaluate_clusters(articles, gold, level=level, embedder=embedder), as_json)


@eval_group.command("quotes")
@click.option("--articles", required=True, type=_existing, help="Articles (JSONL).")
@click.option("--gold", required=True, type=_existing, help="Gold attributions (JSONL).")
@_json_option
def eval_quotes_command(articles: str, gold: str, as_json: bool) -> None:
    """Score quote finding against gold attributions (content spans, speakers)."""
    from storyline.evaluate.quotes import evaluate_quotes

    _print_scores(evaluate_quotes(articles, gold), as_json)


@eval_group.command("timex")
@click.option("--gold", required=True, type=_existing, help="Gold time expressions (JSONL).")
@_json_option
def eval_timex_command(gold: str, as_json: bool) -> None:
    """Score date finding and resolution against gold TIMEX3 annotations."""
    from storyline.evaluate.timex import evaluate_timex

    _print_scores(evaluate_timex(gold), as_json)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
