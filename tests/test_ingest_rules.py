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


def test_a_job_that_is_no_internship_gives_nothing_and_says_why():
    full_time = read_posting(
        "Senior Machine Learning Engineer\nSavannah, GA · Full-time\n\n"
        "What you'll do\n- Own our forecasting models\n- Mentor our summer interns\n\n"
        "Salary range: $165,000–$195,000 per year."
    )
    assert not full_time.is_posting and "full-time" in full_time.notes["posting"]
    assert full_time.pay == [] and full_time.requirements["responsibility"] == []
    addressed = read_posting(
        "Forecasting\n\nAs a Staff Data Scientist, you will lead our forecasting work.\n\n"
        "Requirements\n- 8+ years of experience"
    )
    assert not addressed.is_posting and "Staff Data Scientist" in addressed.notes["posting"]


def test_an_internship_whose_header_says_full_time_is_still_a_posting():
    reading = read_posting(
        "Machine Learning Intern\nBoston · Full-time\n\nResponsibilities\n- Train ranking models"
    )
    assert reading.is_posting and reading.title == "Machine Learning Intern"
    untitled = read_posting(
        "Boston · Full-time\n\nDuring this 12-week internship, you will train ranking models.\n\n"
        "Requirements\n- Python"
    )
    assert untitled.is_posting and untitled.duration_weeks == 12


def test_a_programme_page_listing_several_internships_gives_nothing():
    reading = read_posting(
        "Summer Internships 2026\n\nFor 10 weeks, you'll work on a real project.\n\n"
        "Data Science\nHartford, CT · PhD students · $48–$55/hour\nBuild pricing models.\n\n"
        "Software Engineering\nStamford, CT · Bachelor's students · $40–$46/hour\n"
        "Build our quoting engine.\n\n"
        "Requirements\n- Enrolled in a degree"
    )
    assert not reading.is_posting and "several internships" in reading.notes["posting"]
    assert reading.pay == [] and reading.season == ""


def test_one_internship_with_a_facts_line_is_a_posting():
    reading = read_posting(
        "Data Science Intern, Summer 2026\n\nYou will join one of two teams.\n\n"
        "Data Science\nHartford, CT · PhD students · $48–$55/hour\nBuild pricing models.\n\n"
        "Software\nStamford, CT · Bachelor's students\nBuild things."
    )
    assert reading.is_posting and reading.season == "summer"


def test_a_talent_community_sign_up_gives_nothing():
    reading = read_posting(
        "Join our Early Careers Talent Community\n\nYou'll hear about our internships first.\n\n"
        "First name *\nEmail *"
    )
    assert not reading.is_posting and "talent pool" in reading.notes["posting"]


def test_a_title_loses_its_dressing_and_the_facts_set_off_after_it():
    titles = {
        "📣 Hiring: Computer Vision Intern (Summer 2026)": "Computer Vision Intern (Summer 2026)",
        "[Remote] Data Science Intern": "Data Science Intern",
        "Machine Learning Intern (6 Months) – Dublin": "Machine Learning Intern (6 Months)",
        "ML Intern | Portland, OR | ONSITE | $42/hr": "ML Intern",
        "ML Intern – Computational Linguistics": "ML Intern – Computational Linguistics",
        "ML Intern | San Francisco, CA or New York, NY": "ML Intern",
        "ML Intern – NLP (Paris Team)": "ML Intern – NLP (Paris Team)",
    }
    for line, title in titles.items():
        assert read_posting(f"{line}\n\nYou will train models.").title == title


def test_a_company_after_an_at_sign_is_the_company_and_leaves_the_title():
    reading = read_posting("ML Intern @ Grauholz — Zürich (hybrid)\n\nYou will forecast demand.")
    assert (reading.title, reading.company) == ("ML Intern", "Grauholz")


def test_a_line_that_speaks_is_no_title_and_a_labelled_title_is_one():
    spoken = read_posting(
        "<p>What you'll do</p><ul><li>Train retrieval models</li></ul>"
        "<p><strong>Benefits</strong></p><ul><li><p>Interns earn $9,500 a month</p></li></ul>",
        html=True,
    )
    assert spoken.title == ""
    labelled = read_posting(
        "Job Title: Undergraduate Summer Research Assistant\nLocation: Providence, RI\n\n"
        "You will annotate speech data."
    )
    assert labelled.title == "Undergraduate Summer Research Assistant"


def read_role(body: str):
    return read("You will train ranking models.\n\n" + body)


def test_a_one_sided_amount_is_no_band():
    for line in (
        "Starting at $30/hour.",
        "Up to $50 an hour.",
        "$40/hr or more.",
        "From €2,000 a month.",
    ):
        assert read_role(line).pay == [], line
    assert bands(read_role("From $40 to $50 an hour.")) == [(40, 50, "USD", "hour")]


def test_a_legal_minimum_beside_the_pay_is_no_band():
    reading = read_role(
        "Salary\nEUR 2,450 gross per month.\n\nAustrian law requires us to state the minimum "
        "salary under the collective agreement, which is EUR 2,180 gross per month."
    )
    assert bands(reading) == [(2450, 2450, "EUR", "month")]


def test_the_same_band_stated_twice_is_one_band():
    reading = read_role(
        "At a glance\n$22–26/hr\n\nPay\nInterns are paid between $22 and $26 per hour."
    )
    assert bands(reading) == [(22, 26, "USD", "hour")]


def test_a_currency_written_as_a_word_is_that_currency():
    assert bands(read_role("Salary: 2,500 yen per hour")) == [(2500, 2500, "JPY", "hour")]
    assert bands(read_role("Stipend: 12 000 kronor a month")) == [(12000, 12000, "SEK", "month")]
    assert read_role("Salary: 300 pesos a day").pay == []  # pesos of which country?


def test_a_pay_table_takes_its_period_from_the_line_above_the_amounts():
    reading = read_posting(
        "<h2>ML Intern</h2><p>You will build models.</p>"
        "<p>Monthly pay depends on your degree program:</p>"
        "<table><tr><th>Degree</th><th>Monthly pay</th></tr>"
        "<tr><td>Master's</td><td>$7,200</td></tr><tr><td>PhD</td><td>$8,600</td></tr></table>",
        html=True,
    )
    assert bands(reading) == [(7200, 7200, "USD", "month"), (8600, 8600, "USD", "month")]


def test_amounts_with_no_currency_are_local_only_alone_with_their_period():
    reading = read_role("San Diego, CA\nInternship\n35-45 Hourly\n\nYou will rank results.")
    assert bands(reading) == [(35, 45, "USD", "hour")]
    assert read_role("San Diego, CA\n\nYou will work 35-40 hours a week.").pay == []


def test_one_band_beside_one_office_is_not_tied_to_it():
    reading = read_role("📍 Davis, CA, in person\n💵 $30/hr\n\nYou will count mites.")
    assert [band.place for band in reading.pay] == [None]


def test_the_pay_note_holds_sentences_about_how_pay_is_set_not_labels_or_other_talk():
    reading = read_role(
        "At a glance\n$22–26/hr\nPaid internship\n\n"
        "Compensation\n\nThe pay for this internship is $25.00 to $32.00 per hour.\n\n"
        "Pay within this range depends on your year in school. Interns are not eligible for "
        "incentive pay.\n\nMany of our interns return for a second summer. Return offers are "
        "made near the end of the program, with two paid volunteer days a year."
    )
    assert reading.pay_note == (
        "Pay within this range depends on your year in school. Interns are not eligible for "
        "incentive pay."
    )


def test_a_legal_minimum_is_part_of_the_pay_note():
    minimum = (
        "Austrian law requires us to state the minimum salary under the collective agreement, "
        "which is EUR 2,180 gross per month; we pay above it."
    )
    reading = read_role(f"Salary\nEUR 2,450 gross per month.\n\n{minimum}")
    assert reading.pay_note == minimum


def test_more_ways_of_heading_the_requirements():
    reading = read_posting(
        "ML Intern\n\n🧠 What you'll work on\n• Train vision models\n\n"
        "It's a plus if you\n- Know stochastic programming\n\n"
        "Our offer\n• A mentor\n\nWhy Brightwater?\n- 23 days' leave\n\n"
        "What are you going to do?\n• Test policies on robots"
    )
    assert reading.requirements == {
        "responsibility": ["Train vision models", "Test policies on robots"],
        "qualification": [],
        "preferred": ["Know stochastic programming"],
        "benefit": ["A mentor", "23 days' leave"],
    }


def test_a_line_leading_into_a_list_and_a_paragraph_after_it_are_no_list_lines():
    reading = read_posting(
        "<h2>ML Intern</h2><p>You will train models.</p><p><strong>Benefits</strong></p>"
        "<p>Depending on location, these include:</p>"
        "<ul><li><p>Corporate housing</p></li><li><p>Lunch every day</p></li></ul>"
        "<p>We sponsor visas for interns.</p>",
        html=True,
    )
    assert reading.requirements["benefit"] == ["Corporate housing", "Lunch every day"]


def test_more_ways_of_writing_when_the_internship_starts():
    windows = {
        "The program starts Monday 29 June 2026.": "29 June 2026",
        "You choose your start date, between June and September 2026.": (
            "between June and September 2026"
        ),
        "Vienna · 6 months · Start: 01.03.2026": "01.03.2026",
        "Hamburg | Hybrid | 6 months | from April 2026": "April 2026",
    }
    for line, window in windows.items():
        assert read_role(line).start_window == window, line
    assert read_role("Vienna · Start: 01.03.2026").year == 2026


def test_a_header_line_of_two_dates_weeks_apart_is_the_term_and_gives_its_start():
    reading = read_posting("ML Intern\nJun 1, 2026 - Aug 7, 2026\n\nYou will train models.")
    assert reading.start_window == "Jun 1, 2026" and reading.duration_weeks is None
    far_apart = read_posting("ML Intern\nJun 1, 2026 - Aug 7, 2028\n\nYou will train models.")
    assert far_apart.start_window == ""


def test_an_intake_and_a_year_a_few_words_after_internships_are_the_internships():
    intake = read_posting("ML Intern\n\nYou will join our autumn intake: six months in Dublin.")
    assert intake.season == "fall"
    reading = read_posting(
        "Research Internship\n\nThe group offers research internships for doctoral students "
        "in 2026. You will work on causal inference."
    )
    assert reading.year == 2026


def test_the_about_and_equal_opportunity_texts_are_their_first_sections_only():
    reading = read_posting(
        "ML Intern\n\nAbout Halvorsen\n\nHalvorsen designs AI accelerators for data centers.\n\n"
        "What you'll do\n- Write kernels\n\nLife at Halvorsen\n\nWe are an engineering company "
        "first, with labs and quiet rooms.\n\nEqual Employment Opportunity\n\nHalvorsen is an "
        "equal opportunity employer.\n\nAccommodations\n\nIf you need a reasonable "
        "accommodation, write to us."
    )
    assert reading.company_about == "Halvorsen designs AI accelerators for data centers."
    assert reading.equal_opportunity_statement == "Halvorsen is an equal opportunity employer."


def test_an_unheaded_paragraph_that_only_describes_the_company_is_its_about_text():
    institute = read_posting(
        "Neckar Institute for Intelligent Systems\n\nPhD Research Internship\n\n"
        "The Neckar Institute for Intelligent Systems is a research institute with 450 "
        "researchers; a second site houses our robotics labs.\n\n"
        "The Causal Learning group offers research internships in 2026.\n\n"
        "Your tasks\n• Apply causal inference to images\n\n"
        "The Neckar Institute is committed to increasing the number of individuals with "
        "disabilities in its workforce and encourages applications from such individuals."
    )
    assert institute.company == "Neckar Institute for Intelligent Systems"
    assert institute.company_about.startswith("The Neckar Institute for Intelligent Systems is")
    assert institute.research_areas == ["causal-inference"]  # not the about text's robotics
    assert institute.team == "Causal Learning"
    assert institute.equal_opportunity_statement.startswith("The Neckar Institute is committed")
    we_build = read_posting(
        "Salem Robotics | ML Intern\n\nWe build picking cells that let robots sort lumber at "
        "line speed.\n\nYou will spend 12 weeks on grasp prediction.\n\n"
        "Apply: https://salemrobotics.com/jobs/ml-intern"
    )
    assert we_build.company_about.startswith("We build picking cells")


def test_a_place_is_no_team_and_a_team_name_loses_its_the():
    assert read_role("Our Zürich research group is hiring.").team == ""
    assert read_role("You will join The Language and Learning Lab.").team == (
        "Language and Learning Lab"
    )


def test_more_ways_of_stating_the_deadline_and_the_posting_date():
    accepted = read_role("Applications will be accepted through 02/20/2026.")
    assert accepted.closes_on == date(2026, 2, 20)
    long_way = read_role(
        "To apply, send a CV and a short note about the last book you loved to "
        "jobs@quaysidebooks.co.uk by 27/02/2026."
    )
    assert long_way.closes_on == date(2026, 2, 27)
    tweet = read_posting(
        "Hiring: ML Intern\n\nYou will count mites.\n\n8:14 AM · Jan 20, 2026 · 4,812 Views"
    )
    assert tweet.posted_on == date(2026, 1, 20)


def test_studying_at_a_degrees_level_opens_the_posting_to_it():
    assert read_posting(
        "ML Intern\n\nYou have\n• study computer science at master's level"
    ).degree_levels == ["masters"]
    assert read_posting("ML Intern\n\nYou will solve PhD-level problems.").degree_levels == []


def test_pay_above_the_minimum_wage_is_the_pay():
    assert bands(read_role("We pay $25/hour, well above the minimum wage.")) == [
        (25, 25, "USD", "hour")
    ]


def test_an_untitled_internship_whose_header_says_full_time_is_a_posting():
    labelled = read_posting(
        "Job ID: 2026-31874\nType: Intern (Full-Time)\n\nYou will write compilers.\n\n"
        "Requirements\n- C++"
    )
    assert labelled.is_posting
    hiring = read_posting(
        "Chicago · Full-time\n\nOur Ads team is hiring interns for summer 2026. You will rank "
        "ads.\n\nRequirements\n- Python"
    )
    assert hiring.is_posting and hiring.season == "summer"


def test_a_title_ending_in_a_country_code_is_a_title():
    assert read_posting("ML Intern (US)\n\nYou will train models.").title == "ML Intern (US)"


def test_a_range_written_with_another_languages_to_is_one_band():
    assert bands(read_role("Vergoeding: €500 tot €700 per maand")) == [(500, 700, "EUR", "month")]


def test_a_call_to_apply_is_no_title_and_neither_is_an_address():
    reading = read_posting(
        "🚀 We're hiring! NLP Research Intern @ Quillmate | London (hybrid)\n\n"
        "Spend 6 months with our research team.\nApply: https://quillmate.ai/jobs/nlp-intern"
    )
    assert (reading.title, reading.company) == ("NLP Research Intern", "Quillmate")
    untitled = read_posting("You will train models.\n\nApply: https://acme.ai/jobs/ml-intern")
    assert untitled.title == ""


def test_a_german_posting_reads_like_an_english_one():
    reading = read_posting(
        "Praktikant (m/w/d) Machine Learning\n\nDeine Aufgaben\n• Prognosemodelle entwickeln\n\n"
        "Dein Profil\n• Studium der Informatik (Master)\n\nWir bieten\n• Flexible Arbeitszeiten\n\n"
        "Start: ab 01.04.2026, Dauer: 6 Monate\nBewerbungsschluss: 15.02.2026"
    )
    assert reading.requirements["responsibility"] == ["Prognosemodelle entwickeln"]
    assert reading.requirements["benefit"] == ["Flexible Arbeitszeiten"]
    assert (reading.start_window, reading.duration_weeks) == ("01.04.2026", 26)
    assert reading.closes_on == date(2026, 2, 15) and reading.degree_levels == ["masters"]


def test_a_range_of_months_written_with_and_gives_its_lower_bound():
    assert read_role("Internships last between 3 and 6 months.").duration_weeks == 13


def test_a_students_temporary_or_assistant_job_is_still_a_posting():
    reading = read_posting(
        "Job Title: Undergraduate Summer Research Assistant\nJob Type: Temporary\n\n"
        "As a Research Assistant, you will annotate speech data.\n\nRequirements\n- Python"
    )
    assert reading.is_posting and reading.title == "Undergraduate Summer Research Assistant"


def test_a_careers_page_sending_applicants_on_to_each_tracks_postings_is_no_posting():
    page = read_posting(
        "Acme — Students\n\nInternship tracks for Summer 2026\n\n"
        "Machine Learning\nWork on vision with our research teams. → See open ML internships\n\n"
        "Software\nBuild our fleet software. → See open software internships\n\n"
        "How it works\n1. Apply to the individual internship that interests you most."
    )
    assert not page.is_posting and "landing page" in page.notes["posting"]
    assert page.title == "" and not page.season


def test_a_monthly_salary_is_paid_by_the_month():
    reading = read(
        "You will train models.\n\nWhat we offer\n- A monthly salary of CHF 3,600 (gross)"
    )
    assert bands(reading) == [(Decimal(3600), Decimal(3600), "CHF", "month")]


def test_a_perk_beside_the_pay_and_a_lead_in_to_the_amount_are_no_pay_note():
    perk = read(
        "You will train models.\n\nCompensation\nInterns are paid $18.50 per hour. "
        "On-campus housing is available at a reduced rate."
    )
    assert perk.pay_note == ""
    paid_week = read(
        "You will train models.\n\nBenefits\n- $35.50 per hour\n"
        "- A paid week at our depot to see the trucks"
    )
    assert paid_week.pay_note == ""
    lead_in = read(
        "You will train models.\n\nPay Transparency:\nThe hourly pay for this "
        "internship is:\n$40 - $50 per hour\n\nPay within the range depends on "
        "your academic year."
    )
    assert lead_in.pay_note == "Pay within the range depends on your academic year."


def test_a_summer_vacation_program_lasts_its_weeks_and_runs_from_its_start():
    reading = read_posting(
        "Vacation Program – Data Science Intern\n\nOur 12-week Summer Vacation Program runs "
        "from 30 November 2026 to 19 February 2027. As an intern you will plan routes."
    )
    assert reading.duration_weeks == 12


def test_a_project_paragraph_describes_the_role_and_is_no_responsibility():
    reading = read(
        "Project\nInterns will help teach a robot arm to pour water. Students will work on "
        "imitation learning.\n\nResponsibilities\n- Collect demonstration data"
    )
    assert reading.requirements["responsibility"] == ["Collect demonstration data"]


def test_a_french_careers_header_is_no_title_and_the_role_paragraph_no_company_text():
    reading = read_posting(
        "Aérolis — Offres de stage\n\nStage – Apprentissage par renforcement (H/F)\n\n"
        "Qui sommes-nous ?\nAérolis conçoit des outils pour les contrôleurs aériens.\n\n"
        "Au sein de l'équipe Recherche, vous étudierez des agents RL. Stage de fin d'études.\n\n"
        "Vos missions\n- Entraîner des agents RL"
    )
    assert reading.title == "Stage – Apprentissage par renforcement (H/F)"
    assert reading.company_about == "Aérolis conçoit des outils pour les contrôleurs aériens."


def test_a_chat_style_post_without_headings_is_read_like_any_posting():
    reading = read_posting(
        "📣 Hiring: Summer 2026 ML Intern @ Sagebrush AI (Boise, ID — on-site)\n\n"
        "We're a small team building LLM agents. Looking for one intern to work on evals.\n\n"
        "• 12 wks, flexible start in May/June\n• $45/hr + help finding housing\n\n"
        "apply → https://sagebrush.ai/jobs/ml-intern-2026"
    )
    assert reading.is_posting
    assert (reading.title, reading.company) == ("Summer 2026 ML Intern", "Sagebrush AI")
    assert reading.locations == [Place("Boise", "ID", "US")]
    assert (reading.duration_weeks, reading.start_window) == (12, "May/June")
    assert bands(reading) == [(Decimal(45), Decimal(45), "USD", "hour")]


def test_an_amount_with_a_plus_sign_then_a_perk_is_the_pay_and_with_the_sign_alone_one_sided():
    assert bands(read("You will train models.\n\nPay: $45/hr + help finding housing"))
    assert not bands(read("You will train models.\n\nPay: $45+/hr"))


def test_a_french_posting_states_its_start_deadline_pay_team_and_arrangement_in_french():
    reading = read_posting(
        "Stage – Apprentissage par renforcement (H/F)\n\nToulouse · Stage · 6 mois · Hybride\n\n"
        "Au sein de l'équipe Recherche & Innovation, vous étudierez des agents RL. Stage de "
        "fin d'études de 6 mois, à partir de mars 2026.\n\n"
        "Ce que nous offrons\n- Gratification : 1 500 € bruts par mois\n\n"
        "Candidatures jusqu'au 31 janvier 2026.\n\n"
        "Aérolis s'engage en faveur de la diversité et de l'inclusion."
    )
    assert (reading.start_window, reading.year) == ("mars 2026", 2026)
    assert reading.closes_on == date(2026, 1, 31)
    assert bands(reading) == [(Decimal(1500), Decimal(1500), "EUR", "month")]
    assert reading.team == "Recherche & Innovation"
    assert reading.arrangements == ["hybrid"]
    assert reading.equal_opportunity_statement.startswith("Aérolis s'engage")


def test_a_program_that_runs_from_one_date_to_another_starts_on_the_first():
    reading = read_posting(
        "Data Science Intern\n\nOur 12-week Summer Vacation Program runs from 30 November 2026 "
        "to 19 February 2027. As an intern you will plan routes."
    )
    assert (reading.start_window, reading.year) == ("30 November 2026", 2026)


def test_a_paragraph_in_markdown_italics_is_read_without_its_marks():
    reading = read(
        "You will train models.\n\n*Acme welcomes applications from people of all backgrounds.*"
    )
    assert reading.equal_opportunity_statement == (
        "Acme welcomes applications from people of all backgrounds."
    )


def test_french_preferred_heading_and_a_refusal_to_support_work_permits():
    reading = read(
        "You will train models.\n\nLes plus\n- Un intérêt pour l'aéronautique\n\n"
        "We are not able to support work permit applications."
    )
    assert reading.requirements["preferred"] == ["Un intérêt pour l'aéronautique"]
    assert reading.work_authorization == "no_sponsorship"


def test_a_sentence_on_how_the_allowance_is_set_is_the_pay_note():
    reading = read(
        "You will train models.\n\nAllowance: $2,800 per month.\nThe allowance is higher "
        "for students in later years of study."
    )
    assert reading.pay_note == "The allowance is higher for students in later years of study."


def test_the_department_a_role_joins_is_its_organization():
    reading = read("In our Inspection Software department you will train vision models.")
    assert reading.organization == "Inspection Software"


def test_your_qualifications_heads_the_qualifications():
    reading = read("You will train models.\n\nYour qualifications\n- Enrolled in a PhD programme")
    assert reading.requirements["qualification"] == ["Enrolled in a PhD programme"]


def test_a_graduate_student_intern_for_a_season_is_the_internships_season():
    reading = read_posting(
        "LLM Evaluation Intern\n\nOur team is looking for a graduate student intern for "
        "summer 2026. You will build evaluation suites."
    )
    assert (reading.season, reading.year) == ("summer", 2026)


def test_a_paragraph_opening_with_the_short_name_of_the_company_is_its_about_text():
    reading = read_posting(
        "Harrowgate Legal Technologies — Careers\n\nSummer Intern, NLP\nLeeds · Internship\n\n"
        "Harrowgate builds software that reads contracts for UK law firms.\n\n"
        "Our 10-week summer internship starts on 6 July 2026. You will join the Applied NLP "
        "team.\n\nWhat you'll be doing\n- Label clauses"
    )
    assert (
        reading.company_about == "Harrowgate builds software that reads contracts for UK law firms."
    )


def test_a_division_named_by_one_generic_word_is_the_organization_but_a_team_so_named_is_not():
    division = read("You will join the Computational Design group in our Research division.")
    assert division.organization == "Research"
    assert read("You will join our Research team.").team == ""
