"""Solvers for weeks 2-6: sympy in, Step trees out, built on the differentiation engine.

Each module owns one family and returns a Step tree (tutor/steps/step.py) whose every partial
derivative is a full derivation from `tutor.steps.derive`, so the single-variable rules explain
the multivariate work too. Like the engine: no I/O, no randomness, no wording (sentences live in
tutor/render, keyed by rule id). Numbers are exact where the inputs are exact; floats carry the
precision they were computed to in `details["digits"]` (see tutor.solvers.numbers).

Families: `multivariate` (partials, gradient, directional derivative, Jacobian, Hessian, values at
a point), `chain` (total derivative, matrix form, backpropagation), `taylor`, `optimise` (Newton,
gradient descent, stationary points, Lagrange) and `regression` (chi-squared, fits).
"""
