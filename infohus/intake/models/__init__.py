"""Intake models, one module per area (each area has one owner while it is being built)."""

from infohus.intake.models.attachment import ConcernAttachment
from infohus.intake.models.concern import Concern, ConcernSubject
from infohus.intake.models.hotline import CallerType, HotlineAdvice, HotlineCall
from infohus.intake.models.inbox import ConcernAssignment, ConcernTransfer, InboxDeputy
from infohus.intake.models.release import (
    AlertParty,
    ReleaseAlert,
    ReleaseNotice,
    SeverityCategory,
)
from infohus.intake.models.share import ConcernShare

__all__ = [
    "AlertParty",
    "CallerType",
    "Concern",
    "ConcernAssignment",
    "ConcernAttachment",
    "ConcernShare",
    "ConcernSubject",
    "ConcernTransfer",
    "HotlineAdvice",
    "HotlineCall",
    "InboxDeputy",
    "ReleaseAlert",
    "ReleaseNotice",
    "SeverityCategory",
]
