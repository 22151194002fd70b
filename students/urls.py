"""URLs of a visitor's own pages (no account: a key in their session or private link)."""

from django.urls import path

from students import alert_views, views

app_name = "students"

urlpatterns = [
    path("me/", views.my_list, name="my-list"),
    path("me/about/", views.about_me, name="about-me"),
    path("me/save/<int:posting_id>/", views.save_posting, name="save"),
    path("me/entries/<int:entry_id>/", views.update_entry, name="update-entry"),
    path("me/entries/<int:entry_id>/remove/", views.remove_entry, name="remove-entry"),
    path("me/new-link/", views.new_link, name="new-link"),
    path("me/export.csv", views.export_csv, name="export-csv"),
    path("me/list/<str:key>/", views.open_list, name="open-list"),
    path("me/list/<str:key>/calendar.ics", views.list_calendar, name="list-calendar"),
    path("alerts/new/", alert_views.alert_new, name="alert-new"),
    path("alerts/<str:token>/confirm/", alert_views.alert_confirm, name="alert-confirm"),
    path(
        "alerts/<str:token>/unsubscribe/", alert_views.alert_unsubscribe, name="alert-unsubscribe"
    ),
    path("alerts/<str:token>/", alert_views.alert_manage, name="alert-manage"),
]
