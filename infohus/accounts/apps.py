from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "infohus.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Audit receivers for allauth's authentication events (not domain logic; see ADR 0004).
        from infohus.accounts import receivers  # noqa: F401
