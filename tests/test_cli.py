"""The CLI through click's runner: exact output, JSON shapes, exit codes."""

import json
import subprocess
import sys

from click.testing import CliRunner

import storyline
from storyline.cli import main

ARTICLE = (
    "Title: Port Amsel terminal reopens\n"
    "URL: https://quayside-notes.example/2026/03/21/terminal-reopens\n"
    "Port Amsel terminal reopens\n"
    "The container terminal at Port Amsel reopened on Saturday after a three-week strike, "
    "the port authority said.\n"
    "Share\n"
)


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_ingest_prints_one_summary_line_and_skips_on_stderr(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = tmp_path / "s.db"
    result = invoke("ingest", tmp_path / "a.txt", tmp_path / "nope.txt", "--db", db)
    assert result.exit_code == 0
    assert result.stdout == "ingested 1 article, 0 duplicates, 1 skipped (1 read)\n"
    assert result.stderr == f"skipped: {tmp_path / 'nope.txt'}: no such file or folder\n"
    again = invoke("ingest", tmp_path / "a.txt", "--db", db)
    assert again.stdout == "ingested 0 articles, 1 duplicate, 0 skipped (1 read)\n"


def test_ingest_fails_only_when_nothing_could_be_read(tmp_path):
    result = invoke("ingest", tmp_path / "nope.txt", "--db", tmp_path / "s.db")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "error: nothing could be read"


def test_ingest_json(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = invoke("ingest", tmp_path, "--db", tmp_path.parent / f"{tmp_path.name}.db", "--json")
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("read", "ingested", "duplicates", "skipped")} == {
        "read": 1,
        "ingested": 1,
        "duplicates": 0,
        "skipped": 0,
    }


def test_articles_article_and_search(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = tmp_path / "s.db"
    invoke("ingest", tmp_path / "a.txt", "--db", db)
    [record] = storyline.articles(db)
    article_id = record["id"]

    listing = invoke("articles", "--db", db)
    # an unknown domain gives no outlet: shown as "-", never guessed
    assert listing.stdout == (
        f"{article_id}  undated     -                       Port Amsel terminal reopens\n"
        "1 article\n"
    )

    records = json.loads(invoke("articles", "--db", db, "--json").stdout)
    assert set(records[0]) >= {
        "id",
        "external_id",
        "title",
        "outlet",
        "origin_outlet",
        "published",
        "language",
        "url",
        "source",
        "text",
    }
    assert records[0]["url"] == "https://quayside-notes.example/2026/03/21/terminal-reopens"
    assert records[0]["language"] == "en"

    page = invoke("article", article_id[:8], "--db", db).stdout.splitlines()
    assert page[0] == article_id
    assert page[1] == "Title:     Port Amsel terminal reopens"
    assert "The container terminal at Port Amsel reopened on Saturday" in "\n".join(page)
    removed = page[page.index(next(line for line in page if line.startswith("Removed ("))) :]
    assert any("'Share'" in line for line in removed)

    detail = json.loads(invoke("article", article_id, "--db", db, "--json").stdout)
    assert {r["rule"] for r in detail["removals"]} >= {"headline"}
    assert detail["inputs"][0]["source"] == str(tmp_path / "a.txt")

    hits = invoke("search", "terminal strike", "--db", db)
    assert hits.stdout.splitlines()[0].startswith(article_id)
    assert hits.stdout.splitlines()[-1] == "1 match"
    assert json.loads(invoke("search", "nothingmatches", "--db", db, "--json").stdout) == []


def test_errors_for_a_missing_database_or_article(tmp_path):
    missing = invoke("articles", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("error: no storyline database at ")
    (tmp_path / "a.txt").write_text(ARTICLE)
    invoke("ingest", tmp_path / "a.txt", "--db", tmp_path / "s.db")
    unknown = invoke("article", "ar_doesnotexist", "--db", tmp_path / "s.db")
    assert (unknown.exit_code, unknown.stderr) == (1, "error: no article 'ar_doesnotexist'\n")


def test_run_writes_the_report(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    out = tmp_path / "report"
    result = invoke("run", tmp_path / "in", "--db", tmp_path / "s.db", "--out", out)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "ingested 1 article, 0 duplicates, 0 skipped (1 read)",
        f"report: {out / 'report.html'}",
    ]
    report = json.loads((out / "report.json").read_text())
    assert report["run"]["ingested"] == 1
    assert "Port Amsel terminal reopens" in (out / "report.html").read_text()


def test_run_that_reads_nothing_fails_without_writing_a_report(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    db, out = tmp_path / "s.db", tmp_path / "report"
    invoke("ingest", tmp_path / "a.txt", "--db", db)  # a store with something in it
    result = invoke("run", tmp_path / "nope.txt", "--db", db, "--out", out)
    assert result.exit_code == 1
    assert result.stdout == "ingested 0 articles, 0 duplicates, 1 skipped (0 read)\n"
    assert result.stderr.splitlines() == [
        f"skipped: {tmp_path / 'nope.txt'}: no such file or folder",
        "error: nothing could be read; no report written",
    ]
    assert not out.exists()
    outcome = storyline.run([tmp_path / "nope.txt"], db, out)
    assert (outcome.grouping, outcome.annotation, outcome.report) == (None, None, None)
    assert not outcome.ingest.ok and not out.exists()


def test_python_dash_m_is_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "storyline", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("ingest", "articles", "article", "search", "run"):
        assert f"  {command} " in result.stdout
