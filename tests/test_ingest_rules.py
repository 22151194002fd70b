"""The posting reader's hard rules, each on a small text (tests/ingest_corpus/README.md)."""

from datetime import date
from decimal import Decimal

from postings.ingest import Place, read_posting
from postings.ingest.document import LineKind
from postings.ingest.html_text import document_from_html

TITLE = "Machine Learning Intern, Summer 2026\n\n"


def read(body: str, **kwargs):
    return read_posting(TITLE + body, **kwargs)


def bands(reading):
    return [(b.minimum, b.maximum, b.currency, b.period) for b in reading.pay]


def test_a_relative_date_is_no_date_and_the_reader_says_so():
    reading = read("Posted 3 days ago\n\nYou will train ranking models.")
    assert reading.posted_on is None
    assert "posted_on" in reading.notes


def test_a_full_date_after_its_cue_is_the_date_in_any_usual_format():
    for written in ("March 15, 2026", "15 March 2026", "2026-03-15", "03/15/2026", "15.03.2026"):
        reading = read(f"You will train models.\n\nApplication deadline: {written}")
        assert reading.closes_on == date(2026, 3, 15), written


def test_a_date_that_reads_two_ways_is_left_out():
    reading = read("You will train models.\n\nApply by 03/04/2026")
    assert reading.closes_on is None
    assert "closes_on" in reading.notes


def test_bay_area_is_no_city():
    reading = read("Location: San Francisco Bay Area\n\nYou will train models.")
    assert reading.locations == []


def test_a_city_written_with_its_state_is_that_city():
    reading = read("Location: Portland, ME\n\nYou will train models.")
    assert reading.locations == [Place("Portland", "ME", "US")]


def test_city_names_that_are_words_stay_words():
    reading = read(
        "Nice to have\n- Reading papers on Mobile ranking\n\nSame as above.\n\n"
        "You will work in our Seattle office."
    )
    assert reading.locations == [Place("Seattle", "WA", "US")]


def test_nyc_is_new_york_and_a_neighbourhood_folds_into_its_city():
    reading = read("Location: NYC\n\nYou'll work from our Flatiron office two days a week.")
    assert reading.locations == [Place("New York", "NY", "US")]


def test_being_authorized_to_work_is_not_a_refusal_to_sponsor():
    reading = read("What we're looking for\n- Must be authorized to work in the US")
    assert reading.work_authorization == "not_stated"
    assert "work_authorization" in reading.notes


def test_refusing_and_offering_sponsorship_are_read_and_a_form_question_is_not():
    refused = read("You will not require visa sponsorship now or in the future.")
    offered = read("You will train models. Visa sponsorship is available for this role.")
    asked = read("You will train models.\n\nWill you now or in the future require sponsorship?")
    assert refused.work_authorization == "no_sponsorship"
    assert offered.work_authorization == "sponsorship_offered"
    assert asked.work_authorization == "not_stated"


def test_k_means_thousands():
    reading = read("You will train models.\n\nThe base salary range is $120K - $150K per year.")
    assert bands(reading) == [(Decimal(120000), Decimal(150000), "USD", "year")]


def test_a_european_thousands_dot_is_thousands():
    reading = read("You will train models.\n\nCompensation: 3.000 € gross per month")
    assert bands(reading) == [(Decimal(3000), Decimal(3000), "EUR", "month")]


def test_pay_with_no_period_is_yearly_from_15000_hourly_under_300_and_else_left_out():
    yearly = read("You will train models.\n\nSalary: $90,000")
    hourly = read("You will train models.\n\nPay: $45")
    unknown = read("You will train models.\n\nStipend: $7,000")
    assert bands(yearly)[0][3] == "year"
    assert bands(hourly)[0][3] == "hour"
    assert unknown.pay == [] and "pay" in unknown.notes


def test_dollars_are_canadian_when_every_place_is_in_canada():
    reading = read("Location: Toronto, ON\n\nYou will train models.\n\nPay: $30 per hour")
    assert bands(reading) == [(Decimal(30), Decimal(30), "CAD", "hour")]


def test_a_range_of_weeks_gives_its_lower_bound_and_months_become_weeks():
    assert read("You will join us for 10-12 weeks.").duration_weeks == 10
    assert read("You will join us for 6 months.").duration_weeks == 26
    assert read("You will need 3 months of experience with Python.").duration_weeks is None


def test_per_office_pay_bands_keep_their_office():
    reading = read(
        "Locations: San Francisco, CA; Austin, TX\n\nYou will train models.\n\n"
        "Pay\nSan Francisco: $55/hr; Austin: $48/hr"
    )
    assert [(b.minimum, b.place) for b in reading.pay] == [
        (Decimal(55), Place("San Francisco", "CA", "US")),
        (Decimal(48), Place("Austin", "TX", "US")),
    ]


def test_a_heading_with_nothing_under_it_gives_nothing():
    reading = read("What you'll do:\n\nWhat we're looking for:\n- Python\n")
    assert reading.requirements["responsibility"] == []
    assert reading.requirements["qualification"] == ["Python"]
    assert "responsibility" in reading.notes


def test_requirement_lines_keep_their_order_and_lose_their_bullets():
    reading = read("Responsibilities\n• Build features\n• Run experiments\n\nNice to have\n- JAX\n")
    assert reading.requirements["responsibility"] == ["Build features", "Run experiments"]
    assert reading.requirements["preferred"] == ["JAX"]


def test_html_headings_and_list_items_are_kept():
    html = (
        "<h2>About Acme</h2><p>Acme makes <b>robots</b>.</p>"
        "<p><strong>What you'll do</strong></p><ul><li>Train <a href='/x'>models</a></li></ul>"
    )
    document = document_from_html(html)
    assert [(line.text, line.kind) for line in document.lines] == [
        ("About Acme", LineKind.HEADING),
        ("Acme makes robots.", LineKind.TEXT),
        ("What you'll do", LineKind.HEADING),
        ("Train models", LineKind.ITEM),
    ]


def test_a_degree_only_preferred_does_not_widen_the_list():
    reading = read("Qualifications\n- Pursuing an MS in computer science (PhD preferred)")
    assert reading.degree_levels == ["masters"]


def test_research_areas_come_from_the_roles_own_words_and_synonyms():
    reading = read(
        "About Acme\nAcme builds computer vision products.\n\n"
        "Responsibilities\n- Build NLP and recsys models with LLMs\n- We search for bugs"
    )
    assert reading.research_areas == [
        "recommender-systems",
        "natural-language-processing",
        "large-language-models",
    ]


def test_two_seasons_or_an_internship_across_two_years_leave_them_empty():
    across = read_posting("Summer Internship Program 2026/27\n\nYou will train models.")
    assert across.year is None
    both = read_posting("ML Intern\n\nYou will join our summer 2026 or fall 2026 internship.")
    assert both.season == "" and "season" in both.notes


def test_a_text_that_offers_no_role_gives_nothing():
    reading = read_posting("Our interns built great things this summer in San Francisco.")
    assert reading.as_json()["title"] is None
    assert reading.locations == []
    assert not reading.is_posting and "posting" in reading.notes


def test_a_pay_block_per_office_takes_the_office_on_the_line_above():
    html = (
        "<h2>ML Intern</h2><p>You will build ads ranking models in New York or Seattle.</p>"
        "<p>Intern pay depends on the office you work from.</p>"
        "<div>New York City</div><div>$50 — $55 USD</div><div>Seattle</div><div>$48 — $52 USD</div>"
    )
    reading = read_posting(html)
    assert [(b.minimum, b.place) for b in reading.pay] == [
        (Decimal(50), Place("New York", "NY", "US")),
        (Decimal(48), Place("Seattle", "WA", "US")),
    ]
    assert reading.pay_note == "Intern pay depends on the office you work from."


def test_the_students_own_terms_are_not_the_internships():
    reading = read_posting(
        "Machine Learning Intern\n\nYou will train models for 12 weeks.\n\n"
        "Qualifications\n- Graduating in Spring 2027\n- Returning to school in the fall"
    )
    assert (reading.season, reading.year) == ("", None)


def test_a_company_named_like_a_town_is_the_company():
    reading = read_posting(
        "Student Researcher, Summer 2026\nGoogle\n\nMountain View, CA, USA\n\n"
        "You will do research. Google is an equal opportunity employer."
    )
    assert reading.company == "Google"
    assert reading.locations == [Place("Mountain View", "CA", "US")]


def test_the_companys_other_offices_are_not_the_internships():
    reading = read(
        "We have offices in London, Paris and Berlin.\n\n"
        "This internship is based in our London office."
    )
    assert reading.locations == [Place("London", "", "GB")]


def test_a_closing_cue_takes_the_date_after_it_not_another_date_of_the_line():
    reading = read("You will train models.\n\nStart date: June 1, 2026; deadline to be announced.")
    assert reading.closes_on is None
    assert reading.start_window == "June 1, 2026"


def test_other_peoples_degrees_do_not_open_the_posting_to_them():
    reading = read("You will work with PhD researchers on a PhD-level problem.")
    assert reading.degree_levels == []


def test_remote_in_two_countries_restricts_applicants_to_neither():
    assert (
        read("Location: Remote (US or Canada)\n\nYou will train models.").applicants_based_in == ""
    )
    assert read("Location: Remote - US\n\nYou will train models.").applicants_based_in == "US"


def test_a_one_word_label_the_text_also_writes_in_lowercase_is_that_word():
    reading = read_posting(
        "Machine Learning Intern\nInternship\nEnterprise\nSoftware Eng\n\n"
        "You will build models for our enterprise customers in our Seattle office."
    )
    assert reading.locations == [Place("Seattle", "WA", "US")]


def test_more_ways_of_writing_deadlines_durations_and_sponsorship():
    reading = read(
        "You will train models. Internships last a minimum of twelve (12) weeks.\n\n"
        "Visa sponsorship: No\n\nApply before 01-31-2026."
    )
    assert reading.duration_weeks == 12
    assert reading.work_authorization == "no_sponsorship"
    assert reading.closes_on == date(2026, 1, 31)


def test_recommendations_to_people_are_advice_not_recommender_systems():
    advice = read("You will present findings and recommendations to leadership.")
    topic = read("You will improve the recommendations on our home feed.")
    assert advice.research_areas == []
    assert topic.research_areas == ["recommender-systems"]


def test_a_topic_after_to_is_still_the_topic():
    reading = read("You will contribute to ranking and search relevance.")
    assert reading.research_areas == ["ranking", "search"]


def test_labelled_fields_in_capitals_read_like_any_other():
    reading = read_posting(
        "JOB TITLE: Machine Learning Intern\nLOCATION: Chicago, IL (Hybrid)\n"
        "DURATION: 10 weeks (June 8 – August 14, 2026)\n\nRESPONSIBILITIES:\n1. Build models\n\n"
        "HOW TO APPLY:\nSend your résumé by March 15, 2026."
    )
    assert reading.title == "Machine Learning Intern"
    assert reading.locations == [Place("Chicago", "IL", "US")]
    assert reading.arrangements == ["hybrid"]
    assert reading.duration_weeks == 10
    assert reading.requirements["responsibility"] == ["Build models"]
    assert reading.closes_on == date(2026, 3, 15)


def test_places_a_sentence_excludes_are_not_the_internships():
    reading = read(
        "Location: New York, NY\n\nYou will train models.\n\n"
        "Candidates in Toronto, ON or remote in Canada are not eligible."
    )
    assert reading.locations == [Place("New York", "NY", "US")]
    assert reading.arrangements == [] and reading.applicants_based_in == ""
