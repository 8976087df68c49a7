from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "infohus.core"
    label = "core"
    verbose_name = "Infohus core"
