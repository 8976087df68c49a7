"""Intake models, one module per area (each area has one owner while it is being built)."""

from infohus.intake.models.concern import Concern, ConcernSubject

__all__ = ["Concern", "ConcernSubject"]
