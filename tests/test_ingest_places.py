"""Where the internship is and how it is worked: places, arrangements and the in-office
statement, each rule on a small text (tests/ingest_corpus/README.md)."""

from decimal import Decimal

from postings.ingest import Place, read_posting

TITLE = "Machine Learning Intern, Summer 2026\n\n"


def read(body: str, **kwargs):
    return read_posting(TITLE + body, **kwargs)


def test_a_city_the_company_names_for_its_headquarters_or_other_sites_is_not_a_location():
    reading = read(
        "Location: Austin, TX\n\nYou will train routing models.\n\n"
        "Our headquarters are in Dallas; this internship sits with our team in Austin.\n\n"
        "We also run an engineering hub in Denver, Colorado, and a second office in Boston."
    )
    assert reading.locations == [Place("Austin", "TX", "US")]


def test_a_city_a_sentence_about_the_internship_names_is_a_location():
    reading = read(
        "Location: Austin, TX\n\nYou will train models. Interns may also work from our Denver "
        "office."
    )
    assert reading.locations == [Place("Austin", "TX", "US"), Place("Denver", "CO", "US")]


def test_a_location_section_holds_places_not_the_prose_or_labels_under_it():
    reading = read(
        "Locations\nHouston, TX\nEnd Date: February 13, 2026\n"
        "Acme moves gas through pipelines in Texas and New Mexico. Our headquarters are in "
        "The Woodlands.\n\nYou will build forecasting models."
    )
    assert reading.locations == [Place("Houston", "TX", "US")]


def test_a_town_inside_the_companys_name_is_the_company():
    reading = read_posting(
        "Data Science Intern\nCompany: Brazos Midstream\n\nLocations\nHouston, TX\n"
        "Brazos Midstream moves natural gas.\n\nYou will build forecasting models."
    )
    assert reading.locations == [Place("Houston", "TX", "US")]


def test_washington_dc_is_washington():
    reading = read("Washington, DC\n\nYou will train models.")
    assert reading.locations == [Place("Washington", "DC", "US")]


def test_the_companys_list_of_offices_names_no_location_and_no_arrangement():
    reading = read_posting(
        "Machine Learning Intern\nSan Diego, CA\nHybrid\n\nYou will train ranking models.\n\n"
        "Acme Offices\nEmployees engage in a combination of remote and on-site work.\n"
        "San Diego, CA (HQ)\nAustin, TX"
    )
    assert reading.locations == [Place("San Diego", "CA", "US")]
    assert reading.arrangements == ["hybrid"]


def test_some_office_days_and_the_rest_from_home_is_hybrid_only():
    for sentence in (
        "Interns work in the office on Tuesdays, Wednesdays and Thursdays and remotely on the "
        "other days.",
        "Interns work in the operations center Monday through Thursday; Fridays are remote.",
        "Two days per week in our office, the rest remote.",
        "Interns follow our schedule: three days a week in the office and two days working "
        "from home.",
        "We aren’t in the office every day, but we come together for planning weeks.",
    ):
        assert read(f"You will train models.\n\n{sentence}").arrangements == ["hybrid"], sentence


def test_an_office_or_remote_is_a_choice_of_both():
    reading = read(
        "You will train models. Interns can work from our Chicago office (three days a week) "
        "or remotely from anywhere in the US."
    )
    assert reading.arrangements == ["hybrid", "remote"]


def test_the_office_every_weekday_or_an_in_office_label_is_on_site():
    weekdays = read(
        "You will train models.\n\nInterns work at our headquarters, Monday through Friday."
    )
    label = read_posting("ML Intern\nNew York, NY · In office\n\nYou will train models.")
    assert weekdays.arrangements == ["onsite"]
    assert label.arrangements == ["onsite"]


def test_working_hours_amenities_and_a_no_are_no_arrangement():
    reading = read(
        "You will train models.\n\nSalary: 2,500 yen per hour, 8 hours a day, 5 days a week\n\n"
        "Perks\n- Access to our on-site fitness center\n\nHires remotely: No"
    )
    assert reading.arrangements == []


def test_a_paragraph_of_its_own_setting_out_office_days_is_the_in_office_statement():
    for paragraph in (
        "Following our return-to-office policy, interns work in the operations center Monday "
        "through Thursday; Fridays are remote.",
        "We're an office-first company. Interns work at our headquarters, Monday through Friday.",
        "Hybrid: Tuesday to Thursday in our Cremorne office.",
    ):
        reading = read(f"You will train models.\n\n{paragraph}\n\nApply by March 1, 2026.")
        assert reading.in_office_requirement == paragraph


def test_a_role_in_the_companys_office_is_in_the_one_city_the_company_names():
    about = "About Acme\nAcme is a London fintech with 400 people.\n\n"
    in_office = read(f"{about}You will work three days a week in our Shoreditch office.")
    remote = read(f"{about}You will work remotely from anywhere in the UK.")
    assert in_office.locations == [Place("London", "", "GB")]
    assert remote.locations == []


def test_where_the_company_was_founded_or_its_several_cities_say_nothing_of_the_office():
    founded = read(
        "About Acme\nAcme was founded in Toronto in 2019.\n\nYou will work in our office."
    )
    several = read(
        "About Acme\nWe are 900 people in Boston, Toronto and Dublin.\n\n"
        "You will work in our office."
    )
    assert founded.locations == [] and several.locations == []


def test_the_header_place_above_the_one_pay_line_ties_no_pay_to_an_office():
    reading = read_posting(
        "Computer Vision Intern (Summer 2026)\nHelp us count bees.\n📍 Davis, CA, in person\n"
        "💵 $30/hr\n\nYou will train detection models."
    )
    assert reading.locations == [Place("Davis", "CA", "US")]
    assert [(b.minimum, b.place) for b in reading.pay] == [(Decimal(30), None)]


def test_a_remote_friendly_company_says_nothing_of_an_on_site_role():
    reading = read(
        "You will train models.\n\n"
        "We're a remote-first company, but this internship is on-site in Denver, CO."
    )
    assert reading.arrangements == ["onsite"]
    assert reading.locations == [Place("Denver", "CO", "US")]


def test_cities_of_the_people_you_work_with_are_not_where_you_work():
    reading = read(
        "Location: Seattle, WA\n\nYou will partner with our teams in Austin, TX and Chicago, IL."
    )
    assert reading.locations == [Place("Seattle", "WA", "US")]


def test_a_one_word_heading_or_a_page_label_under_locations_names_no_town():
    reading = read_posting(
        "ML Intern\n\nLocations\nSan Jose, CA\nTime type\nFull time\n\nYou will build models.\n\n"
        "Mission\nWe help farmers grow more with less."
    )
    assert reading.locations == [Place("San Jose", "CA", "US")]


def test_a_city_after_its_country_and_state_codes_is_that_city():
    reading = read_posting(
        "ML Intern\n\nYou will build models.\n\nlocations\nUS, CA, Santa Clara\nUS, WA, Redmond"
    )
    assert reading.locations == [Place("Santa Clara", "CA", "US"), Place("Redmond", "WA", "US")]


def test_remote_perks_and_remote_colleagues_are_no_remote_role():
    reading = read(
        "You will train models with remote teammates across time zones.\n\n"
        "Perks\n- A remote work stipend\n- Work remotely for up to two weeks per year\n"
        "- Remote work from anywhere for 2 weeks a year"
    )
    assert reading.arrangements == []


def test_home_on_some_weekdays_is_hybrid():
    reading = read("You will train models.\n\nFlexible working: work from home on Fridays.")
    assert reading.arrangements == ["hybrid"]


def test_the_companys_headquarters_among_its_facts_is_not_a_location():
    reading = read_posting(
        "ML Intern\nLocation: Austin, TX\n\nYou will build models.\n\n"
        "Headquarters: Dallas, TX\nFounded: 2015\n\nAcme · Denver, CO (HQ) · 500 employees"
    )
    assert reading.locations == [Place("Austin", "TX", "US")]


def test_other_jobs_listed_under_the_posting_name_no_location():
    reading = read_posting(
        "ML Intern\nLocation: Austin, TX\n\nYou will build models.\n\n"
        "More jobs at Acme\nData Intern\nBoston, MA"
    )
    assert reading.locations == [Place("Austin", "TX", "US")]


def test_a_city_to_travel_to_is_not_where_the_internship_is():
    reading = read(
        "You will train models.\n\n"
        "This role is based in London, with occasional travel to our Paris office."
    )
    assert reading.locations == [Place("London", "", "GB")]


def test_the_headquarters_phrase_of_a_sentence_about_the_internship_is_the_companys():
    reading = read(
        "Location: Austin, TX\n\nAlthough our headquarters are in New York, the team works out "
        "of our Austin design center, and this internship is with them."
    )
    assert reading.locations == [Place("Austin", "TX", "US")]


def test_interns_at_the_headquarters_work_where_the_headquarters_are():
    for sentence in (
        "The internship is located at our headquarters in Redmond, WA.",
        "Interns join us at HQ in Redmond, WA.",
    ):
        reading = read(f"You will train models.\n\n{sentence}")
        assert reading.locations == [Place("Redmond", "WA", "US")], sentence


def test_a_list_of_offices_after_a_colon_is_where_the_role_can_be():
    reading = read(
        "You will train models. You can be based in any of our offices: London or Paris."
    )
    assert reading.locations == [Place("London", "", "GB"), Place("Paris", "", "FR")]


def test_an_offices_opening_hours_are_no_arrangement():
    reading = read(
        "You will train models.\n\nOur office is open Monday through Friday, 8am to 6pm."
    )
    assert reading.arrangements == []


def test_a_where_label_names_the_place_and_office_days_with_the_rest_from_home_are_hybrid():
    reading = read_posting(
        "Summer Intern, Computer Vision\n\nWhere: Munich (hybrid)\nWhen: June to August 2026\n"
        "Our hybrid setup: two office days per week, the rest of the week you can work from home "
        "or anywhere in Germany.\n\nYour tasks\n- Train detection models"
    )
    assert reading.locations == [Place("Munich", "", "DE")]
    assert reading.arrangements == ["hybrid"]


def test_a_shortened_city_name_is_written_in_full():
    reading = read_posting("ML Intern\nFt. Worth, TX\n\nYou will train models.")
    assert reading.locations == [Place("Fort Worth", "TX", "US")]


def test_opening_hours_and_catered_lunches_are_no_in_office_statement():
    for paragraph in (
        "Our office is open Monday through Friday, 8am to 6pm.",
        "Lunch is catered on Mondays and Thursdays in the office.",
    ):
        reading = read(f"You will train models.\n\n{paragraph}\n\nApply by March 1, 2026.")
        assert (reading.in_office_requirement, reading.arrangements) == ("", []), paragraph


def test_meeting_in_the_office_twice_a_week_is_a_hybrid_in_office_statement():
    paragraph = "We are a hybrid team and meet in the office twice a week."
    reading = read(f"You will train models.\n\n{paragraph}\n\nApply by March 1, 2026.")
    assert reading.arrangements == ["hybrid"]
    assert reading.in_office_requirement == paragraph


def test_a_list_item_about_the_companys_headquarters_is_no_line_of_facts():
    reading = read_posting(
        "ML Intern\nLocation: Austin, TX\n\nYou will build models.\n\nAcme at a glance\n"
        "- Headquartered in Dallas, TX since 1998\n- 500 people across Texas\n\nWhat you'll do\n"
        "- Build models"
    )
    assert reading.locations == [Place("Austin", "TX", "US")]


def test_a_french_town_with_its_departements_number_is_a_place_and_a_year_in_brackets_no_town():
    reading = read_posting(
        "Stage – Apprentissage par renforcement (H/F)\n\nToulouse (31) · Stage · 6 mois · "
        "Hybride\n\nVos missions\n- Entraîner des agents RL"
    )
    assert reading.locations == [Place("Toulouse", "", "FR")]
    assert reading.arrangements == ["hybrid"]
    assert read("Spring (2026)\n\nYou will train models.").locations == []
