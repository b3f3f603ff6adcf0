#!/usr/bin/env bash
# Installs what tests/Lemma.Browser.Tests needs and nothing else: Debian's Chromium at
# /usr/bin/chromium (Playwright drives it; it never downloads a browser of its own) and
# axe-core from npm into tests/Lemma.Browser.Tests/node_modules (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "browser-setup: installing chromium" >&2
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium
fi

tests=tests/Lemma.Browser.Tests
if [ ! -f "$tests/node_modules/axe-core/axe.min.js" ]; then
  echo "browser-setup: installing axe-core" >&2
  (cd "$tests" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
fi

/usr/bin/chromium --version
echo "axe-core $(node -p "require('./$tests/node_modules/axe-core/package.json').version")"
