#!/usr/bin/env bash
# Installs what the PostgreSQL store's tests need and nothing else: Debian's PostgreSQL (15 or later), whose initdb
# and pg_ctl the tests' fixture (tests/Lemma.Server.Tests/PostgresCluster.cs) runs in a temporary data folder on a
# free port. The Debian package's own cluster is not used by the tests.
set -euo pipefail

found=""
for dir in /usr/lib/postgresql/*/bin; do
  version=$(basename "$(dirname "$dir")")
  if [[ "$version" =~ ^[0-9]+$ ]] && [ "$version" -ge 15 ] && [ -x "$dir/initdb" ]; then found="$dir"; fi
done
if [ -z "$found" ] && ! command -v initdb >/dev/null; then
  echo "postgres-setup: installing postgresql" >&2
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends postgresql
  for dir in /usr/lib/postgresql/*/bin; do found="$dir"; done
fi
"${found:-$(dirname "$(command -v initdb)")}/postgres" --version
