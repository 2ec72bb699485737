"""Company names in grouping: a legal form ("Inc", "Corp") is never a name alone, and the
words before it are the company's name even in a title-case line. Wires send routine results
as tables under a templated title; without these rules two companies' tables share their only
"name" (``inc``) and the template, and join one event. The articles are invented."""

from __future__ import annotations

from storyline.group import Grouper
from storyline.group.features import DocumentFrequencies, extract_features, names
from storyline.model import Article


def _features(title: str, text: str):
    return extract_features(Article(source="test", format="text", title=title, text=text))


def test_a_legal_form_is_never_a_name_and_the_words_before_it_are() -> None:
    found = names("Velmora Harbour Corp <Vhc> 4Th Qtr Net")
    assert {"velmora", "harbour"} <= set(found)
    assert "corp" not in found
    assert "inc" not in names("Shares of Ostrey Mills Inc rose after Kessan Inc said so.")


def test_company_words_are_names_on_their_own_evidence_in_a_title_case_line() -> None:
    article = _features(
        "Velmora Harbour Corp <Vhc> 4Th Qtr Net",
        "Shr 1.12 dlrs vs 98 cts\nNet 14.2 mln vs 12.5 mln\nRevs 210.4 mln vs 188.9 mln",
    )
    # An empty stream has seen nothing: only capitals that say something count.
    found = DocumentFrequencies().stream_names(article)
    assert "velmora" in found
    assert "corp" not in found and "qtr" not in found


def test_the_company_run_stops_at_a_stopword_and_a_sentence() -> None:
    found = names("Reg Qtly Div Declared By Whirlpool Corp")
    assert "whirlpool" in found
    article = _features("Reg Qtly Div Declared By Whirlpool Corp", "Qtly div 20 cts vs 20 cts")
    stream = DocumentFrequencies().stream_names(article)
    assert "whirlpool" in stream and "declar" not in stream and "declared" not in stream
    # "Results." ends a sentence: the run before "Corp" starts after it.
    after = _features("Dock strike", "Results. Harbour Corp said profits fell.")
    assert "result" not in DocumentFrequencies().stream_names(after)


TABLE = (
    "Shr {0} dlrs vs {1} dlrs\nNet {2} mln vs {3} mln\nRevs {4} mln vs {5} mln\n"
    "Year\nShr {6} dlrs vs {7} dlrs\nNet {8} mln vs {9} mln"
)


def _report(aid: str, company: str, figures: tuple[str, ...], minute: int) -> Article:
    return Article(
        source=f"test:{aid}",
        format="jsonl",
        id=aid,
        title=f"{company} 4Th Qtr Net",
        body=TABLE.format(*figures),
        outlet="Wire",
        published=f"2031-02-26T15:{minute:02d}:00",
    )


def test_two_companies_results_tables_are_two_events() -> None:
    # Many companies' tables through one stream, as a wire sends them on one afternoon.
    companies = [
        ("Velmora Shipping Corp <Vsc>", ("1.12", "0.98", "14.2", "12.5", "210.4", "188.9")),
        ("Ostrey Mills Inc <Omi>", ("0.45", "0.51", "3.1", "3.6", "41.7", "39.2")),
        ("Kessan Foods Inc <Kfi>", ("2.03", "1.87", "22.9", "20.4", "388.1", "350.6")),
        ("Harbour Bancorp Inc <Hbi>", ("0.77", "0.70", "5.2", "4.8", "60.3", "58.8")),
        ("Adeyemi Steel Corp <Asc>", ("1.50", "1.21", "9.9", "8.0", "120.5", "99.4")),
        ("Lindqvist Paper Ltd <Lpl>", ("0.31", "0.40", "1.8", "2.4", "30.2", "31.9")),
    ]
    articles = [
        _report(f"r{i}", name, (*figures, "4.02", "3.71", "51.0", "47.2"), i)
        for i, (name, figures) in enumerate(companies)
    ]
    grouper = Grouper()
    grouper.add(articles)
    places = grouper.assignments()
    events = {places[a.id][0] for a in articles}
    assert len(events) == len(companies)
