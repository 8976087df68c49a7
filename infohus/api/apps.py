from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "infohus.api"
    label = "api"
    verbose_name = "API for integrations"
