"""The statuses a run goes through; which moves between them are allowed is ``store.TRANSITIONS``.

A module of its own because ``tunix-rt runs list --status`` offers these as choices, and Typer
reads them when it builds the command line: that must not import the store (SQLAlchemy).
"""

from __future__ import annotations

from enum import StrEnum


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    CANCEL_REQUESTED = "cancel_requested"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
