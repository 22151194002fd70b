"""Admin registration of every postings model (the recruiter workflow builds on this)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from postings.models import Category, Company, Location, PayBand, Posting, Requirement, ResearchArea


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


class PayBandInline(admin.TabularInline):
    model = PayBand
    extra = 0
    fields = ["minimum", "maximum", "currency", "period", "location", "position"]
    autocomplete_fields = ["location"]


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = ["kind", "text", "position"]


@admin.register(Posting)
class PostingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "company", "status", "season", "year", "posted_on", "closes_on"]
    list_filter = ["status", "company", "season", "year"]
    search_fields = ["title", "team", "company__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["company", "locations", "research_areas", "categories"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PayBandInline, RequirementInline]
