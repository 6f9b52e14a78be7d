#!/usr/bin/env bash
# The project's test command (README, and .ci/run): installs what the tests need, then runs
# the linters, the type checker and the whole test suite (slow, server and browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e ".[test]"
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
python -m ruff check .
python -m ruff format --check .
python -m mypy
python -m pytest -q "$@"
