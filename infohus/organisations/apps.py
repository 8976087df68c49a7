from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "infohus.organisations"
    label = "organisations"
    verbose_name = "Organisations"
