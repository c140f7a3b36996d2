"""Warm-up for the worker processes: importing this module IS the warm-up (a preload module).

sympy imports much of itself lazily and builds tables on first use: in a fresh process the first
simplify costs ~0.5 s more than later ones (solve, integrate ~0.1 s), over 40 modules imported on
the way.
A worker that paid that inside a task's 2 s timeout would time out on an honest answer, and so
would every replacement after a timeout. So the forkserver imports this module once (it is in
WorkerPool's default `preload`): the workload below runs there, and every worker forked from it
starts warm. It ends with gc.freeze(), which moves everything loaded so far out of the garbage
collector's view: a full collection in a worker then scans only the task's own objects (1 ms, not
~150 ms for all of sympy), and does not touch (and copy) the pages shared with the forkserver.

To extend: add an operation the checker uses to `_workload` if its first call is slow in a
fresh worker (measure with a pool: compare the first and second call's round trip).
"""

from __future__ import annotations

import gc

import sympy


def _workload() -> None:
    """One cheap call each of the operations answer checks use (about 1 s in all, once).

    No lambdify: the package never calls it (tests/test_layers.py), so evalf warms evaluation."""
    x = sympy.Symbol("x", real=True)
    f = x**2 * sympy.sin(x) + sympy.exp(2 * x) / (x + 1)
    sympy.simplify(sympy.sin(x) ** 2 + sympy.cos(x) ** 2 + x / (x + 1))
    sympy.factor(x**2 - 1)
    sympy.cancel((x**2 - 1) / (x - 1))
    sympy.solve(x**2 - 4, x)
    sympy.solveset(sympy.sin(x) - 1, x, sympy.Interval(0, 7))
    (sympy.sin(x) ** 2 + sympy.cos(x) ** 2).equals(1)
    sympy.limit(sympy.sin(x) / x, x, 0)
    sympy.integrate(x * sympy.exp(x), x)
    sympy.diff(f, x).evalf(30, subs={x: sympy.Rational(3, 2)})


_workload()
gc.freeze()
