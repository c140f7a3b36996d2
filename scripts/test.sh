#!/usr/bin/env bash
# The project's test command: installs what is missing (scripts/bootstrap.sh), lints, runs pytest.
#   scripts/test.sh            fast suite (the default; a few minutes at most)
#   scripts/test.sh --slow     only the slow stress runs (many seeds, thousands of random trees)
#   scripts/test.sh --all      both
# Extra arguments after these go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh

marker=(-m "not slow")
case "${1:-}" in
  --slow) marker=(-m slow); shift ;;
  --all) marker=(-m "slow or not slow"); shift ;;
esac

.venv/bin/ruff check tutor tests bench
.venv/bin/ruff format --check --quiet tutor tests bench
.venv/bin/mypy tutor
.venv/bin/python -m pytest "${marker[@]}" "$@"
