"""Pages of a visitor's own: About me, their saved internships, the private link, the export.

Every page here belongs to one visitor: none is ever kept by the shared page cache (it caches
only the postings pages, and marks those of visitors with state of their own private).
"""

import csv
from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from postings.calendar import calendar_response, postings_calendar
from postings.models import Posting
from students import services, visitor
from students.forms import AboutMeForm, EntryForm
from students.models import NOTE_LIMIT, UNUSED_LIST_DAYS, Status, new_key
from students.personal import saved_posting_ids
from students.selectors import saved_list_rows


def _next_url(request, default):
    """Where to go back to: a path on this site from `next`, else the page the visitor came
    from (cards carry no `next`: one card serves every page that shows it), else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or _referring_path(request)
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and target.startswith("/"):
        return target
    return default


def _referring_path(request):
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc != request.get_host() or referer.path.startswith("//"):
        return ""
    return urlunsplit(("", "", referer.path, referer.query, ""))


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def about_me(request):
    current = visitor.about_me(request)
    back = _next_url(request, reverse("students:about-me"))
    if request.method == "POST" and "clear" in request.POST:
        visitor.forget_about_me(request)
        messages.success(request, '"About me" is cleared: nothing of it is kept.')
        return redirect("students:about-me")
    if request.method == "POST":
        form = AboutMeForm(request.POST)
        if form.is_valid():
            visitor.remember_about_me(request, form.about_me())
            messages.success(request, "Saved. Every posting now shows whether you can apply.")
            return HttpResponseRedirect(back)
    else:
        form = AboutMeForm(initial=AboutMeForm.initial_from(current))
    return render(
        request,
        "students/about_me.html",
        {"form": form, "about": current, "next": back},
        status=400 if form.is_bound else 200,
    )


def _public_posting(posting_id):
    return get_object_or_404(Posting.objects.publicly_visible().select_related("company"),
                             pk=posting_id)  # fmt: skip


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def save_posting(request, posting_id):
    """GET: a small form confirming the save (the link on cards and posting pages leads here,
    so those pages hold no CSRF token); POST: saves, then goes back or answers JSON."""
    posting = _public_posting(posting_id)
    key = visitor.list_key(request)
    if request.method == "POST":
        if not key:
            key = new_key()
            visitor.hold_list_key(request, key)
        services.saved_internship_save(key=key, posting=posting)
        if _wants_json(request):
            return JsonResponse({"saved": True, "list_url": reverse("students:my-list")})
        messages.success(request, f"Saved “{posting.title}” to your list.")
        return HttpResponseRedirect(_next_url(request, posting.get_absolute_url()))
    if not key:
        # The list's key is chosen now, with the form's session, so that two tabs saving at
        # once save onto the same list.
        visitor.hold_list_key(request, new_key())
    return render(
        request,
        "students/save_confirm.html",
        {
            "posting": posting,
            "already": posting.pk in saved_posting_ids(request),
            "next": _next_url(request, ""),
        },
    )


def _current_list(request):
    return services.saved_list_for_key(visitor.list_key(request))


def _list_page(request, saved_list, *, invalid_form=None):
    about = visitor.about_me(request)
    return render(
        request,
        "students/my_list.html",
        {
            "saved_list": saved_list,
            "rows": saved_list_rows(saved_list, about=about) if saved_list else [],
            "about": about,
            "private_link": request.build_absolute_uri(saved_list.get_absolute_url())
            if saved_list
            else "",
            "unused_days": UNUSED_LIST_DAYS,
            "statuses": Status.choices,
            "note_limit": NOTE_LIMIT,
            "invalid_form": invalid_form,
        },
        status=400 if invalid_form else 200,
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def my_list(request):
    saved_list = _current_list(request)
    if saved_list is not None:
        services.saved_list_touch(saved_list=saved_list)
    return _list_page(request, saved_list)


def _entry_of_current_list(request, entry_id):
    saved_list = _current_list(request)
    if saved_list is None:
        raise Http404("You have no saved list on this device.")
    return saved_list, get_object_or_404(saved_list.entries, pk=entry_id)


@never_cache
@require_POST
def update_entry(request, entry_id):
    saved_list, entry = _entry_of_current_list(request, entry_id)
    form = EntryForm(request.POST, instance=entry)
    if not form.is_valid():
        entry.refresh_from_db()
        return _list_page(request, saved_list, invalid_form=form)
    services.saved_internship_update(
        entry=entry, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
    )
    messages.success(request, f"Updated “{entry.title}”.")
    return redirect(f"{reverse('students:my-list')}#entry-{entry.pk}")


@never_cache
@require_POST
def remove_entry(request, entry_id):
    saved_list, entry = _entry_of_current_list(request, entry_id)
    services.saved_internship_remove(saved_list=saved_list, entry_id=entry.pk)
    messages.success(request, f"Removed “{entry.title}” from your list.")
    return redirect("students:my-list")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def open_list(request, key):
    """The private link: GET asks to confirm (links are fetched by previews and scanners),
    POST makes this device hold the list, keeping anything this device had saved."""
    saved_list = services.saved_list_for_key(key)
    if saved_list is None:
        return render(request, "students/link_unknown.html", status=404)
    if request.method == "POST":
        current = _current_list(request)
        services.saved_list_merge(into=saved_list, source=current)
        visitor.hold_list_key(request, saved_list.key)
        messages.success(request, "This device now shows your saved list.")
        return redirect("students:my-list")
    return render(
        request,
        "students/open_list.html",
        {"saved_list": saved_list, "holds_it": visitor.list_key(request) == key},
    )


@never_cache
@require_POST
def new_link(request):
    saved_list = _current_list(request)
    if saved_list is None:
        raise Http404("You have no saved list on this device.")
    services.saved_list_new_key(saved_list=saved_list)
    visitor.hold_list_key(request, saved_list.key)
    messages.success(request, "Your list has a new private link. The old one no longer works.")
    return redirect("students:my-list")


CSV_COLUMNS = ["Title", "Company", "Verdict", "Pay", "Closes", "Status", "Status set on", "Note",
               "Posting state", "Link"]  # fmt: skip


@never_cache
@require_http_methods(["GET", "HEAD"])
def export_csv(request):
    saved_list = _current_list(request)
    if saved_list is None:
        raise Http404("You have no saved list on this device.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-internships.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for row in saved_list_rows(saved_list, about=visitor.about_me(request)):
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    row.entry.title,
                    row.entry.company_name,
                    row.verdict.text if row.verdict else "",
                    row.pay,
                    row.closes_on.isoformat() if row.closes_on else "",
                    row.entry.get_status_display(),
                    row.entry.status_set_on.isoformat(),
                    row.entry.note,
                    row.state,
                    request.build_absolute_uri(row.posting.get_absolute_url())
                    if row.posting
                    else "",
                )
            ]
        )
    return response


def _csv_cell(value):
    """A spreadsheet reads a cell starting with = + - @ as a formula: such text is quoted."""
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@never_cache
@require_http_methods(["GET", "HEAD"])
def list_calendar(request, key):
    """The saved list's closing and start dates, under its private key (calendar apps poll it
    with no session)."""
    saved_list = services.saved_list_for_key(key)
    if saved_list is None:
        raise Http404("No saved list has this link.")
    postings = [row.posting for row in saved_list_rows(saved_list, about=None) if row.posting]
    content = postings_calendar(
        postings,
        name="ML Intern Board: my internships",
        absolute_url=request.build_absolute_uri,
        host=request.get_host(),
    )
    return calendar_response(content, "my-internships.ics")
