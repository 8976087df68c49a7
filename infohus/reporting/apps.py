from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "infohus.reporting"
    label = "reporting"
    verbose_name = "Reporting and start pages"
