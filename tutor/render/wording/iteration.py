"""Wording of the iteration solvers (tutor.solvers): rule id -> template, and rule id -> title."""

from __future__ import annotations

MESSAGES: dict[str, str] = {}

TITLES: dict[str, str] = {}
