"""What the subcommands share: exit codes and an argument parser that fails in one line."""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_INCORRECT, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE in sysexits.h
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader left


class UsageError(Exception):
    """Bad command-line arguments: reported in one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints usage over two lines; we want one
        raise UsageError(message)
