"""Layouts of the regression solvers' Step trees (see tutor.render.solutions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.render.solutions import Layout

LAYOUTS: dict[str, Layout] = {}
