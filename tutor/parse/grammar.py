"""Calculator grammar: the recursive-descent parser, building sympy through a Builder.

Grammar (``factor`` is what implicit multiplication and bare function arguments are made of)::

    sum      := product (("+" | "-") product)*
    product  := run (("*" | "/") run)*          run := unary factor*   (implicit products)
    unary    := ("+" | "-")* factor
    factor   := primary "!"* ("^" unary)?       right-associative; -x^2 = -(x^2), 2^-x
    primary  := number | constant | variable | group | "|" sum "|" | "√" factor | function
    group    := "(" sum ")" | "[" sum "]" | "{" sum "}"
    function := name ("_" base)? ("^" unary)? (group-with-commas | bare-argument)
    bare-argument := ("+" | "-")* factor factor*   stopping before a function name

A ``Mode`` says which way each ambiguous convention is read (``tutor.parse.calculator``
parses under each and collects the alternatives); a parse records the ``ambiguities`` it met
and, for the alternative's text, the ``groupings`` its mode implied. A parse with a written
Builder repeats the decisions an evaluating parse took on values (``_decide``: is ``sin^(0-1)``
the inverse? does a bare argument end?), so both take the same path.

Recursion goes through ``_nested``, which counts depth (brackets, bars, exponents, function
arguments) against ``Limits.max_depth``; the caller balances and depth-checks brackets before
parsing starts. To add syntax, add a branch to ``_primary`` (operands) or ``_product``
(operators) and build the value through ``self.builder``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sympy

from tutor.parse.build import Builder
from tutor.parse.errors import TUPLE_REFUSAL, ParseError, shorten
from tutor.parse.source import BRACKET_PAIRS, MappedText
from tutor.parse.tokens import Token
from tutor.parse.vocabulary import FUNCTION_ARITY, GREEK_NAMES, INVERSES

_CONSTANTS = {"e": sympy.E, "pi": sympy.pi}


@dataclass(frozen=True)
class Mode:
    """Which way each ambiguous convention is read; the default is the primary reading."""

    implicit_first: bool = False
    short_arguments: bool = False


@dataclass
class Parser:
    """One parse of a token list under one ``Mode``, building through ``builder``."""

    tokens: list[Token]
    source: MappedText
    original: str
    builder: Builder
    variables: frozenset[str]
    mode: Mode
    index: int = 0
    depth: int = 0
    open_bars: int = 0
    replaying: Iterator[bool] | None = None  # decisions to repeat instead of taking
    ambiguities: set[str] = field(default_factory=set)
    groupings: list[tuple[int, int]] = field(default_factory=list)
    decisions: list[bool] = field(default_factory=list)
    value: sympy.Expr = sympy.Integer(0)  # the result, once parsed

    def parse(self) -> sympy.Expr:
        value = self._sum()
        if (token := self._peek()) is not None:
            raise self._unexpected(token)
        self.value = value
        return value

    def replay(self) -> Iterator[bool]:
        """The decisions this (evaluating) parse took on values, for a written parse."""
        return iter(self.decisions)

    def _decide(self, decide: Callable[[], bool]) -> bool:
        """A parsing decision that depends on values: taken on evaluated values, repeated by
        a written parse (whose unevaluated values could decide otherwise)."""
        if self.replaying is not None:
            return next(self.replaying)
        decision = decide()
        self.decisions.append(decision)
        return decision

    # Token helpers ------------------------------------------------------------------------

    def _peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _require(self) -> Token:
        """The next token, which must exist."""
        token = self._peek()
        if token is None:
            raise self._unexpected(None)
        return token

    def _at(self, *texts: str) -> bool:
        token = self._peek()
        return token is not None and token.kind == "op" and token.text in texts

    def _error(self, message: str, token: Token) -> ParseError:
        return ParseError(message, self.source.origin(token.start), self.original)

    def _unexpected(self, token: Token | None) -> ParseError:
        if token is None:
            last = self.tokens[self.index - 1]
            return self._error(f"expression ends after '{shorten(last.text)}'", last)
        return self._error(f"unexpected '{shorten(token.text)}'", token)

    def _build(self, at: Token, construct: Callable[..., sympy.Expr], *args: Any) -> sympy.Expr:
        """Call a Builder method, locating its refusal at ``at``."""
        try:
            return construct(*args)
        except ParseError as err:
            raise err.located(self.source.origin(at.start), self.original) from None

    @contextmanager
    def _nested(self, at: Token, open_bars: int | None = None) -> Iterator[None]:
        """One level deeper (brackets, bars, exponents, arguments), with ``open_bars`` bars
        open inside (brackets start afresh; None keeps the enclosing count)."""
        if self.depth >= self.builder.limits.max_depth:
            raise self._error(
                f"too deeply nested (more than {self.builder.limits.max_depth} levels)", at
            )
        saved = self.depth, self.open_bars
        self.depth += 1
        if open_bars is not None:
            self.open_bars = open_bars
        try:
            yield
        finally:
            self.depth, self.open_bars = saved

    def _starts_factor(self, token: Token | None) -> bool:
        if token is None:
            return False
        if token.kind != "op":
            return True
        if token.text == "|":
            return self.open_bars == 0
        return token.text in BRACKET_PAIRS or token.text == "√"

    def _span(self, first: int) -> tuple[int, int]:
        return self.tokens[first].start, self.tokens[self.index - 1].end

    # Grammar ------------------------------------------------------------------------------
    # The recursive path is kept short -- at most six frames per nesting level (_sum,
    # _product, _factor, _primary, _function, _call_arguments) -- so that max_depth levels
    # stay well below Python's recursion limit; other helpers return before recursing.

    def _sum(self) -> sympy.Expr:
        first = self._require()
        terms = [self._product()]
        while self._at("+", "-"):
            operator = self._advance()
            term = self._product()
            terms.append(
                term if operator.text == "+" else self._build(operator, self.builder.negate, term)
            )
        return terms[0] if len(terms) == 1 else self._build(first, self.builder.add, terms)

    def _product(self) -> sympy.Expr:
        """Operands joined by "*", "/" and implicit multiplication (see ``Mode``)."""
        first = self._require()
        factors: list[sympy.Expr] = []
        operator = None
        while True:
            start = self.index
            first_token = self._require()
            negative = self._signs()
            run = [self._signed(first_token, negative, self._factor())]
            while self._starts_factor(self._peek()):
                run.append(self._factor())
            factors.extend(self._combine(operator, run, start))
            if not self._at("*", "/"):
                break
            operator = self._advance()
        return factors[0] if len(factors) == 1 else self._build(first, self.builder.mul, factors)

    def _combine(
        self, operator: Token | None, run: list[sympy.Expr], start: int
    ) -> list[sympy.Expr]:
        """The factors a run of implicit products contributes after ``operator``."""
        if operator is None or (operator.text == "*" and not self.mode.implicit_first):
            return run
        if self.mode.implicit_first:
            if operator.text == "*":
                return [self._build(operator, self.builder.mul, run)]
            if len(run) > 1:
                self.groupings.append(self._span(start))
            group = self._build(operator, self.builder.mul, run)
            return [self._build(operator, self.builder.reciprocal, group)]
        if len(run) > 1:
            self.ambiguities.add("implicit_first")
        return [self._build(operator, self.builder.reciprocal, run[0]), *run[1:]]

    def _signs(self) -> bool:
        """Consume leading signs; True when they make the operand negative."""
        negative = False
        while self._at("+", "-"):
            negative ^= self._advance().text == "-"
        return negative

    def _signed(self, first: Token, negative: bool, value: sympy.Expr) -> sympy.Expr:
        return self._build(first, self.builder.negate, value) if negative else value

    def _factor(self) -> sympy.Expr:
        """primary "!"* ("^" signs factor)?, the exponent being right-associative."""
        value = self._postfix(self._primary())
        if not self._at("^"):
            return value
        caret = self._advance()
        with self._nested(caret):
            first = self._require()
            negative = self._signs()
            exponent = self._signed(first, negative, self._factor())
        return self._build(caret, self.builder.power, value, exponent)

    def _postfix(self, value: sympy.Expr) -> sympy.Expr:
        while self._at("!"):
            bang = self._advance()
            if self._at("!"):
                raise self._error(
                    "double factorial '!!' is not supported; write (n!)! to repeat a factorial",
                    bang,
                )
            value = self._build(bang, self.builder.factorial, value)
        return value

    def _primary(self) -> sympy.Expr:
        token = self._peek()
        if token is None or (token.kind == "op" and not self._starts_operand(token)):
            raise self._unexpected(token)
        self._advance()
        if token.kind == "number":
            assert token.value is not None
            return token.value
        if token.kind == "name":
            if token.role == "constant":
                return _CONSTANTS[token.name]
            if token.role == "variable":
                return self.builder.symbol(token.name)
            return self._function(token)
        if token.text == "√":
            with self._nested(token):
                radicand = self._factor()
            return self._build(token, self.builder.call, "sqrt", [radicand])
        if token.text == "|":
            with self._nested(token, open_bars=self.open_bars + 1):
                value = self._sum()
            self._expect("|", token)
            return self._build(token, self.builder.call, "abs", [value])
        closer = BRACKET_PAIRS[token.text]
        if self._at(closer):
            raise self._error(f"empty brackets '{token.text}{closer}'", token)
        with self._nested(token, open_bars=0):
            value = self._sum()
        self._expect(closer, token)
        return value

    @staticmethod
    def _starts_operand(token: Token) -> bool:
        return token.text in BRACKET_PAIRS or token.text in ("|", "√")

    def _expect(self, closer: str, opener: Token) -> None:
        """Consume ``closer``, which ends what ``opener`` began."""
        token = self._peek()
        if token is not None and token.text == ",":
            raise self._error(TUPLE_REFUSAL, token)
        if token is None and closer == "|":
            raise self._error("unclosed '|'", opener)
        if token is None or token.text != closer:
            raise self._unexpected(token)
        self._advance()

    # Functions ----------------------------------------------------------------------------

    def _function(self, name: Token) -> sympy.Expr:
        """name ("_" base)? ("^" power)? then a bracketed argument list or a bare argument."""
        base = self._log_base(name) if name.subscript is not None else None
        caret = self._advance() if self._at("^") else None
        power = None
        if caret is not None:
            with self._nested(caret):
                first = self._require()
                negative = self._signs()
                power = self._signed(first, negative, self._factor())
        token = self._peek()
        if token is not None and token.kind == "op" and token.text in BRACKET_PAIRS:
            args = self._call_arguments()
        elif self._starts_factor(token) or self._at("+", "-"):
            args = [self._bare_argument(name)]
        else:
            raise self._error(f"'{shorten(name.text)}' needs an argument", name)
        if power is not None and self._decide(lambda: power == -1):
            return self._inverse(name, args, base)
        value = self._apply(name, args, base)
        if caret is None:
            return value
        return self._build(caret, self.builder.power, value, power)

    def _call_arguments(self) -> list[sympy.Expr]:
        opener = self._advance()
        closer = BRACKET_PAIRS[opener.text]
        if self._at(closer):
            raise self._error("empty argument list", opener)
        args = []
        with self._nested(opener, open_bars=0):
            args.append(self._sum())
            while self._at(","):
                self._advance()
                args.append(self._sum())
        if not self._at(closer):
            raise self._unexpected(self._peek())
        self._advance()
        return args

    def _bare_argument(self, name: Token) -> sympy.Expr:
        """Signs and an implicit product of factors, ending before a function name."""
        first = self.index
        with self._nested(name):
            negative = self._signs()
            values = [self._factor()]
            while (
                (token := self._peek()) is not None
                and self._starts_factor(token)
                and token.role != "function"
            ):
                if self._decide(lambda: any(not value.is_number for value in values)):
                    if self.mode.short_arguments:
                        self.groupings.append(self._span(first))
                        break
                    self.ambiguities.add("short_arguments")
                values.append(self._factor())
        at = self.tokens[first]
        value = values[0] if len(values) == 1 else self._build(at, self.builder.mul, values)
        return self._signed(at, negative, value)

    def _apply(self, name: Token, args: list[sympy.Expr], base: sympy.Expr | None) -> sympy.Expr:
        arities = FUNCTION_ARITY[name.name]
        if base is not None:
            arities = (1,)
        if len(args) not in arities:
            counts = " or ".join(str(count) for count in arities)
            plural = "" if arities == (1,) else "s"
            raise self._error(
                f"'{shorten(name.text)}' takes {counts} argument{plural}, got {len(args)}", name
            )
        if base is not None:
            return self._build(name, self.builder.log, args[0], base)
        return self._build(name, self.builder.call, name.name, args)

    def _inverse(self, name: Token, args: list[sympy.Expr], base: sympy.Expr | None) -> sympy.Expr:
        if name.name not in INVERSES or base is not None:
            shown = shorten(name.text)
            raise self._error(
                f"'{shown}^-1' is ambiguous: write ({shown} x)^(-1) for the reciprocal", name
            )
        inverse = Token(
            name.kind, name.text, name.start, name.end, role="function", name=INVERSES[name.name]
        )
        return self._apply(inverse, args, None)

    def _log_base(self, name: Token) -> sympy.Expr:
        base = name.subscript
        assert base is not None
        if base.isdigit():
            return self._build(name, self.builder.number, base)
        if base == "e":
            return sympy.E
        if len(base) == 1 or base in GREEK_NAMES or base in self.variables:
            return self.builder.symbol(base)
        raise self._error(
            f"the base of '{shorten(name.text)}' must be a number or a variable", name
        )
