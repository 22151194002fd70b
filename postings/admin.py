"""The admin where recruiters keep their own companies' postings right."""

import re

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes import views as contenttype_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from postings import history, services
from postings.forms import (
    CLOSE_BUTTON,
    PUBLISH_BUTTON,
    REOPEN_BUTTON,
    PayBandAdminForm,
    PayBandFormSet,
    PostingAdminForm,
    RequirementAdminForm,
)
from postings.models import (
    ARRANGEMENT_FIELDS,
    DEGREE_FIELDS,
    Category,
    Company,
    DegreeLevel,
    ExchangeRate,
    Location,
    PayBand,
    Posting,
    Requirement,
    ResearchArea,
    Status,
    WorkArrangement,
)
from postings.permissions import may_edit_company

admin.site.site_header = "ML Intern Board admin"
admin.site.site_title = "ML Intern Board admin"
admin.site.index_title = "Postings and the lists they use"


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["recruiters"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["city", "region", "country"]
    list_filter = ["country"]
    search_fields = ["city", "region", "country"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """The rates pay converts through: superusers only, whatever permissions a group holds."""

    list_display = ["currency", "units_per_usd", "as_of", "source"]
    search_fields = ["currency"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


@admin.register(ResearchArea)
class ResearchAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class BooleanColumnsFilter(admin.SimpleListFilter):
    """Filters on one of several boolean columns (degree levels, work arrangements)."""

    options: type
    columns: dict

    def lookups(self, request, model_admin):
        return self.options.choices

    def queryset(self, request, queryset):
        column = self.columns.get(self.value())
        return queryset.filter(**{column: True}) if column else queryset


class DegreeFilter(BooleanColumnsFilter):
    title = "degree"
    parameter_name = "degree"
    options = DegreeLevel
    columns = DEGREE_FIELDS


class ArrangementFilter(BooleanColumnsFilter):
    title = "arrangement"
    parameter_name = "arrangement"
    options = WorkArrangement
    columns = ARRANGEMENT_FIELDS


class RecruitersOfItsCompanyMixin:
    """View, change and delete only for those who may edit the posting's company (superusers,
    or its recruiters); the model's own permissions still apply. `obj` is the posting."""

    def _may_edit(self, request, obj):
        return obj is None or may_edit_company(request.user, obj.company_id)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)


class PostingRowInline(RecruitersOfItsCompanyMixin, admin.TabularInline):
    """A posting's rows, editable only by those who may edit the posting."""

    extra = 0
    ordering = ["position", "pk"]

    def get_queryset(self, request):
        editable = Posting.objects.editable_by(request.user)
        return super().get_queryset(request).filter(posting__in=editable)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)


class PayBandInline(PostingRowInline):
    model = PayBand
    form = PayBandAdminForm
    formset = PayBandFormSet
    fields = ["position", "minimum", "maximum", "currency", "period", "location"]
    autocomplete_fields = ["location"]


class RequirementInline(PostingRowInline):
    model = Requirement
    form = RequirementAdminForm
    fields = ["position", "kind", "text"]


@admin.register(Posting)
class PostingAdmin(RecruitersOfItsCompanyMixin, SimpleHistoryAdmin):
    form = PostingAdminForm
    object_history_template = "admin/postings/posting/object_history.html"
    list_display = [
        "title",
        "company",
        "status",
        "students_see",
        "season_and_year",
        "pay_as_posted",
        "date_posted",
        "closes_on",
    ]
    list_filter = [
        "status",
        ("company", admin.RelatedOnlyFieldListFilter),
        "season",
        ArrangementFilter,
        DegreeFilter,
    ]
    search_fields = ["title", "slug", "team", "organization", "company__name"]
    date_hierarchy = "date_posted"
    # Drafts (no posting date yet) first, then the most recently posted.
    ordering = [F("date_posted").desc(nulls_first=True), "-created_at"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["locations", "research_areas", "categories"]
    readonly_fields = ["status", "starts_on", "first_published_on", "created_at", "updated_at"]
    inlines = [PayBandInline, RequirementInline]
    actions = [
        "publish_selected",
        "close_selected",
        "reopen_selected",
        "duplicate_selected",
        "delete_selected_drafts",
    ]
    fieldsets = [
        (None, {"fields": ["company", "title", "slug", "status", "loaded_version"]}),
        (
            "The role",
            {
                "fields": [
                    "organization",
                    "team",
                    "categories",
                    "summary",
                    ("season", "year"),
                    "start_window",
                    "starts_on",
                    "duration_weeks",
                ]
            },
        ),
        (
            "Who and where",
            {
                "fields": [
                    ("for_bachelors", "for_masters", "for_phd"),
                    ("offers_onsite", "offers_hybrid", "offers_remote"),
                    "locations",
                    "applicants_based_in",
                    "work_authorization",
                    "research_areas",
                ]
            },
        ),
        ("Statements", {"fields": ["note_to_applicants", "in_office_requirement", "pay_note"]}),
        ("Applying", {"fields": ["apply_url", "posted_on", "first_published_on", "closes_on"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    # Who may see and touch what: every URL and action goes through these.

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .editable_by(request.user)
            .select_related("company")
            .prefetch_related("pay_bands")
        )

    def get_object(self, request, object_id, from_field=None):
        # Another company's posting is answered as if it did not exist.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such posting among those you may edit.")
        return obj

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "company" and not request.user.is_superuser:
            kwargs["queryset"] = Company.objects.recruited_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        companies = list(Company.objects.recruited_by(request.user)[:2])
        if len(companies) == 1:
            initial.setdefault("company", companies[0].pk)
        return initial

    # Columns.

    @admin.display(description="season", ordering="year")
    def season_and_year(self, obj):
        return obj.season_label

    @admin.display(description="students see")
    def students_see(self, obj):
        """What the student pages show: open, or closed and why; drafts are not shown."""
        if obj.status == Status.DRAFT:
            return "Not shown (draft)"
        reason = obj.closed_reason()
        if reason is not None:
            return reason.label
        if obj.closes_on is not None:
            return f"Open until {date_format(obj.closes_on, 'j M Y')}"
        return f"Open until it starts, {date_format(obj.starts_on, 'j M Y')}"

    @admin.display(description="pay as posted")
    def pay_as_posted(self, obj):
        return "; ".join(band.as_posted() for band in obj.pay_bands.all()) or "–"

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["errors_at"] = errors_at(
            context["adminform"].form, context.get("inline_admin_formsets", [])
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Saving: the version check and the workflow buttons.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.PostingConflict:
            # Lost a race after validation: the other save has committed by now, so the
            # form's version check reports it and keeps this recruiter's input.
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except services.PostingConflict:
                self.message_user(request, "Someone else saved this posting; reload and retry.")
                return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get("loaded_version") if change else None
        services.posting_save(posting=obj, user=request.user, expected_version=expected)

    def _run_button(self, request, obj) -> bool:
        buttons = {
            PUBLISH_BUTTON: (services.posting_publish, "published"),
            CLOSE_BUTTON: (services.posting_close, "closed"),
            REOPEN_BUTTON: (services.posting_reopen, "reopened"),
        }
        for name, (service, done) in buttons.items():
            if name in request.POST:
                try:
                    service(posting=obj, user=request.user)
                except ValidationError as error:
                    message = " ".join(error.messages)
                    self.message_user(request, f"Saved, but not {done}: {message}", messages.ERROR)
                else:
                    self.message_user(request, f"“{obj}” was saved and {done}.", messages.SUCCESS)
                return True
        return False

    def response_add(self, request, obj, post_url_continue=None):
        if self._run_button(request, obj):
            return HttpResponseRedirect(self._change_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._run_button(request, obj):
            return HttpResponseRedirect(self._change_url(obj))
        return super().response_change(request, obj)

    def _change_url(self, obj):
        return reverse("admin:postings_posting_change", args=[obj.pk])

    def delete_model(self, request, obj):
        services.posting_delete(posting=obj, user=request.user)

    # Actions, each through the service that every other caller uses.

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Only drafts may be deleted: the action below refuses the rest one by one.
        actions.pop("delete_selected", None)
        return actions

    def _apply(self, request, queryset, service, *, done: str):
        changed, refused = 0, []
        for posting in queryset:
            try:
                with transaction.atomic():
                    service(posting=posting, user=request.user)
            except (ValidationError, services.PostingConflict) as error:
                reason = " ".join(getattr(error, "messages", [])) or "changed meanwhile."
                refused.append(f"“{posting.title}”: {reason}")
            else:
                changed += 1
        noun = "posting" if changed == 1 else "postings"
        level = messages.SUCCESS if changed else messages.WARNING
        self.message_user(request, f"{changed} {noun} {done}.", level)
        if refused:
            self.message_user(
                request, f"{len(refused)} not {done}: " + " ".join(refused), messages.WARNING
            )

    @admin.action(description="Publish selected drafts", permissions=["change"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, services.posting_publish, done="published")

    @admin.action(description="Close selected postings", permissions=["change"])
    def close_selected(self, request, queryset):
        self._apply(request, queryset, services.posting_close, done="closed")

    @admin.action(description="Reopen selected closed postings", permissions=["change"])
    def reopen_selected(self, request, queryset):
        self._apply(request, queryset, services.posting_reopen, done="reopened")

    @admin.action(description="Duplicate selected as drafts", permissions=["add"])
    def duplicate_selected(self, request, queryset):
        self._apply(
            request, queryset, services.posting_duplicate_as_draft, done="duplicated as drafts"
        )

    @admin.action(description="Delete selected drafts", permissions=["delete"])
    def delete_selected_drafts(self, request, queryset):
        self._apply(request, queryset, services.posting_delete, done="deleted")

    # History: the posting's own versions, its rows' changes, and restoring a version.

    def _posting_or_404(self, request, object_id):
        """The live posting, or for a deleted one its last recorded state, if theirs."""
        object_id = id_or_404(unquote(object_id))
        posting = self.get_queryset(request).filter(pk=object_id).first()
        if posting is None:
            posting = history.last_recorded_state(object_id)
        if posting is None or not may_edit_company(request.user, posting.company_id):
            raise Http404("No such posting among those you may edit.")
        return posting

    def history_view(self, request, object_id, extra_context=None):
        posting = self._posting_or_404(request, object_id)
        context = {"row_changes": history.row_changes(posting.pk), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        posting = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, posting):
            raise PermissionDenied
        record = get_object_or_404(
            Posting.history.filter(id=posting.pk), history_id=id_or_404(version_id)
        )
        if request.method == "POST":
            try:
                services.posting_restore(posting=posting, record=record, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(
                request,
                f"Restored the version of {record.history_date:%Y-%m-%d %H:%M} "
                f"(status kept as {posting.get_status_display().lower()}).",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(posting))
        pay_bands, requirements = services.posting_version_rows(record=record)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore an earlier version of “{posting.title}”",
            "opts": self.model._meta,
            "original": posting,
            "record": record,
            "differences": history.field_differences(record, posting),
            "pay_bands": [row.instance for row in pay_bands],
            "requirements": [row.instance for row in requirements],
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/postings/posting/restore_version.html", context)


def errors_at(form, inline_admin_formsets) -> list[dict]:
    """Each field at fault in a change form and its inline rows: what to call it, the id of
    its input (the note above the form links there) and its messages."""
    labels = getattr(form, "error_note_labels", {})
    found = [
        _error(
            labels.get(name) or capfirst(form.fields[name].label),
            form[name].id_for_label,
            problems,
        )
        for name, problems in form.errors.items()
        if name in form.fields
    ]
    for inline in inline_admin_formsets:
        formset = inline.formset
        names = formset.model._meta
        if formset.non_form_errors():
            found.append(
                _error(
                    capfirst(names.verbose_name_plural),
                    f"{formset.prefix}-group",
                    formset.non_form_errors(),
                )
            )
        for number, row in enumerate(formset.forms, start=1):
            row_label = f"{capfirst(names.verbose_name)} {number}"
            for name, problems in row.errors.items():
                if name in row.fields:
                    label = f"{row_label}, {row.fields[name].label.lower()}"
                    found.append(_error(label, row[name].id_for_label, problems))
                else:
                    found.append(_error(row_label, f"{formset.prefix}-{number - 1}", problems))
    return found


def _error(label, anchor, problems):
    return {"label": label, "anchor": anchor, "messages": list(problems)}


def id_or_404(value: str) -> int:
    """The id a URL names, or 404: "1.0", "0x1" or "1/" name no row (and must not reach a query)."""
    if not re.fullmatch(r"[0-9]{1,18}", value):
        raise Http404("No such posting among those you may edit.")
    return int(value)


def superuser_only_shortcut(request, content_type_id, object_id):
    """Django's "view on site" redirect, which would reveal any object's public URL to any
    staff user; our postings link straight to their pages, so only superusers need it."""
    if not request.user.is_superuser:
        raise Http404
    return contenttype_views.shortcut(request, content_type_id, object_id)
