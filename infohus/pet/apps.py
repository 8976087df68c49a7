from django.apps import AppConfig


class PetConfig(AppConfig):
    name = "infohus.pet"
    label = "pet"
    verbose_name = "PET's compartment (exit programme)"
