"""Names of full texts, as the stream writes their words: a surname that opens a sentence
counts once the stream has seen it written as a name; a title-case headline word that the
stream writes in lower case does not. The articles are invented."""

from __future__ import annotations

from storyline.group import Grouper
from storyline.group.events import article_vectors
from storyline.group.features import DocumentFrequencies, extract_features
from storyline.model import Article


def _features(title: str, text: str):
    return extract_features(Article(source="test", format="text", title=title, text=text))


def test_a_sentence_opening_surname_is_a_name_once_the_stream_writes_it_as_one() -> None:
    table = DocumentFrequencies()
    article = _features(
        "Port names new harbour master",
        "Okonkwo, 52, will run the harbour from June. She led the pilots' union for a decade.",
    )
    assert "okonkwo" not in article.names  # its capital opens a sentence: it says nothing
    assert "okonkwo" not in table.stream_names(article)
    table.add(_features("Harbour", "The board said Adaeze Okonkwo had the pilots' trust."))
    assert "okonkwo" in table.stream_names(article)


def test_a_title_case_word_the_stream_writes_in_lower_case_is_no_name() -> None:
    table = DocumentFrequencies()
    table.add(_features("Dock strike", "The strike halts work at the docks for a third day."))
    article = _features(
        "Crane Collapse Halts Work At Velmora Docks",
        "A crane fell onto a quay at the Velmora docks on Tuesday, the port authority said.",
    )
    assert "halt" in article.names  # a run of capitals in a title-case line
    names = table.stream_names(article)
    assert "halt" not in names and "velmora" in names


def test_a_name_after_a_title_or_an_initial_does_not_open_a_sentence() -> None:
    # The period of "Gov." or "Mt." or of an initial ends no sentence: the word after it is
    # a name from the first article on, with no help from the stream.
    article = _features(
        "Velmora port reopens",
        "The port reopened, Gov. Okonkwo said. Ships bound for Mt. Kessan and for Harriet "
        "J. Adeyemi's yard queued overnight. Crews worked through the night.",
    )
    assert {"okonkwo", "kessan", "adeyemi"} <= set(article.names)
    assert {"okonkwo", "kessan", "adeyemi"} <= set(DocumentFrequencies().stream_names(article))
    # A sentence that really ends still opens the next one: "Crews" is no name.
    assert "crew" not in article.names


def _dated(id_: str, title: str, text: str, day: int) -> Article:
    published = f"2031-06-{day:02d}T09:00:00+00:00"
    return Article(source="t", format="text", id=id_, title=title, text=text, published=published)


def test_full_text_vectors_use_the_names_the_stream_has_seen() -> None:
    grouper = Grouper()
    board = "The board said Adaeze Okonkwo had the trust of the pilots' union."
    grouper.add([_dated("first", "Harbour board meets", board, 1)])
    master = "Okonkwo, 52, will run the harbour from June, the board said on Monday."
    grouper.add([_dated("second", "Port names new harbour master", master, 2)])
    entry = grouper.state.entries["second"]
    assert entry.features is not None and not entry.features.headline_only
    assert "okonkwo" in article_vectors(grouper.state, entry)["names"]
