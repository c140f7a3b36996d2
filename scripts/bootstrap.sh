#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine, idempotently:
# Debian libraries (as root), a virtual environment in .venv, and the package with its dev tools.
# Sourced by scripts/sample.sh and scripts/test.sh; safe to run again (it skips what is there).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

APT_PACKAGES=(python3-venv)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ] && ! python3 -m venv --help >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "bootstrap: missing Debian packages ${missing[*]}; run as root or install them" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing the package and its dependencies into .venv" >&2
  if ! { .venv/bin/python -m pip install --upgrade pip && .venv/bin/python -m pip install -e ".[dev]"; } \
      > .venv/install.log 2>&1; then
    tail -n 30 .venv/install.log >&2
    exit 1
  fi
  rm -f .venv/.installed-* && touch "$stamp"
fi
