"""The critical solvers' subcommands (see tutor.cli for the protocol)."""

from __future__ import annotations


def add_parsers(commands) -> None:
    """Declare this family's subcommands; each sets its own `run`."""
