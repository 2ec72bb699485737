"""Ingest throughput and peak memory on the shared benchmark sets.

Runs the real command (`python -m storyline ingest PATH --db TMP --json`) in a child process for
each set, so the figures include start-up, reading, cleaning, metadata, identity and storage,
and the peak memory is that process's own (ru_maxrss from wait4).

    python benchmarks/ingest.py [--shared ../shared] [--workers 1] [--sets reuters,html]

Prints one table row per set: records found, stored, duplicates, skipped (with reasons),
seconds, articles/s and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SETS = {
    "reuters": "data/reuters21578/articles.jsonl",
    "html": "data/article-extraction/html",
}


def measure(path: Path, workers: int) -> dict:
    """Ingest ``path`` into a fresh temporary store in a child process; time it and its memory."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            sys.executable,
            "-m",
            "storyline",
            "ingest",
            str(path),
            "--db",
            str(Path(tmp) / "bench.db"),
            "--json",
            "--workers",
            str(workers),
        ]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        output = child.stdout.read() if child.stdout else b""
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"ingest of {path} failed with exit code {child.returncode}")
    result = json.loads(output)
    result["wall_seconds"] = seconds
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    return result


def count_records(path: Path) -> int:
    if path.is_dir():
        return sum(1 for p in path.rglob("*") if p.is_file())
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sets", default=",".join(SETS))
    args = parser.parse_args()
    names = [n for n in args.sets.split(",") if n]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, workers={args.workers}"
    )
    header = (
        f"{'set':<9}{'records':>9}{'stored':>8}{'dupl.':>7}{'skipped':>9}{'seconds':>9}"
        f"{'art/s':>8}{'peak MB':>9}  skipped by reason"
    )
    print(header)
    print("-" * len(header))
    for name in names:
        path = args.shared / SETS[name]
        if not path.exists():
            print(f"{name:<9} not run: {path} is absent (benchmarks read ../shared)")
            continue
        result = measure(path, args.workers)
        rate = result["read"] / result["wall_seconds"]
        print(
            f"{name:<9}{count_records(path):>9}{result['ingested']:>8}{result['duplicates']:>7}"
            f"{result['skipped']:>9}{result['wall_seconds']:>9.1f}{rate:>8.0f}"
            f"{result['peak_rss_mb']:>9.0f}  {result['skipped_by_reason'] or '-'}"
        )


if __name__ == "__main__":
    main()
