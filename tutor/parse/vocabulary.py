"""The names students may type: functions (with aliases), constants and Greek letters.

This is the single list both syntaxes agree on. To support a new function, add its canonical
name to ``FUNCTION_ARITY`` and its constructor to ``tutor.parse.build`` (``Builder.call``),
then any alias spellings to ``FUNCTION_ALIASES``; the calculator tokenizer picks every name
up from here automatically. Names are case-sensitive.
"""

from __future__ import annotations

import re
import unicodedata

# Canonical function name -> accepted argument counts.
FUNCTION_ARITY: dict[str, tuple[int, ...]] = {
    **{
        name: (1,)
        for name in (
            "sin",
            "cos",
            "tan",
            "sec",
            "csc",
            "cot",
            "asin",
            "acos",
            "atan",
            "asec",
            "acsc",
            "acot",
            "sinh",
            "cosh",
            "tanh",
            "sech",
            "csch",
            "coth",
            "asinh",
            "acosh",
            "atanh",
            "asech",
            "acsch",
            "acoth",
            "exp",
            "ln",
            "sqrt",
            "cbrt",
            "abs",
            "erf",
            "gamma",
        )
    },
    "log": (1, 2),
    "root": (2,),
    "beta": (2,),
}

_TRIG = ("sin", "cos", "tan", "sec", "csc", "cot")
_HYPERBOLIC = ("sinh", "cosh", "tanh", "sech", "csch", "coth")

# Other spellings -> canonical name.
FUNCTION_ALIASES: dict[str, str] = {
    **{"arc" + name: "a" + name for name in _TRIG},
    **{"ar" + name: "a" + name for name in _HYPERBOLIC},
    **{"arc" + name: "a" + name for name in _HYPERBOLIC},
}

# f^-1 means the inverse function for these (sin^-1 x = asin x).
INVERSES: dict[str, str] = {name: "a" + name for name in _TRIG + _HYPERBOLIC}

# Greek letters that are also functions: the function only when directly followed by "(".
GREEK_FUNCTIONS = frozenset({"gamma", "beta"})

CONSTANTS = frozenset({"e", "pi"})

GREEK_NAMES = frozenset(
    {
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "vartheta",
        "iota",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "rho",
        "sigma",
        "tau",
        "upsilon",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Sigma",
        "Phi",
        "Psi",
        "Omega",
    }
)


def _greek_characters() -> dict[str, str]:
    """Greek letters typed as characters ('θ', 'Δ') -> their names; 'π' is the constant."""
    table = {}
    for name in GREEK_NAMES:
        case = "CAPITAL" if name[0].isupper() else "SMALL"
        letter = name.upper().replace("LAMBDA", "LAMDA")  # Unicode's spelling
        try:
            table[unicodedata.lookup(f"GREEK {case} LETTER {letter}")] = name
        except KeyError:  # varepsilon, vartheta, varphi have no letter of their own
            continue
    return table


GREEK_CHARACTERS = _greek_characters()

# A variable name: letters and digits starting with a letter, optionally "_" and a subscript.
VARIABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?")


def canonical_function(name: str) -> str | None:
    """The canonical function name for ``name`` (an alias or canonical), or None."""
    name = FUNCTION_ALIASES.get(name, name)
    return name if name in FUNCTION_ARITY else None
