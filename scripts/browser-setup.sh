#!/usr/bin/env bash
# Installs what tests/Lemma.Browser.Tests needs and nothing else: Debian's Chromium at
# /usr/bin/chromium (Playwright drives it; it never downloads a browser of its own) and
# axe-core from npm into tests/Lemma.Browser.Tests/node_modules (git-ignored), and Node itself
# where it is missing (npm installs axe-core; the server tests run the search client under node).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser-setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
fi

tests=tests/Lemma.Browser.Tests
if [ ! -f "$tests/node_modules/axe-core/axe.min.js" ]; then
  echo "browser-setup: installing axe-core" >&2
  (cd "$tests" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
fi

/usr/bin/chromium --version
echo "axe-core $(node -p "require('./$tests/node_modules/axe-core/package.json').version")"
