from django.urls import path

from infohus.governance import views

app_name = "governance"
urlpatterns = [
    path("auditlog/", views.audit_log, name="audit_log"),
]
