from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "infohus.cases"
    label = "cases"
    verbose_name = "Cases"
