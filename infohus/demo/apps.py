from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "infohus.demo"
    label = "demo"
    verbose_name = "Fictional demo data"
