"""Pages of alerts: sign up, confirm, unsubscribe (one click), manage an address's alerts."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from students import alerts, visitor
from students.forms import AlertForm
from students.models import Alert


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def alert_new(request):
    about = visitor.about_me(request)
    if request.method == "POST":
        form = AlertForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                alert = alerts.alert_subscribe(
                    email=data["email"],
                    query=data["query"],
                    frequency=data["frequency"],
                    about_me=about if data["use_about_me"] else None,
                )
            except alerts.TooManyConfirmations:
                return render(
                    request,
                    "students/alert_sent.html",
                    {"email": data["email"], "too_many": alerts.CONFIRMATIONS_PER_DAY},
                    status=429,
                )
            return render(
                request,
                "students/alert_sent.html",
                {"email": data["email"], "confirmed": alert.confirmed_at is not None},
            )
    else:
        form = AlertForm(initial={"query": alerts.clean_query(request.GET.urlencode())})
    query = alerts.clean_query(form["query"].value() or "")
    return render(
        request,
        "students/alert_new.html",
        {
            "form": form,
            "about": about,
            "title": alerts.alert_title(Alert(query=query)),
            "list_url": reverse("postings:list") + (f"?{query}" if query else ""),
        },
        status=400 if form.is_bound else 200,
    )


def _alert(token):
    return get_object_or_404(Alert, token=token)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def alert_confirm(request, token):
    """GET asks (mail scanners open links), POST confirms: double opt-in."""
    alert = _alert(token)
    if request.method == "POST":
        alerts.alert_confirm(alert=alert)
    return render(
        request, "students/alert_confirm.html", {"alert": alert, "title": alerts.alert_title(alert)}
    )


@never_cache
@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST with no token; the key is.
@require_http_methods(["GET", "HEAD", "POST"])
def alert_unsubscribe(request, token):
    alert = Alert.objects.filter(token=token).first()
    if request.method == "POST" and alert is not None:
        alerts.alert_unsubscribe(alert=alert)
        alert = None
        done = True
    else:
        done = alert is None and request.method == "POST"
    return render(
        request,
        "students/alert_unsubscribe.html",
        {
            "alert": alert,
            "done": done or alert is None,
            "title": alerts.alert_title(alert) if alert else "",
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def alert_manage(request, token):
    """Every alert of the address this alert's key belongs to."""
    alert = _alert(token)
    return render(
        request,
        "students/alert_manage.html",
        {
            "email": alert.email,
            "alerts": [
                (item, alerts.alert_title(item))
                for item in Alert.objects.for_email(alert.email).confirmed()
            ],
        },
    )
