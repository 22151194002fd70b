"""A student without an account: About me verdicts, saving (with and without JavaScript), status
and note, the private link on a second browser, and an alert sign-up with its confirmation."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.e2e.browser import expect
from tests.factories import PayBandFactory, PublishedPostingFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_postings(db):
    today = timezone.localdate()
    phd = PublishedPostingFactory(
        title="Vision PhD Intern",
        company__name="Acme AI",
        for_phd=True,
        closes_on=today + timedelta(days=10),
    )
    PayBandFactory(posting=phd)
    masters = PublishedPostingFactory(
        title="Ranking Masters Intern",
        company__name="Bolt ML",
        for_phd=False,
        for_masters=True,
        closes_on=today + timedelta(days=30),
    )
    return phd, masters


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def student(request, tab):
    page = tab(java_script_enabled=request.param)
    page.javascript_on = request.param
    return page


def javascript_on(page):
    """Whether the tab runs scripts (axe-core is one); tabs of `student` say."""
    return getattr(page, "javascript_on", True)


def saved_titles(page):
    return page.locator(".saved-list .card__title").all_inner_texts()


def test_student_saves_a_posting_and_finds_it_on_my_internships(
    site, student, two_postings, screenshot, serious_violations
):
    page = student
    phd, _ = two_postings
    page.goto(site + phd.get_absolute_url())
    page.get_by_role("link", name=re.compile(r"^Save")).first.click()
    if page.url.startswith(site + "/me/save/"):  # JavaScript off: the small confirmation form
        screenshot(page, "save-confirm")
        page.get_by_role("button", name="Save to my internships").click()
    expect(page.locator(".personal-panel .save-control--saved")).to_contain_text("Saved")
    assert page.url == site + phd.get_absolute_url()
    page.goto(site + "/me/")
    assert saved_titles(page) == ["Vision PhD Intern"]
    expect(page.locator(".saved-list")).to_contain_text("Acme AI")
    screenshot(page, "my-internships")
    if javascript_on(page):  # axe-core runs as a script in the page
        assert serious_violations(page) == []


def test_student_changes_status_and_note(site, tab, two_postings, screenshot):
    page = tab(java_script_enabled=False)
    phd, masters = two_postings
    for posting in (masters, phd):
        page.goto(site + f"/me/save/{posting.pk}/")
        page.get_by_role("button", name="Save to my internships").click()
    page.goto(site + "/me/")
    assert saved_titles(page) == ["Vision PhD Intern", "Ranking Masters Intern"]  # soonest first
    entry = page.locator(".saved", has_text="Ranking Masters Intern")
    entry.get_by_label("My status").select_option("applied")
    entry.get_by_label("Private note").fill("Referred by a friend")
    entry.get_by_role("button", name=re.compile("Save status and note")).click()
    entry = page.locator(".saved", has_text="Ranking Masters Intern")
    expect(entry).to_contain_text("Applied since")
    expect(entry.get_by_label("Private note")).to_have_value("Referred by a friend")
    screenshot(page, "status-changed")


def test_the_private_link_opens_the_list_in_a_second_browser(site, tab, two_postings):
    laptop = tab()
    phd, _ = two_postings
    laptop.goto(site + f"/me/save/{phd.pk}/")
    laptop.get_by_role("button", name="Save to my internships").click()
    laptop.goto(site + "/me/")
    link = laptop.get_by_role("textbox", name="Private link").input_value()

    phone = tab(viewport={"width": 360, "height": 740})
    phone.goto(site + "/me/")
    assert saved_titles(phone) == []
    phone.goto(link)
    phone.get_by_role("button", name="Open my list here").click()
    assert saved_titles(phone) == ["Vision PhD Intern"]

    laptop.get_by_role("button", name="Make a new link").click()
    assert laptop.get_by_role("textbox", name="Private link").input_value() != link
    stranger = tab()
    stranger.goto(link)
    expect(stranger.get_by_role("heading", level=1)).to_have_text("This private link does not work")


def test_about_me_gives_verdicts_on_cards_and_posting_pages(
    site, student, two_postings, screenshot, serious_violations
):
    page = student
    phd, _ = two_postings
    page.goto(site + "/")
    page.get_by_role("link", name="About me").first.click()
    page.get_by_label("Master's").check()
    page.get_by_label("The country I am based in").select_option("DE")
    page.get_by_label("No").check()
    page.get_by_role("button", name="Save About me").click()
    if javascript_on(page):
        assert serious_violations(page) == []
    page.goto(site + "/")
    card = page.locator(".card", has_text="Vision PhD Intern")
    expect(card.locator(".verdict")).to_have_text("Not for you: PhD students only")
    card = page.locator(".card", has_text="Ranking Masters Intern")
    expect(card.locator(".verdict")).to_have_text("You can apply")
    page.goto(site + phd.get_absolute_url())
    expect(page.locator(".personal-panel .verdict")).to_have_text("Not for you: PhD students only")
    screenshot(page, "posting-verdict")


def test_student_signs_up_for_an_alert_and_confirms_it(site, tab, two_postings, settings):
    settings.SITE_URL = site
    page = tab()
    page.goto(site + "/?degree=phd")
    page.get_by_role("link", name="Email me new internships like these").click()
    page.get_by_label("Email address").fill("ana@example.org")
    page.get_by_label("Daily").check()
    page.get_by_role("button", name="Send me the confirmation email").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    assert len(mail.outbox) == 1
    page.goto(re.search(r"http://\S+/confirm/", mail.outbox[0].body).group(0))
    page.get_by_role("button", name="Yes, start my alert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alert is on")
