#!/usr/bin/env bash
# Comments under load, against a real `lemma serve --production` on a temporary site with comments on (moderation:
# none, min_seconds: 0, rate limits raised so the load is not refused; the writer is notified of every comment, so
# each one also writes its mail to the outbox, and the printed mail goes to a log):
#   (a) durability: CYCLES kill -9 cycles under concurrent comment POSTs (bench/comments_durability.py); every comment
#       that got its 303 must be in the database after the restart;
#   (b) throughput: accepted comments per second and p99 latency, wrk -t2 over CONNECTIONS keep-alive connections,
#       each request a new comment (bench/comments_post.lua), ROUNDS rounds of DURATION on a fresh database;
#   (c) a post with 200 approved comments against one without: requests/s of the post page and of the comments JSON
#       (GET /_lemma/comments?post=), ROUNDS rounds each.
#
#   bench/comments.sh [CYCLES=20] [DURATION=10s] [CONNECTIONS=32] [ROUNDS=3]
#   PARTS="b" bench/comments.sh ...     # only some of the parts (default: a b c)
#   ENCODING=br PARTS=c bench/comments.sh  # part (c) asking for the compressed pages, as browsers do
#   STORE=postgres bench/comments.sh ... # the same on PostgreSQL: a temporary cluster of Debian's PostgreSQL (15+,
#                                        # scripts/postgres-setup.sh), fsync on, started and stopped by this script
#
# Needs: dotnet, python3, wrk (Debian package wrk). Build Lemma first (dotnet build src/Lemma.Cli -c Release).
# wrk, the driver and the server share the machine's cores: quote the figures with the machine they ran on.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
CYCLES=${1:-20}; DURATION=${2:-10s}; CONNECTIONS=${3:-32}; ROUNDS=${4:-3}
LEMMA=$REPO/src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll
PORT=${PORT:-18090}; PARTS=${PARTS:-a b c}
for cmd in wrk dotnet python3; do command -v "$cmd" >/dev/null || { echo "comments.sh: $cmd not found" >&2; exit 2; }; done
[ -f "$LEMMA" ] || { echo "comments.sh: build Lemma first (dotnet build src/Lemma.Cli -c Release)" >&2; exit 2; }

WORK=$(mktemp -d); SITE=$WORK/site; LEMMA_PID=; STORE=${STORE:-sqlite}; PGPORT=${PGPORT:-18095}; PGBIN=
# PostgreSQL refuses to run as root: under root its tools run as the postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$LEMMA_PID" ] && kill "$LEMMA_PID" 2>/dev/null; wait 2>/dev/null
  [ -n "$PGBIN" ] && as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# A new, empty store for the site: the SQLite file removed, or a new PostgreSQL database named $1.
fresh_store() {
  local database=data/comments.db
  if [ "$STORE" = postgres ]; then
    as_pg "$PGBIN/psql" -q -h "$WORK/pg" -p "$PGPORT" -U lemma -d postgres -c "CREATE DATABASE $1" >/dev/null
    database="Host=127.0.0.1;Port=$PGPORT;Username=lemma;Database=$1"
  fi
  rm -f "$SITE"/data/comments.db*
  cat >"$SITE/site.yaml" <<EOF
title: Comment bench
base_url: http://127.0.0.1:$PORT/
author: { name: Writer, email: writer@bench.test }
comments: { moderation: none, min_seconds: 0, per_ip: 100000000, per_email: 100000000, max_links: 10, database: '$database' }
EOF
  CURRENT_DB=$1
}

if [ "$STORE" = postgres ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$PGBIN/initdb" ] || { echo "comments.sh: PostgreSQL not found: run scripts/postgres-setup.sh" >&2; exit 2; }
  chmod 755 "$WORK"; mkdir -p "$WORK/pg"; if [ "$(id -u)" -eq 0 ]; then chown postgres "$WORK/pg"; fi
  as_pg "$PGBIN/initdb" -D "$WORK/pg/data" -U lemma --auth=trust -E UTF8 >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
fi

mkdir -p "$SITE/content/posts"
for p in a b c; do printf -- '---\ntitle: Post %s\ndate: 2024-01-01\n---\n\nA post to comment on.\n' "$p" >"$SITE/content/posts/$p.md"; done

start() {
  dotnet "$LEMMA" serve --production --source "$SITE" --port "$PORT" >"$WORK/lemma.log" 2>&1 &
  LEMMA_PID=$!
  until grep -q '^serving' "$WORK/lemma.log"; do sleep 0.2; kill -0 "$LEMMA_PID" || { cat "$WORK/lemma.log"; exit 1; }; done
}
stop() { kill "$LEMMA_PID"; wait "$LEMMA_PID" 2>/dev/null || true; LEMMA_PID=; }
count() {
  if [ "$STORE" = postgres ]; then as_pg "$PGBIN/psql" -tA -h "$WORK/pg" -p "$PGPORT" -U lemma -d "$CURRENT_DB" -c "SELECT COUNT(*) FROM comments WHERE status = 'approved'"
  else python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM comments WHERE status = 'approved'\").fetchone()[0])" "$SITE/data/comments.db"; fi
}
token() { curl -s "http://127.0.0.1:$PORT/_lemma/comments/form?post=$1" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wrk --latency prints "99%  1.23ms": in ms.
p99() { awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; print v}'; }
seconds() { awk -v d="$DURATION" 'BEGIN {n=d+0; if (d ~ /m$/) n*=60; print n}'; }

echo "# comments bench ($STORE): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO" rev-parse --short HEAD)"

if [[ " $PARTS " == *" a "* ]]; then
echo; echo "## (a) durability: $CYCLES kill -9 cycles, 16 connections posting"
fresh_store durability
python3 "$REPO/bench/comments_durability.py" "$LEMMA" "$SITE" "$PORT" --cycles "$CYCLES" --connections 16
fi

export TOKEN ORIGIN=http://127.0.0.1:$PORT POST_PATH=/posts/a/ RUN
if [[ " $PARTS " == *" b "* ]]; then
echo; echo "## (b) throughput: wrk -t2 -c$CONNECTIONS -d$DURATION, a new comment per request, fresh database"
fresh_store throughput
start
TOKEN=$(token /posts/a/)
RUN=warmup wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$REPO/bench/comments_post.lua" "http://127.0.0.1:$PORT/" >/dev/null
printf '%-6s %12s %10s %8s %10s\n' round accepted/s p99-ms other stored
rates=(); p99s=()
for ((r = 1; r <= ROUNDS; r++)); do
  before=$(count)
  out=$(RUN=round$r wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$REPO/bench/comments_post.lua" "http://127.0.0.1:$PORT/")
  read -r accepted other < <(awk '/^accepted/ {print $2, $4}' <<<"$out")
  rate=$(awk -v a="$accepted" -v s="$(seconds)" 'BEGIN {printf "%.0f", a / s}')
  lat=$(p99 <<<"$out")
  rates+=("$rate"); p99s+=("$lat")
  printf '%-6s %12s %10s %8s %10s\n' "$r" "$rate" "$lat" "$other" "$(( $(count) - before ))"
done
echo "median accepted comments/s: $(printf '%s\n' "${rates[@]}" | median); median p99: $(printf '%s\n' "${p99s[@]}" | median) ms"
echo "lemma serve peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$LEMMA_PID/status)"
stop
fi

if [[ " $PARTS " == *" c "* ]]; then
echo; echo "## (c) a post with 200 comments against one without, wrk -t2 -c64 -d$DURATION${ENCODING:+, Accept-Encoding: $ENCODING}"
fresh_store page
start
TOKEN=$(token /posts/b/)
for i in $(seq 1 200); do
  curl -s -o /dev/null -w '%{http_code}\n' -H "Origin: $ORIGIN" --data-urlencode post=/posts/b/ --data-urlencode name="Reader $i" \
    --data-urlencode email="reader$i@bench.test" --data-urlencode "body=Comment $i: a thought with *emphasis*, \`code\` and a [link](https://example.org/$i)." \
    --data-urlencode token="$TOKEN" "http://127.0.0.1:$PORT/_lemma/comments"
done | sort | uniq -c | awk '{printf "posted: %s answered %s\n", $1, $2}'
# ENCODING=br asks for the compressed copies, as every browser does (default: the bytes as they are).
ENCODING=${ENCODING:-}
rps() { wrk -t2 -c64 -d"$DURATION" --latency ${ENCODING:+-H "Accept-Encoding: $ENCODING"} "$1" | awk '/^Requests\/sec/ {print $2}'; }
for url in /posts/b/ /posts/c/ "/_lemma/comments?post=/posts/b/" "/_lemma/comments?post=/posts/c/"; do wrk -t1 -c4 -d2s "http://127.0.0.1:$PORT$url" >/dev/null; done
printf '%-6s %12s %12s %8s %14s %14s %10s\n' round page-200 page-0 ratio json-200 json-0 json200/page0
pr=(); jr=()
for ((r = 1; r <= ROUNDS; r++)); do
  a=$(rps "http://127.0.0.1:$PORT/posts/b/"); b=$(rps "http://127.0.0.1:$PORT/posts/c/")
  c=$(rps "http://127.0.0.1:$PORT/_lemma/comments?post=/posts/b/"); d=$(rps "http://127.0.0.1:$PORT/_lemma/comments?post=/posts/c/")
  x=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}'); y=$(awk -v a="$c" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
  pr+=("$x"); jr+=("$y")
  printf '%-6s %12s %12s %8s %14s %14s %10s\n' "$r" "$a" "$b" "$x" "$c" "$d" "$y"
done
# Read whole first: under pipefail, grep -q leaving early would fail curl's write and the test with it.
page=$(curl -s "http://127.0.0.1:$PORT/posts/b/")
if grep -q 'id="comment-[0-9]' <<<"$page"; then shown="the page shows its comments"; else shown="the page does not show comments yet (the JSON does)"; fi
echo "median page-200/page-0: $(printf '%s\n' "${pr[@]}" | median); median json-200/page-0: $(printf '%s\n' "${jr[@]}" | median); $shown"
stop
fi
