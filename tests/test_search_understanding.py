from postings.search.understanding import Vocabulary, normalize, read_query

BOARD = Vocabulary.of(
    places=[("London", 1), ("New York", 2), ("United Kingdom", 3)],
    companies=[("Spotify", "spotify")],
)


def test_a_place_an_arrangement_and_leftover_words_are_read_apart():
    reading = read_query("remote London ranking", BOARD)
    assert reading.facets == {"arrangement": ["remote"], "location": ["1"], "area": ["ranking"]}
    assert reading.leftover == ""


def test_words_the_board_does_not_know_are_left_for_full_text_search():
    reading = read_query("remote London transformers", BOARD)
    assert reading.facets == {"arrangement": ["remote"], "location": ["1"]}
    assert reading.leftover == "transformers"
    assert reading.explanation == "Showing remote internships in London matching ‘transformers’"


def test_degree_season_and_year_narrow_together():
    reading = read_query("phd summer 2026", BOARD)
    assert reading.facets == {"degree": ["phd"], "season": ["summer"], "year": ["2026"]}


def test_abbreviations_name_research_areas_as_the_posting_reader_knows_them():
    reading = read_query("NLP LLM CV RL recsys", BOARD)
    assert reading.facets["area"] == [
        "natural-language-processing",
        "large-language-models",
        "computer-vision",
        "reinforcement-learning",
        "recommender-systems",
    ]


def test_apostrophes_accents_and_punctuation_do_not_matter():
    assert read_query("Master’s", BOARD).facets == {"degree": ["masters"]}
    assert read_query("master's", BOARD).facets == {"degree": ["masters"]}
    assert read_query("(nlp)", BOARD).facets == {"area": ["natural-language-processing"]}
    assert normalize("ai/ml ml-ops Zürich") == "ai ml ml ops zurich"


def test_the_longest_phrase_wins_and_companies_are_understood():
    reading = read_query("spotify new york", BOARD)
    assert reading.facets == {"company": ["spotify"], "location": ["2"]}


def test_nothing_understood_leaves_the_query_as_typed_words():
    reading = read_query("attention is all you need", BOARD)
    assert reading.facets == {}
    assert reading.leftover == "attention is all you need"
    assert reading.explanation == ""
