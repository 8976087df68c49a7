"""Tampering with the audit table the way a database administrator could."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

TRIGGER = "core_auditevent_append_only"


@contextmanager
def as_dba() -> Iterator[CursorWrapper]:
    """A cursor that may UPDATE and DELETE audit rows: on PostgreSQL the append-only
    trigger is switched off around it (and back on after), as the table owner could."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred foreign-key checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE core_auditevent DISABLE TRIGGER {TRIGGER}")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE core_auditevent ENABLE TRIGGER {TRIGGER}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def update_row(pk: int, column: str, value: Any) -> None:
    with as_dba() as cursor:
        # The column name comes from the tests' own list, never from input.
        cursor.execute(f"UPDATE core_auditevent SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608


def delete_row(pk: int) -> None:
    with as_dba() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [pk])
