from django.urls import path

from infohus.governance import views

app_name = "governance"
urlpatterns = [
    path("auditlog/", views.audit_log, name="audit_log"),
    path("auditlog/<int:pk>/", views.audit_entry, name="audit_entry"),
    path("auditlog/eksport/", views.audit_export, name="audit_export"),
]
