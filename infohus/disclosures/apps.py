from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "infohus.disclosures"
    label = "disclosures"
    verbose_name = "Disclosures"
