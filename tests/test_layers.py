"""The layering of docs/architecture.md, enforced: imports point down only, and no eval path.

Each package may import only the packages listed for it (plus the standard library). A new
module is covered automatically; a new package needs one line in ALLOWED.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
THIRD_PARTY = {"sympy", "mpmath"}

ALLOWED = {
    "tutor.collector": set(),  # the standard library's gc only
    "tutor.notation": {"tutor.notation"},
    "tutor.steps": {"tutor.steps", "tutor.notation"},
    "tutor.parse": {"tutor.parse", "tutor.collector", "latex2sympy2_extended", "antlr4"},
    "tutor.solvers": {"tutor.solvers", "tutor.steps", "tutor.notation"},
    "tutor.render": {
        "tutor.render",
        "tutor.collector",
        "tutor.problem",
        "tutor.steps",
        "tutor.notation",
        "latex2mathml",
        "ziamath",
        "ziafont",
        "jinja2",
        "weasyprint",
        "pydyf",  # WeasyPrint's PDF writer: pdfspeed's glyph forms
        "segno",
        "matplotlib",
    },
    "tutor.problem": {"tutor.problem", "tutor.steps", "tutor.notation"},
    "problem_bank": {
        "problem_bank",
        "tutor.problem",
        "tutor.solvers",
        "tutor.steps",
        "tutor.notation",
    },
}


def modules():
    for path in sorted(ROOT.glob("tutor/**/*.py")) + sorted(ROOT.glob("problem_bank/**/*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, path


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def package_of(module: str) -> str | None:
    return next((p for p in ALLOWED if module == p or module.startswith(p + ".")), None)


@pytest.mark.parametrize("module,path", list(modules()), ids=lambda v: str(v))
def test_imports_point_down(module, path):
    package = package_of(module)
    if package is None:
        return  # the app layer (tutor.cli, tutor/__init__, tutor.agreement) may import anything
    for name in imported_names(path):
        top = name.split(".")[0]
        if top in sys.stdlib_module_names or top in THIRD_PARTY or top == "__future__":
            continue
        assert any(name == a or name.startswith(a + ".") for a in ALLOWED[package]), (
            f"{module} imports {name}, which {package} may not use"
        )


# Builtins that run source text, and sympy's entry points that call eval on a string.
EVAL_NAMES = {"eval", "exec", "compile", "sympify", "parse_expr", "S", "lambdify"}
EVAL_ATTRIBUTES = {"eval", "exec", "sympify", "parse_expr", "S", "lambdify"}  # not re.compile


@pytest.mark.parametrize("module,path", list(modules()), ids=lambda v: str(v))
def test_no_eval_on_text(module, path):
    """No module of the package calls anything that evaluates Python source text."""
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            assert func.id not in EVAL_NAMES, f"{module}:{node.lineno} calls {func.id}"
        elif isinstance(func, ast.Attribute):
            assert func.attr not in EVAL_ATTRIBUTES, f"{module}:{node.lineno} calls .{func.attr}"
