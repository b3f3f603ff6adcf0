#!/usr/bin/env bash
# Runs every test: unit, end-to-end (`lemma` on temporary sites) and browser tests in headless Chromium.
# Installs what the browser tests and the search client test need (Debian's chromium and Node, axe-core from npm) and the PostgreSQL store's tests need
# (Debian's postgresql) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f scripts/browser-setup.sh ] && [ -d tests/Lemma.Browser.Tests ]; then
  bash scripts/browser-setup.sh
fi
if [ -f scripts/postgres-setup.sh ]; then
  bash scripts/postgres-setup.sh
fi
dotnet test Lemma.slnx -c Release 2>&1 | tee /tmp/lemma-test.log
