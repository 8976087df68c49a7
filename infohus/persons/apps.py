from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "infohus.persons"
    label = "persons"
    verbose_name = "Focus persons"
