import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from storyline.model import Article, Removal, restore_body


def cut(body: str, spans: list[tuple[int, int]]) -> Article:
    removals = [Removal(s, e, "rule", "reason", body[s:e]) for s, e in spans]
    text = "".join(
        body[prev_end:start]
        for (prev_end, start) in zip(
            [0] + [e for _, e in spans], [s for s, _ in spans] + [len(body)], strict=True
        )
    )
    return Article(source="t", format="text", body=body, text=text, removals=removals)


def test_offsets_map_between_text_and_body():
    article = cut("AAxxBBBBzzCC", [(2, 4), (8, 10)])
    assert article.text == "AABBBBCC"
    assert [article.to_body_offset(i) for i in range(len(article.text))] == [
        0,
        1,
        4,
        5,
        6,
        7,
        10,
        11,
    ]
    assert article.to_text_offset(5) == 3
    assert article.to_text_offset(3) == 2  # inside a removed span: where it was cut


@st.composite
def bodies_with_spans(draw):
    body = draw(st.text(min_size=0, max_size=60))
    cuts = sorted(draw(st.sets(st.integers(0, len(body)), max_size=6)))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]]
    return body, spans


@given(bodies_with_spans())
def test_restore_body_and_offsets_round_trip(case):
    body, spans = case
    article = cut(body, spans)
    assert restore_body(article.text, article.removals) == body
    for i, ch in enumerate(article.text):
        assert body[article.to_body_offset(i)] == ch
        assert article.to_text_offset(article.to_body_offset(i)) == i


def test_article_round_trips_through_dict():
    article = cut("Title\nBody text", [(0, 6)])
    article.meta = {"hints": {"date": "2026-03-01"}}
    again = Article.from_dict(article.to_dict())
    assert again == article


def test_removal_to_dict_has_every_field():
    # to_dict is spelled out for speed: a field added to Removal must be added there too.
    removal = Removal(3, 9, "read-next", "a link to another article", "Read next")
    assert removal.to_dict() == dataclasses.asdict(removal)
    assert Removal.from_dict(removal.to_dict()) == removal
