"""py3langid's identifier is loaded through storyline's cache: the same answers, the model
read once, and a cache that cannot be used changes nothing but the time."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid.langid import LanguageIdentifier

from storyline.clean.language_model import cache_directory, load_identifier

SAMPLES = [
    "Dockers at Port Amsel walked off the job on Monday, the union said.",
    "Les dockers du port d'Amsel ont cessé le travail lundi, selon le syndicat.",
    "Die Hafenarbeiter in Amsel haben am Montag die Arbeit niedergelegt.",
    "Shr 45 cts vs 58 cts Net 1.1 mln vs 829,000",
]


def _answers(identifier) -> list[tuple[str, float]]:
    return [identifier.classify(sample) for sample in SAMPLES]


def _refuse(*args, **kwargs):
    raise AssertionError("the model was loaded, not read from the cache")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("STORYLINE_CACHE", str(directory))
    return directory


def test_a_cached_identifier_answers_as_the_model_does(cache, monkeypatch) -> None:
    loaded = load_identifier()
    assert [p.name.startswith("py3langid-") for p in cache.iterdir()] == [True]
    monkeypatch.setattr(LanguageIdentifier, "from_model_file", _refuse)
    cached = load_identifier()
    assert cached is not loaded
    assert _answers(cached) == _answers(loaded)


def test_a_damaged_cache_file_is_loaded_past_and_written_again(cache) -> None:
    load_identifier()
    (written,) = cache.iterdir()
    written.write_bytes(b"not a pickle")
    identifier = load_identifier()
    assert identifier.classify(SAMPLES[0])[0] == "en"
    assert written.stat().st_size > 1_000_000


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setenv("STORYLINE_CACHE", str(blocker / "cache"))
    assert load_identifier().classify(SAMPLES[0])[0] == "en"
    assert blocker.read_text().startswith("a file")


def test_an_empty_setting_turns_the_cache_off(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("STORYLINE_CACHE", "")
    assert cache_directory() is None
    monkeypatch.delenv("STORYLINE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_directory() == tmp_path / "storyline"


def test_no_home_directory_means_no_cache(monkeypatch) -> None:
    monkeypatch.delenv("STORYLINE_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", homeless)
    assert load_identifier().classify(SAMPLES[0])[0] == "en"
