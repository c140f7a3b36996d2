"""LaTeX syntax: guarded use of latex2sympy2_extended, then a rebuild through Builder.

latex2sympy is a general-purpose reader with its own ideas, so nothing reaches it unchecked:

1. Screening: characters are whitelisted (``=``, ``,``, ``'`` and ``%`` are refused with a
   reason), every ``\\command`` must be on ``_ALLOWED`` (file, definition and catcode commands
   are named and refused first), and ``\\operatorname``/``\\mathrm``-style arguments are checked.
2. Layout rewrites we do ourselves instead of latex2sympy's ``NormalizationConfig`` (whose
   answer-grading heuristics drop primes, turn "and" into commas and strip units), keeping
   positions: ``\\left``/``\\right``, ``$``, ``\\displaystyle`` and ``\\ `` go, ``\\mathrm`` and
   friends become ``\\text``. We call it with ``normalization_config=None``.
3. Known misreadings are refused with advice: an unbracketed function argument running into
   an explicit product (``\\sin x \\cdot y`` reads as sin(x·y), ``\\ln x / x`` as ln(1)), mixed
   numbers (``2\\frac{1}{2}`` reads as 5/2), numbers side by side (``1 000`` reads as 0),
   ``^T`` (a transpose), ``|_{2}`` (evaluation), signed exponents without braces and double
   superscripts.
4. Meaning rewrites: ``\\log`` becomes ``\\ln`` when logs are natural (latex2sympy's ``\\log``
   is base 10), and ``3.5e-2`` becomes ``(3.5\\cdot 10^{-2})`` (latex2sympy reads 3.5·e - 2).
   ``\\frac12`` and ``\\sqrt x`` get the braces TeX implies, and a letter raised to a power is
   braced (``{x}^{2}``), which latex2sympy reads the same way but ANTLR parses much faster.
5. Conversion (``tutor.parse.latex_convert``): latex2sympy runs under
   ``sympy.evaluate(False)`` with a deadline, exact numbers and written quotients.
6. ``tutor.parse.latex_tree`` rebuilds the unevaluated tree through the guarded Builder, once
   per builder (evaluated, and written when asked for).

To accept a new command, add it to ``_ALLOWED`` and, if latex2sympy returns a new node type
for it, a case in ``latex_tree``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from tutor.parse.build import Builder
from tutor.parse.errors import (
    EQUATION_REFUSAL,
    PRIME_REFUSAL,
    TUPLE_REFUSAL,
    ParseError,
    describe_character,
    shorten,
)
from tutor.parse.latex_convert import convert
from tutor.parse.latex_tree import rebuild
from tutor.parse.source import BRACKET_PAIRS, MappedText, check_brackets, normalize_unicode
from tutor.parse.vocabulary import (
    FUNCTION_ALIASES,
    FUNCTION_ARITY,
    GREEK_CHARACTERS,
    GREEK_NAMES,
)

FUNCTION_COMMANDS = frozenset(
    {
        "sin",
        "cos",
        "tan",
        "sec",
        "csc",
        "cot",
        "arcsin",
        "arccos",
        "arctan",
        "arcsec",
        "arccsc",
        "arccot",
        "sinh",
        "cosh",
        "tanh",
        "arsinh",
        "arcsinh",
        "arcosh",
        "arccosh",
        "artanh",
        "arctanh",
        "exp",
        "ln",
        "log",
        "operatorname",
    }
)
_OPERATOR_NAMES = frozenset({"arsinh", "arcsinh", "arcosh", "arccosh", "artanh", "arctanh"})
_TEXT_COMMANDS = frozenset({"mathrm", "mathit", "text", "textrm", "textit"})
_ALLOWED = (
    FUNCTION_COMMANDS
    | _TEXT_COMMANDS
    | GREEK_NAMES
    | {
        "frac",
        "dfrac",
        "tfrac",
        "sqrt",
        "left",
        "right",
        "cdot",
        "times",
        "div",
        "pi",
        "lvert",
        "rvert",
        "vert",
        "quad",
        "qquad",
        "displaystyle",
        ",",
        ";",
        ":",
        "!",
        " ",
    }
)
FORBIDDEN_COMMANDS = frozenset(
    {
        "input",
        "include",
        "write",
        "def",
        "newcommand",
        "renewcommand",
        "let",
        "catcode",
        "csname",
        "immediate",
        "openout",
        "read",
        "usepackage",
        "expandafter",
        "begin",
    }
)
_CALCULATOR_ONLY = (frozenset(FUNCTION_ARITY) | frozenset(FUNCTION_ALIASES)) - _ALLOWED
_ALLOWED_CHARACTERS = frozenset("+-*/^_()[]{}|!. \t\n\r$")
_REPLACEMENTS = {
    "π": "\\pi ",
    "×": "\\times ",
    "·": "\\cdot ",
    "⋅": "\\cdot ",
    "∗": "*",
    "−": "-",
    "–": "-",
    "÷": "\\div ",
} | {char: f"\\{name} " for char, name in GREEK_CHARACTERS.items()}
_MAX_LATEX_DEPTH = 40  # ANTLR needs ~10 Python frames per nesting level

_TOKEN = re.compile(r"\\([A-Za-z]+)|\\(.)|(.)", re.DOTALL)
_LAYOUT = re.compile(r"\\(?:left|right|displaystyle)(?![A-Za-z])|\$|\\ ")
_TEXT_COMMAND = re.compile(r"\\(?:mathrm|mathit|textrm|textit)(?![A-Za-z])")
_COMMAND_ARGUMENT = re.compile(r"\s*\{([^{}]*)\}")
_ARGUMENT = r"(\{[^{}]*\}|\\[A-Za-z]+|[^\s{}\\])"
_UNDELIMITED_FRACTION = re.compile(rf"\\([dt]?frac)\s*{_ARGUMENT}\s*{_ARGUMENT}")
_UNDELIMITED_ROOT = re.compile(rf"\\sqrt\s*(\[[^\[\]]*\])?\s*(?!\[){_ARGUMENT}")
_NATURAL_LOG = re.compile(r"\\log(?![A-Za-z])(?!\s*_)")
_SCIENTIFIC = re.compile(r"(?<![A-Za-z\d.\\])(\d+\.?\d*|\.\d+)[eE]([+-]?\d+)")
_MISREADINGS = (
    (
        re.compile(r"(?<![\d.^_])\d+\s*\\[dt]?frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\}"),
        "a number before \\frac is ambiguous: write 2+\\frac{1}{2} for a mixed number or "
        "2\\cdot\\frac{1}{2} for a product",
    ),
    (re.compile(r"\d\s+\.?\d"), "two numbers in a row: join them or write \\cdot between them"),
    (re.compile(r"\^T|\^\{T\}"), "'^T' is read as a transpose; write ^{(T)} for a power of T"),
    (re.compile(r"\|\s*_"), "evaluation bars |_{...} are not supported"),
    (re.compile(r"\^\s*[-+]"), "put a signed exponent in braces, e.g. x^{-1}"),
    (
        re.compile(r"\^\s*(?:\{[^{}]*\}|\\[A-Za-z]+|[^\s{\\])\s*\^"),
        "double superscript: write x^{a^{b}} or {x^{a}}^{b}",
    ),
)
_POWER_BASE = re.compile(r"\\([A-Za-z]++)|([A-Za-z])(?=\s*\^)")
_CARET_AHEAD = re.compile(r"\s*\^")
_SPACING = frozenset({"\\,", "\\;", "\\:", "\\!", "\\quad", "\\qquad"})
_EXPLICIT_PRODUCTS = frozenset({"\\cdot", "\\times", "\\div", "*", "/"})
_ARGUMENT_ENDS = frozenset({"+", "-", ")", "]", "}"})


@dataclass(frozen=True)
class _Token:
    key: str  # "\\name" for commands, "\\," for control symbols, else the character
    start: int
    end: int


def read_latex(
    text: str, builders: Sequence[Builder], variables: frozenset[str]
) -> list[sympy.Expr]:
    """The expression for LaTeX ``text`` once per builder (evaluated, then written), or
    ParseError. latex2sympy runs once; its tree is rebuilt by each builder in turn."""
    builder = builders[0]
    source = normalize_unicode(text, "^{{{}}}", _REPLACEMENTS)
    _screen(_lex(source.text), source, text)
    source = _rewrite_layout(source)
    tokens = [
        token
        for token in _lex(source.text)
        if not token.key.isspace() and token.key not in _SPACING
    ]
    brackets = [
        (token.key, source.origin(token.start)) for token in tokens if token.key in "()[]{}"
    ]
    check_brackets(brackets, text, min(builder.limits.max_depth, _MAX_LATEX_DEPTH))
    _refuse_misreadings(tokens, source, text)
    raw = convert(_rewrite_meaning(source, builder.log_default), text, builder)
    try:
        return [rebuild(raw, each, variables) for each in builders]
    except ParseError as err:
        raise err.located(None, text) from None


def _rewrite_layout(source: MappedText) -> MappedText:
    """Drop \\left, \\right, $ and friends; \\mathrm -> \\text; brace TeX's one-token
    arguments (``\\frac12`` -> ``\\frac{1}{2}``, ``\\sqrt x`` -> ``\\sqrt{x}``)."""
    source = source.substitute(_LAYOUT, lambda match: " " if match.group() == "\\ " else "")
    source = source.substitute(_TEXT_COMMAND, lambda match: "\\text")
    source = source.substitute(
        _UNDELIMITED_FRACTION,
        lambda match: f"\\{match.group(1)}{_braced(match.group(2))}{_braced(match.group(3))}",
    )
    return source.substitute(
        _UNDELIMITED_ROOT, lambda match: f"\\sqrt{match.group(1) or ''}{_braced(match.group(2))}"
    )


def _rewrite_meaning(source: MappedText, log_default: str) -> MappedText:
    """Say what we mean where latex2sympy would guess otherwise, and speed up its parse."""
    if log_default == "e":
        source = source.substitute(_NATURAL_LOG, lambda match: "\\ln")
    source = source.substitute(
        _SCIENTIFIC, lambda match: f"({match.group(1)}\\cdot 10^{{{match.group(2)}}})"
    )
    return source.substitute(_POWER_BASE, _brace_power_base)


def _braced(argument: str) -> str:
    """A TeX macro argument in braces: ``\\frac12`` takes ``1`` and ``2``."""
    return argument if argument.startswith("{") else "{" + argument + "}"


def _brace_power_base(match: re.Match[str]) -> str:
    """``x^2`` -> ``{x}^2`` (also ``\\theta^2``): the same tree, but ANTLR's fast SLL
    prediction accepts it, where a bare letter base forces the slow LL fallback."""
    command, letter = match.groups()
    if letter:
        return "{" + letter + "}"
    if command in GREEK_NAMES | {"pi"} and _CARET_AHEAD.match(match.string, match.end()):
        return "{" + match.group() + "}"
    return match.group()


def _lex(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        command, symbol, char = match.groups()
        key = "\\" + command if command else "\\" + symbol if symbol else char
        tokens.append(_Token(key, match.start(), match.end()))
    return tokens


def _screen(tokens: list[_Token], source: MappedText, text: str) -> None:
    """Refuse characters and commands outside the whitelist, naming each with its reason."""
    for token in tokens:
        position = source.origin(token.start)
        key = token.key
        if not key.startswith("\\") or len(key) == 1:
            reason = _character_refusal(key)
        elif not key.isprintable():  # a backslash before a newline or tab
            reason = f"unexpected character {describe_character(key[1])} after '\\'"
        else:
            reason = _command_refusal(key[1:], source.text, token.end)
        if reason:
            raise ParseError(reason, position, text)


def _character_refusal(char: str) -> str | None:
    if char.isascii() and char.isalnum() or char in _ALLOWED_CHARACTERS:
        return None
    if char == "'":
        return PRIME_REFUSAL
    if char == ",":
        return TUPLE_REFUSAL
    if char in "=<>":
        return EQUATION_REFUSAL
    return f"unexpected character {describe_character(char)}"


def _command_refusal(name: str, text: str, end: int) -> str | None:
    if name in FORBIDDEN_COMMANDS:
        return f"the LaTeX command '\\{shorten(name)}' is not allowed"
    if name == "prime":
        return PRIME_REFUSAL
    if name in _CALCULATOR_ONLY:
        return f"'\\{name}' is not supported in LaTeX; type it in calculator syntax, e.g. {name}(x)"
    if name not in _ALLOWED:
        return f"unsupported LaTeX command '\\{shorten(name)}'"
    if name == "operatorname" or name in _TEXT_COMMANDS:
        return _argument_refusal(name, text, end)
    return None


def _argument_refusal(command: str, text: str, end: int) -> str | None:
    match = _COMMAND_ARGUMENT.match(text, end)
    if match is None or not re.fullmatch(r"[A-Za-z]+", match.group(1).strip()):
        return f"'\\{command}' must be followed by letters in braces, e.g. \\{command}{{e}}"
    name = match.group(1).strip()
    if command == "operatorname" and name not in _OPERATOR_NAMES:
        return (
            f"'\\operatorname{{{shorten(name)}}}' is not supported in LaTeX; type it in "
            f"calculator syntax, e.g. {shorten(name)}(x)"
        )
    return None


def _refuse_misreadings(tokens: list[_Token], source: MappedText, text: str) -> None:
    for pattern, message in _MISREADINGS:
        if (match := pattern.search(source.text)) is not None:
            raise ParseError(message, source.origin(match.start()), text)
    for index, token in enumerate(tokens):
        if token.key.startswith("\\") and token.key[1:] in FUNCTION_COMMANDS:
            _check_bare_argument(tokens, index, source, text)


def _check_bare_argument(tokens: list[_Token], index: int, source: MappedText, text: str) -> None:
    """Refuse ``\\sin x \\cdot y``: latex2sympy stretches an unbracketed argument over it."""
    function = tokens[index].key
    position = index + 1
    if function == "\\operatorname":
        position = _skip_unit(tokens, position)
    while position < len(tokens) and tokens[position].key in ("^", "_"):
        position = _skip_unit(tokens, position + 1)
    if position < len(tokens) and tokens[position].key == "(":
        return
    seen_factor = False
    while position < len(tokens):
        key = tokens[position].key
        if key in "+-" and not seen_factor:
            position += 1
            continue
        if key in _ARGUMENT_ENDS or (seen_factor and key[1:] in FUNCTION_COMMANDS):
            return
        if key in _EXPLICIT_PRODUCTS:
            if seen_factor:
                raise ParseError(
                    f"ambiguous '{key}' after the unbracketed argument of "
                    f"'{function}': write {function}(...) with parentheses",
                    source.origin(tokens[position].start),
                    text,
                )
            return
        position = _skip_unit(tokens, position + 1 if key in ("^", "_") else position)
        seen_factor = True


def _skip_unit(tokens: list[_Token], position: int) -> int:
    """The index after the token at ``position``, or after its bracket group or |...|."""
    if position >= len(tokens):
        return position
    key = tokens[position].key
    if key == "|":
        closing = next(
            (i for i in range(position + 1, len(tokens)) if tokens[i].key == "|"), len(tokens) - 1
        )
        return closing + 1
    if key not in BRACKET_PAIRS:
        return position + 1
    depth = 0
    for index in range(position, len(tokens)):
        if tokens[index].key in BRACKET_PAIRS:
            depth += 1
        elif tokens[index].key in BRACKET_PAIRS.values():
            depth -= 1
            if depth == 0:
                return index + 1
    return len(tokens)
