from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "infohus.intake"
    label = "intake"
    verbose_name = "Intake of concerns"
