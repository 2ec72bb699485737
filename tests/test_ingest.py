"""The spine end to end: ingest through the default pipeline into SQLite, via the Python API."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storyline
from storyline.store import Store

STRIKE = (
    "Source: Harbor Daily\n"
    "Dockers strike at Port Amsel\n"
    "Dockers strike at Port Amsel\n"
    "Dockers at Port Amsel walked off the job on Monday, halting traffic at Veloria's "
    "largest container terminal, union leader Mara Ostrander said.\n"
    '"We will stay out until the ministry listens," Ostrander told reporters.\n'
    "Read Next:\n"
)
TALKS = (
    "Talks open between union and ports ministry\n"
    "Ports minister Jonas Feld met union representatives on Wednesday for a first round of "
    "talks, according to the Northwind Wire.\n"
)


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "strike.txt").write_text(STRIKE)
    (folder / "talks.txt").write_text(TALKS)
    rows = [
        {
            "id": "nw-17",
            "title": "Court orders arbitration in port dispute",
            "text": "A court in Port Amsel ordered both sides into arbitration on Friday.",
            "outlet": "Northwind Wire",
            "published": "2026-03-13T09:30:00+00:00",
            "url": "https://northwindwire.example/court",
        },
        {
            "id": "nw-18",
            "title": "Strike ends",
            "text": "",
            "outlet": "Northwind Wire",
            "published": "2026-03-20",
        },
    ]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return folder


def stored(db: Path) -> dict[str, dict]:
    return {a["id"]: a for a in storyline.articles(db)}


def test_ingest_stores_clean_articles_and_a_rerun_changes_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    db = tmp_path / "s.db"
    first = storyline.ingest([corpus], db)
    assert (first.read, first.added, first.duplicates, len(first.skipped)) == (4, 4, 0, 0)
    records = stored(db)
    strike = next(a for a in records.values() if a["title"] == "Dockers strike at Port Amsel")
    assert strike["outlet"] == "Harbor Daily"
    assert "Read Next" not in strike["text"]
    assert strike["text"].count("Dockers strike at Port Amsel") == 0
    assert "walked off the job on Monday" in strike["text"]
    court = next(a for a in records.values() if a["external_id"] == "nw-17")
    assert court["published"].startswith("2026-03-13") and court["source"].endswith("wire.jsonl:1")

    again = storyline.ingest([corpus], db)
    assert (again.read, again.added, again.duplicates) == (4, 0, 4)
    assert stored(db) == records


def test_the_same_article_from_another_format_is_a_duplicate_with_its_input_kept(tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "a.txt").write_text("Source: Harbor Daily\n" + TALKS)
    title, body = TALKS.split("\n", 1)
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "hd-9", "title": title, "text": body, "outlet": "Harbor Daily"}) + "\n"
    )
    result = storyline.ingest([tmp_path / "b.jsonl", tmp_path / "a.txt"], db)
    assert (result.added, result.duplicates) == (1, 1)
    [record] = storyline.articles(db)
    detail = storyline.article(record["id"], db)
    assert [i["source"] for i in detail["inputs"]] == [
        f"{tmp_path / 'b.jsonl'}:1",
        str(tmp_path / "a.txt"),
    ]
    assert storyline.article("hd-9", db)["id"] == record["id"]


def test_ids_do_not_depend_on_order_or_workers(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    paths = sorted(str(p) for p in corpus.iterdir())
    storyline.ingest(paths, tmp_path / "a.db")
    storyline.ingest(list(reversed(paths)), tmp_path / "b.db", workers=2, batch_size=1)
    assert set(stored(tmp_path / "a.db")) == set(stored(tmp_path / "b.db"))


def test_nothing_readable_is_not_ok_but_does_not_raise(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = storyline.ingest([tmp_path / "empty.txt", tmp_path / "missing"], tmp_path / "s.db")
    assert not result.ok
    assert [s.reason for s in result.skipped] == ["no such file or folder", "empty input"]


def test_the_run_is_recorded_with_its_counts(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    db = tmp_path / "s.db"
    storyline.ingest([corpus, tmp_path / "missing"], db)
    with Store(db) as store:
        run = store.last_run()
    counts = json.loads(run["counts"])
    assert counts["ingested"] == 4 and counts["skipped"] == 1
    assert json.loads(run["skipped"]) == [[str(tmp_path / "missing"), "no such file or folder"]]


def test_killed_mid_ingest_a_rerun_stores_every_article_once(tmp_path):
    lines = [
        json.dumps(
            {
                "id": f"x{i}",
                "title": f"Harbour bulletin {i}",
                "text": f"Bulletin number {i}: {i * 37 % 101} ships waited off Port Amsel.",
                "outlet": "Harbor Daily",
            }
        )
        for i in range(30000)
    ]
    source = tmp_path / "big.jsonl"
    source.write_text("\n".join(lines) + "\n")
    db = tmp_path / "s.db"
    command = [sys.executable, "-m", "storyline", "ingest", str(source), "--db", str(db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if db.exists() and _count(db) > 0:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = _count(db)
    if partial >= 30000:
        pytest.skip("the ingest finished before it could be killed on this machine")
    result = storyline.ingest([source], db)
    assert _count(db) == 30000
    assert result.added == 30000 - partial and result.duplicates == partial


def _count(db: Path) -> int:
    import sqlite3

    try:
        connection = sqlite3.connect(db, timeout=5)
        try:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def test_rows_are_stored_several_batches_at_a_time_and_none_is_left(tmp_path, monkeypatch):
    ingest_module = sys.modules["storyline.ingest"]  # storyline.ingest is also the function
    lines = [
        json.dumps({"id": f"b{i}", "title": f"Harbour bulletin {i}",
                    "text": f"Bulletin number {i}: {i * 7} ships waited off Port Amsel.",
                    "outlet": "Harbor Daily"})
        for i in range(7)
    ]
    source = tmp_path / "bulletins.jsonl"
    source.write_text("\n".join(lines) + "\n")
    written: list[int] = []
    add_rows = Store.add_rows

    def counting(self, rows):
        written.append(len(rows))
        return add_rows(self, rows)

    monkeypatch.setattr(Store, "add_rows", counting)
    monkeypatch.setattr(ingest_module, "STORE_BATCH_ROWS", 3)
    result = storyline.ingest([source], tmp_path / "s.db", batch_size=2)
    assert written == [4, 3]  # batches of 2 rows, written once 3 or more wait, then the rest
    assert result.added == 7 and len(stored(tmp_path / "s.db")) == 7
