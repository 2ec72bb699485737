"""py3langid's language identifier, loaded through a local cache.

py3langid ships its model LZMA-compressed (4.5 MB); decompressing it takes most of the 0.7 s
a load costs, and every ingest with workers loads it before it starts. The identifier is
therefore kept, once loaded, as a pickle in storyline's cache directory, which loads in
0.09-0.13 s. The cache is an optimisation only:

- its file is named after the versions of py3langid and numpy and the model file's size
  and modification time, so an upgraded package or model is loaded afresh (old files stay
  until removed);
- it is written to a temporary file and renamed, so a reader never sees half a file;
- a cache that cannot be read or written (read-only home, full disk, a damaged file) falls
  back to loading the model as py3langid does, silently.

Where: ``STORYLINE_CACHE`` when set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/storyline``, else ``~/.cache/storyline``. The file takes about 70 MB.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["cache_directory", "load_identifier"]


def cache_directory() -> Path | None:
    """Where storyline keeps what it derives from shipped models (None: no cache)."""
    chosen = os.environ.get("STORYLINE_CACHE")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline"


def load_identifier() -> Any:
    """py3langid's identifier with normalised probabilities (a sure answer is told from a
    doubtful one), from the cache when it holds this version of the model."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_DIR) / MODEL_FILE
    cached = _cache_file(model)
    if cached is not None:
        with contextlib.suppress(Exception):  # missing or damaged: load the model
            with cached.open("rb") as handle:
                identifier = pickle.load(handle)
            if isinstance(identifier, LanguageIdentifier):
                return identifier
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if cached is not None:
        _write(cached, identifier)
    return identifier


def _cache_file(model: Path) -> Path | None:
    try:  # no home directory to be found, say: no cache
        directory = cache_directory()
        if directory is None:
            return None
        versions = f"{metadata.version('py3langid')}-numpy{metadata.version('numpy')}"
        stat = model.stat()
    except Exception:
        return None
    return directory / f"py3langid-{versions}-{stat.st_size}-{stat.st_mtime_ns}.pickle"


def _write(path: Path, identifier: Any) -> None:
    """Pickle ``identifier`` to ``path`` through a temporary file; give up on any error."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(identifier, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
    except Exception:
        return
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
