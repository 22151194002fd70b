"""About me is held in the visitor's session, shown as a verdict on posting pages, and clearing
it removes it completely."""

import pytest
from django.urls import reverse

from tests.factories import PublishedPostingFactory
from tests.pages import page_of, text_of

pytestmark = pytest.mark.django_db

PHD_IN_GERMANY = {"degree": "phd", "country": "DE", "needs_sponsorship": "yes"}


def test_about_me_is_reachable_from_every_page(client):
    posting = PublishedPostingFactory()
    for url in (reverse("postings:list"), posting.get_absolute_url()):
        assert reverse("students:about-me") in page_of(client, url)


def test_a_posting_page_shows_the_verdict_with_its_reason(client):
    posting = PublishedPostingFactory(for_phd=False, for_masters=True)
    client.post(reverse("students:about-me"), PHD_IN_GERMANY)
    text = text_of(page_of(client, posting.get_absolute_url()))
    assert "Not for you: Master's students only" in text


def test_silence_on_visas_asks_a_student_who_needs_one_to_check(client):
    posting = PublishedPostingFactory(for_phd=True)
    client.post(reverse("students:about-me"), PHD_IN_GERMANY)
    text = text_of(page_of(client, posting.get_absolute_url()))
    assert "Check: the posting does not say whether it sponsors visas" in text


def test_without_about_me_the_page_invites_to_fill_it_in(client):
    posting = PublishedPostingFactory()
    text = text_of(page_of(client, posting.get_absolute_url()))
    assert "Can I apply?" in text
    assert "You can apply" not in text and "Not for you" not in text


def test_saving_about_me_goes_back_to_the_page_it_came_from(client):
    posting = PublishedPostingFactory()
    response = client.post(
        reverse("students:about-me"), {**PHD_IN_GERMANY, "next": posting.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == posting.get_absolute_url()


def test_next_pointing_off_the_site_is_ignored(client):
    response = client.post(
        reverse("students:about-me"), {**PHD_IN_GERMANY, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("students:about-me")


def test_a_bad_answer_is_explained_on_its_field_and_nothing_is_kept(client):
    response = client.post(
        reverse("students:about-me"), {"degree": "wizard", "country": "XX", "needs_sponsorship": ""}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert "students:about_me" not in client.session


def test_clearing_about_me_removes_it_completely(client):
    posting = PublishedPostingFactory()
    client.post(reverse("students:about-me"), PHD_IN_GERMANY)
    assert "students:about_me" in client.session
    client.post(reverse("students:about-me"), {"clear": "1"})
    assert "students:about_me" not in client.session
    # Nothing else was held: the session itself is gone, and pages are anonymous again.
    assert not client.session.keys()
    text = text_of(page_of(client, posting.get_absolute_url()))
    assert "Not for you" not in text and "Check:" not in text
