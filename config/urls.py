from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from infohus.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("organisationer/", include("infohus.organisations.urls")),
    path("revision/", include("infohus.governance.urls")),
    path("", include("infohus.reporting.urls")),
]
