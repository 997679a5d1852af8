#!/usr/bin/env bash
# Fuzz the API with schemathesis (test/fuzz/run-schemathesis.ts) once per role and institution kind.
#
# schemathesis comes from PyPI into a virtualenv cached by version under the feisutong cache folder
# (FEISUTONG_CACHE_DIR, default ~/.cache/feisutong): the first run needs PyPI, later runs are offline.
# Without python3 (and its venv module) the step is skipped with a notice (exit 0) unless FUZZ_REQUIRED=true.
#
#   test/fuzz/run-schemathesis.sh                       20 examples per operation, a seed from the clock
#   FUZZ_MAX_EXAMPLES=50 FUZZ_SEED=42 test/fuzz/run-schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

version=4.32.5
cache="${FEISUTONG_CACHE_DIR:-$HOME/.cache/feisutong}"
venv="$cache/schemathesis-$version"

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if [ "${FUZZ_REQUIRED:-false}" = true ]; then
    echo "schemathesis: python3 with venv is missing" >&2
    exit 1
  fi
  echo "== schemathesis skipped: python3 with venv is missing (set FUZZ_REQUIRED=true to fail instead)"
  exit 0
fi

# A venv cannot be moved once built, so it is built in place and marked complete at the end: an
# interrupted install has no marker and is rebuilt.
if [ ! -f "$venv/.installed" ]; then
  echo "== installing schemathesis $version into $venv"
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
  "$venv/bin/schemathesis" --version
  touch "$venv/.installed"
fi

export SCHEMATHESIS_BIN="$venv/bin/schemathesis"
exec npx tsx test/fuzz/run-schemathesis.ts "$@"
