"""Hostile answers: each is refused (`invalid`) or stopped (`timeout`) within 3 s wall, runs
nothing (a canary file an injection would create never appears), and the same process then
checks a normal answer correctly. The worker pool keeps serving throughout."""

import asyncio
import threading
import time
from pathlib import Path

import pytest

import tutor

CANARY = Path("/tmp/tutor-hostile-canary")
TOUCH = f"__import__('pathlib').Path('{CANARY}').touch()"
DEEP = 5000

HOSTILE = [
    # code injection
    TOUCH,
    f"__import__('os').system('touch {CANARY}')",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__.__mro__[1].__subclasses__()",
    "lambda: 0",
    "(lambda f: f(f))(lambda f: f(f))",
    f"S('{TOUCH}')",
    f"sympify('{TOUCH}')",
    f"S(\"S('{TOUCH}')\")",
    f"f'{{{TOUCH}}}'",
    f'exec("{TOUCH}")',
    f"eval('{TOUCH}')",
    "globals()",
    "open('/etc/passwd').read()",
    "import os",
    "x; import os",
    "__builtins__",
    "getattr(x, '__class__')",
    # size and depth
    "x" * 100_000,
    "x+" * 50_000 + "x",
    "(" * DEEP + "x" + ")" * DEEP,
    "sin(" * DEEP + "x" + ")" * DEEP,
    "-" * DEEP + "x",
    "{" * DEEP + "x" + "}" * DEEP,
    "9" * 5000,
    # numbers that explode
    "9^9^9^9",
    "10^10^10",
    "2^(2^(2^(2^(2^2))))",
    "1000000!",
    "(10^1000)!",
    "(9^9^9)!",
    "factorial(10^7)",
    # LaTeX
    r"\input{/etc/passwd}",
    rf"\write18{{touch {CANARY}}}",
    r"\immediate\write18{id}",
    r"\def\x{\x}\x",
    r"\newcommand{\a}{\a}\a",
    r"\catcode`\@=11",
    r"\begin{document}\end{document}",
    r"9^{9^{9^{9}}}",
    r"\frac{" * 200 + "x" + "}{2}" * 200,
    # Unicode
    "х^2",  # Cyrillic x
    "x\u200b+1",  # zero-width space
    "x\u202e+1",  # right-to-left override
    "x\ufeff",
    "\x00",
    "",
    "   ",
]


@pytest.fixture(autouse=True)
def no_canary():
    CANARY.unlink(missing_ok=True)
    yield
    assert not CANARY.exists(), "an injection ran code"


def test_there_are_at_least_forty_hostile_inputs():
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: repr(a[:40]))
def test_hostile_answer_is_refused_quickly_and_runs_nothing(answer):
    start = time.perf_counter()
    verdict = tutor.check("2x", answer)
    elapsed = time.perf_counter() - start
    assert verdict.status in ("invalid", "timeout"), (verdict.status, verdict.feedback)
    assert not verdict.correct
    assert verdict.feedback and "\n" not in verdict.feedback
    assert elapsed < 3.0


@pytest.mark.parametrize("kind", ["vector", "matrix", "set", "equation", "number"])
def test_hostile_structured_answers(kind):
    for answer in (TOUCH, "(" * DEEP, "[" * DEEP, ",".join(["1"] * 10_000), "9^9^9^9"):
        start = time.perf_counter()
        verdict = tutor.check(
            {
                "vector": "(1, 2)",
                "matrix": "[[1,2],[3,4]]",
                "set": "(1, 2)",
                "equation": "y = 2x",
                "number": "3",
            }[kind],
            answer,
            kind=kind,
        )
        assert verdict.status in ("invalid", "timeout")
        assert time.perf_counter() - start < 3.0


def test_a_huge_power_times_out_in_the_worker_and_the_pool_keeps_serving():
    start = time.perf_counter()
    verdict = tutor.check("x + 1", "(x+1)^100000")
    assert verdict.status in ("incorrect", "timeout", "invalid")
    assert time.perf_counter() - start < 3.0
    assert tutor.check("2x", "x + x", form="accept").status == "correct"


def test_normal_answers_still_work_after_the_hostile_ones():
    for answer in HOSTILE[:10]:
        tutor.check("2x", answer)
    verdict = tutor.check("2 x cos(x^2)", "2x cos(x^2)")
    assert verdict.status == "correct" and verdict.correct


def test_safe_from_threads():
    results = []

    def work(answer):
        results.append(tutor.check("2x", answer).status)

    threads = [threading.Thread(target=work, args=(a,)) for a in ["2x", "x+x", "3x", TOUCH] * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(set(results)) == ["correct", "correct_unsimplified", "incorrect", "invalid"]


def test_safe_from_asyncio():
    async def main():
        loop = asyncio.get_running_loop()
        calls = [loop.run_in_executor(None, tutor.check, "2x", a) for a in ["2x", "3x", TOUCH]]
        return [v.status for v in await asyncio.gather(*calls)]

    assert asyncio.run(main()) == ["correct", "incorrect", "invalid"]


def test_latex_answers_from_many_threads_agree_with_one_thread():
    """ANTLR's shared prediction cache is not thread-safe; the parser serialises LaTeX parses."""
    answers = [r"\frac{x^{2}}{2}", r"\sin^{2} x + \cos^{2} x", r"\sqrt{x^{2}+1}", r"e^{2x}"] * 4
    alone = [tutor.check("x", a).status for a in answers]
    together: dict[int, str] = {}

    def work(index):
        together[index] = tutor.check("x", answers[index]).status

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(answers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert [together[i] for i in range(len(answers))] == alone
