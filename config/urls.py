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
    path("bekymring/", include("infohus.intake.public_urls")),
    path("henvendelser/", include("infohus.intake.urls")),
    path("sager/", include("infohus.cases.urls")),
    path("delte-henvendelser/", include("infohus.intake.shared_urls")),
    path("pet/visitation/", include("infohus.intake.pet_urls")),
    path("pet/exit/", include("infohus.pet.urls")),
    path("hotline/", include("infohus.intake.hotline_urls")),
    path("loesladelser/", include("infohus.intake.release_urls")),
    path("api/v1/", include("infohus.api.urls")),
    path("", include("infohus.reporting.urls")),
]
