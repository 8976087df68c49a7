from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "infohus.governance"
    label = "governance"
    verbose_name = "Information governance"
