"""The public reporting form, mounted at /bekymring/ (no login)."""

from django.urls import path

from infohus.intake import public_views

app_name = "bekymring"

urlpatterns = [
    path("", public_views.report_concern, name="report_concern"),
    path("kvittering/", public_views.receipt, name="receipt"),
]
