"""The admin of imports: job boards with their last import, and "New posting from text".

The posting admin is the one of `postings`, registered again here with what imports add: the
paste and review pages, where each posting came from on its list and page, and an action to
let the board's changes through again.
"""

import logging
import secrets
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from imports import services
from imports.drafts import PostingDraft, draft_from_reading, free_slug, posting_problem
from imports.forms import PasteForm, ReviewPayBandForm, ReviewRequirementForm, review_form
from imports.models import ImportRun, JobBoard, PostingSource
from imports.pasted import PastedPosting, sanitised_original
from postings import admin as postings_admin
from postings.ingest import read_posting
from postings.models import Company, PayBand, Posting
from postings.permissions import company_ids_of, may_edit_company

logger = logging.getLogger(__name__)

# The posting texts a user has pasted and not saved yet, in their session, by key.
PENDING_SESSION_KEY = "imports:pasted"
PENDING_KEPT = 3
# "Import now" runs in the request; each board gives up after the client's timeout.
IMPORT_NOW_LIMIT = 5


@dataclass
class TextReview:
    """A posting being checked on the review page: the text, its draft and the company."""

    key: str
    pasted: PastedPosting
    draft: PostingDraft
    company_id: int
    company_named: str  # the company the text names, if any

    def rows(self, model) -> list[dict]:
        """Initial values of the pay band or requirement rows, with a band's evidence."""
        if model is not PayBand:
            return self.draft.requirements
        pieces = self.draft.evidence.get("pay", [])
        rows = []
        for position, band in enumerate(self.draft.pay_bands):
            if len(pieces) == len(self.draft.pay_bands):
                evidence = pieces[position]
            else:
                evidence = " … ".join(pieces) if position == 0 else ""
            rows.append(
                {
                    **band,
                    "minimum": _amount(band["minimum"]),
                    "maximum": _amount(band["maximum"]),
                    "location": band["location"].pk if band["location"] else None,
                    "evidence": evidence,
                }
            )
        return rows


def _amount(value: Decimal) -> str:
    """An amount as a recruiter would type it: "10000", "52.50"."""
    return f"{value:f}" if value != value.to_integral_value() else f"{value.to_integral_value()}"


def _review(request) -> TextReview | None:
    return getattr(request, "text_review", None)


class ReviewRows:
    """An inline that, on the review page, shows the rows read from the text, pre-filled."""

    review_form = None

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if _review(request) and "evidence" in self.review_form.base_fields:
            return [*fields, "evidence"]
        return fields

    def get_formset(self, request, obj=None, **kwargs):
        if _review(request):
            kwargs["form"] = self.review_form
        return super().get_formset(request, obj, **kwargs)

    def get_extra(self, request, obj=None, **kwargs):
        review = _review(request)
        return len(review.rows(self.model)) if review else super().get_extra(request, obj, **kwargs)


class PayBandInline(ReviewRows, postings_admin.PayBandInline):
    review_form = ReviewPayBandForm


class RequirementInline(ReviewRows, postings_admin.RequirementInline):
    review_form = ReviewRequirementForm


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [
            ("text", "Pasted or uploaded text"),
            ("board", "A company's job board"),
            ("held_back", "Board changes held back"),
            ("removed", "Removed from the board"),
        ]

    def queryset(self, request, queryset):
        conditions = {
            "text": {"source__board__isnull": True, "source__isnull": False},
            "board": {"source__board__isnull": False},
            "held_back": {"source__held_back_at__isnull": False},
            "removed": {"source__removed_at__isnull": False},
        }
        condition = conditions.get(self.value())
        return queryset.filter(**condition) if condition else queryset


admin.site.unregister(Posting)


@admin.register(Posting)
class PostingAdmin(postings_admin.PostingAdmin):
    change_list_template = "admin/imports/posting/change_list.html"
    change_form_template = "admin/imports/posting/change_form.html"
    list_display = [*postings_admin.PostingAdmin.list_display, "came_from"]
    list_filter = [*postings_admin.PostingAdmin.list_filter, SourceFilter]
    inlines = [PayBandInline, RequirementInline]
    actions = [*postings_admin.PostingAdmin.actions, "resume_board_updates"]

    class Media:
        css = {"all": ["imports/imports.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "source__board")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("from-text/", view(self.from_text_view), name="postings_posting_from_text"),
            path(
                "from-text/<str:key>/",
                view(self.review_view),
                name="postings_posting_review_text",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="source")
    def came_from(self, obj):
        source = _source_of(obj)
        if source is None:
            return "–"
        flags = []
        if source.held_back_at:
            flags.append("edited here; board changes held back")
        if source.removed_at:
            flags.append("removed from the board")
        return format_html(
            "{}{}",
            source.get_origin_display(),
            format_html_join(
                "", '<br><strong class="import-flag">{}</strong>', ((f,) for f in flags)
            ),
        )

    @admin.action(
        description="Update from the job board at the next import (drops edits made here)",
        permissions=["change"],
    )
    def resume_board_updates(self, request, queryset):
        held_back = PostingSource.objects.filter(
            posting__in=queryset, held_back_at__isnull=False
        ).select_related("posting")
        for source in held_back:
            services.source_resume_updates(source=source)
        count = len(held_back)
        self.message_user(
            request,
            f"{count} {'posting' if count == 1 else 'postings'} will take the board's version at "
            "the next import.",
            messages.SUCCESS if count else messages.WARNING,
        )

    # "New posting from text": the paste page, then the posting form pre-filled for review.

    def _companies(self, request):
        if request.user.is_superuser:
            return Company.objects.all()
        return Company.objects.filter(pk__in=company_ids_of(request.user))

    def from_text_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        companies = self._companies(request)
        form = PasteForm(companies=companies)
        if request.method == "POST":
            form = PasteForm(request.POST, request.FILES, companies=companies)
            if form.is_valid():
                reading = _read(form.pasted)
                problem = posting_problem(reading) if reading else READER_FAILED
                if problem is None:
                    key = _keep_pending(request, form.pasted, form.cleaned_data["company"])
                    return HttpResponseRedirect(
                        reverse("admin:postings_posting_review_text", args=[key])
                    )
                form.add_error("file" if form.pasted.filename else "text", problem)
        context = {
            **self.admin_site.each_context(request),
            "title": "New posting from text",
            "opts": self.model._meta,
            "form": form,
            "has_companies": companies.exists(),
        }
        return TemplateResponse(request, "admin/imports/posting/from_text.html", context)

    def review_view(self, request, key):
        if not self.has_add_permission(request):
            raise PermissionDenied
        pending = request.session.get(PENDING_SESSION_KEY, {}).get(key)
        if pending is None:
            self.message_user(
                request, "That pasted text is no longer here; paste it again.", messages.WARNING
            )
            return HttpResponseRedirect(reverse("admin:postings_posting_from_text"))
        pasted = PastedPosting(**pending["pasted"])
        reading = _read(pasted)
        if reading is None:
            self.message_user(request, READER_FAILED, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:postings_posting_from_text"))
        request.text_review = TextReview(
            key=key,
            pasted=pasted,
            draft=draft_from_reading(reading),
            company_id=pending["company"],
            company_named=reading.company,
        )
        return self.changeform_view(
            request, None, extra_context={"title": "New posting from text: check and save"}
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        review = _review(request)
        return review_form(form, review.draft) if review else form

    def get_changeform_initial_data(self, request):
        review = _review(request)
        if review is None:
            return super().get_changeform_initial_data(request)
        company = Company.objects.filter(pk=review.company_id).first()
        draft = review.draft
        return {
            **{name: value for name, value in draft.fields.items() if value not in ("", None)},
            "company": review.company_id,
            "slug": free_slug(company, draft.fields["title"]) if company else "",
            "locations": [row.pk for row in draft.locations],
            "research_areas": [row.pk for row in draft.research_areas],
            "categories": [row.pk for row in draft.categories],
        }

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        review = _review(request)
        if review and request.method != "POST":
            kwargs["initial"] = review.rows(inline.model)
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        review = _review(request)
        if review is not None:
            context.update(_review_context(review))
        source = _source_of(obj) if obj is not None else None
        if source is not None:
            context["posting_source"] = source
            context["original_text"] = original_html(source)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        review = _review(request)
        if review is None or change:
            return super().save_model(request, obj, form, change)
        services.posting_create_from_text(posting=obj, pasted=review.pasted, user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        review = _review(request)
        if review is None:
            return super().response_add(request, obj, post_url_continue)
        _forget_pending(request, review.key)
        # Saving from text makes a draft, whatever buttons the form was sent with.
        self.message_user(
            request,
            f"“{obj.title}” was saved as a draft: check it against the text below, then publish.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._change_url(obj))


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


READER_FAILED = (
    "The text could not be read: the reader failed on it (the error is logged for the site's "
    "developers). Try pasting only the posting's own text."
)


def _read(pasted: PastedPosting):
    """The reading of `pasted`, or None when the reader fails on it (logged, never a 500)."""
    try:
        return read_posting(pasted.text, html=pasted.is_html)
    except Exception:
        logger.exception("The posting reader failed on a pasted text")
        return None


def _source_of(posting) -> PostingSource | None:
    try:
        return posting.source
    except ObjectDoesNotExist:
        return None


def _review_context(review: TextReview) -> dict:
    company = Company.objects.filter(pk=review.company_id).first()
    named = review.company_named
    draft = review.draft
    return {
        "text_review": review,
        "original_text": original_html(review.pasted),
        "pay_found": len(draft.pay_bands),
        "pay_note": draft.notes.get("pay", ""),
        "requirements_found": len(draft.requirements),
        "requirements_note": draft.notes.get("requirements", ""),
        "other_company": named
        if named and company and named.lower() != company.name.lower()
        else "",
    }


def original_html(source: PostingSource | PastedPosting):
    """The text a posting was read from, safe to show: HTML cleaned again, or plain text as is."""
    if isinstance(source, PostingSource):
        text, is_html = source.original_text, source.original_is_html
    else:
        text, is_html = source.text, source.is_html
    if is_html:
        cleaned = sanitised_original(text, is_html=True)
        return format_html('<div class="original-text">{}</div>', mark_safe(cleaned))  # noqa: S308
    return format_html('<pre class="original-text">{}</pre>', text)


def _keep_pending(request, pasted: PastedPosting, company: Company) -> str:
    pending = request.session.get(PENDING_SESSION_KEY, {})
    key = secrets.token_urlsafe(12)
    pending[key] = {"pasted": asdict(pasted), "company": company.pk}
    request.session[PENDING_SESSION_KEY] = dict(list(pending.items())[-PENDING_KEPT:])
    return key


def _forget_pending(request, key: str) -> None:
    pending = request.session.get(PENDING_SESSION_KEY, {})
    if pending.pop(key, None) is not None:
        request.session[PENDING_SESSION_KEY] = pending


# Job boards: superusers connect them; a company's recruiters see how its imports went.


@admin.register(JobBoard)
class JobBoardAdmin(admin.ModelAdmin):
    list_display = ["company", "board", "publish_at_once", "last_imported", "last_result"]
    list_select_related = ["company", "last_run"]
    search_fields = ["company__name", "token"]
    autocomplete_fields = ["company"]
    readonly_fields = ["last_imported", "last_result", "last_changes", "recent_runs"]
    fieldsets = [
        (None, {"fields": ["company", "kind", "token", "publish_at_once"]}),
        ("Last import", {"fields": ["last_imported", "last_result", "last_changes"]}),
        ("Recent imports", {"fields": ["recent_runs"]}),
    ]
    actions = ["import_now"]

    def get_object(self, request, object_id, from_field=None):
        # Another company's board is answered as if it did not exist, as its postings are.
        board = super().get_object(request, object_id, from_field)
        if board is None:
            raise Http404("No such job board among your companies'.")
        return board

    def get_queryset(self, request):
        boards = super().get_queryset(request)
        if request.user.is_superuser:
            return boards
        return boards.filter(company__in=company_ids_of(request.user))

    # Recruiters may look at their companies' boards and import them now; only superusers
    # connect, change or remove a board.

    def _is_recruiter(self, request):
        return (
            request.user.is_active and request.user.is_staff and bool(company_ids_of(request.user))
        )

    def has_module_permission(self, request):
        return request.user.is_superuser or self._is_recruiter(request)

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if obj is not None:
            return may_edit_company(request.user, obj.company_id)
        return self._is_recruiter(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_list_filter(self, request):
        return ["kind", "publish_at_once"] if request.user.is_superuser else []

    @admin.display(description="board", ordering="kind")
    def board(self, board):
        return f"{board.get_kind_display()}: {board.token}"

    @admin.display(description="last imported", ordering="last_run__finished_at")
    def last_imported(self, board):
        return _when(board.last_run.finished_at) if board.last_run else "never"

    @admin.display(description="result")
    def last_result(self, board):
        run = board.last_run
        if run is None:
            return "–"
        if run.error:
            return format_html('<strong class="import-flag">{}</strong>', run.summary)
        return run.summary

    @admin.display(description="what changed")
    def last_changes(self, board):
        run = board.last_run
        if run is None or not run.report:
            return "Nothing."
        return format_html_join(
            mark_safe("<br>"), "{}", ((line,) for line in run.report.splitlines())
        )

    @admin.display(description="recent imports")
    def recent_runs(self, board):
        runs = board.runs.all()[:10]
        if not runs:
            return "None yet."
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td></tr>",
            ((_when(run.finished_at), run.summary) for run in runs),
        )
        return format_html(
            "<table><thead><tr><th>finished</th><th>result</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )

    @admin.action(description="Import now", permissions=["view"])
    def import_now(self, request, queryset):
        boards = list(queryset.select_related("company")[: IMPORT_NOW_LIMIT + 1])
        if len(boards) > IMPORT_NOW_LIMIT:
            self.message_user(
                request,
                f"Import at most {IMPORT_NOW_LIMIT} boards at a time; each may take a while.",
                messages.WARNING,
            )
            return
        for board in boards:
            report = services.board_import(board=board, retries=0)
            if report.skipped:
                self.message_user(request, f"{board.company}: {report.skipped}.", messages.WARNING)
                continue
            run = ImportRun.objects.filter(board=board).first()
            level = messages.ERROR if report.error else messages.SUCCESS
            self.message_user(request, f"{board.company}: {run.summary}.", level)


@admin.register(PostingSource)
class PostingSourceAdmin(admin.ModelAdmin):
    """Superusers only (recruiters see a posting's source on the posting itself). Deleting the
    source of a deleted import lets the next import bring that posting back."""

    list_display = ["__str__", "origin", "board", "external_id", "created_at", "removed_at"]
    list_filter = ["origin", ("board", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["posting", "board", "board__company"]
    search_fields = ["external_id", "posting__title"]
    readonly_fields = [field.name for field in PostingSource._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
