#!/usr/bin/env bash
# Requests per second and p99 latency of `lemma serve --production` for one page (by default a post), beside nginx
# serving the same built files, in the same run, with wrk over keep-alive connections on 127.0.0.1.
#
#   bench/serve_throughput.sh CORPUS_DIR [DURATION=10s] [CONNECTIONS=64] [ROUNDS=3] [URL_PATH]
#
# URL_PATH picks another page, e.g. /posts/page/2/ for a list page; the default is the 500th post in path order.
#
# Needs: dotnet, wrk and nginx (Debian packages wrk, nginx). Build Lemma first (dotnet build src/Lemma.Cli -c Release).
# wrk, the server and nginx share the machine's cores, so read the ratio, not the absolute figures. Each round
# measures both servers back to back; the table gives every round and the median ratio.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=$(cd "${1:?usage: serve_throughput.sh CORPUS_DIR [DURATION] [CONNECTIONS] [ROUNDS] [URL_PATH]}" && pwd)
DURATION=${2:-10s}; CONNECTIONS=${3:-64}; ROUNDS=${4:-3}; URL_PATH=${5:-}
LEMMA=$REPO/src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll
for cmd in wrk nginx dotnet; do command -v "$cmd" >/dev/null || { echo "serve_throughput.sh: $cmd not found" >&2; exit 2; }; done
[ -f "$LEMMA" ] || { echo "serve_throughput.sh: build Lemma first (dotnet build src/Lemma.Cli -c Release)" >&2; exit 2; }

WORK=$(mktemp -d); LEMMA_PID=; NGINX_CONF=$WORK/nginx.conf
cleanup() { [ -n "$LEMMA_PID" ] && kill "$LEMMA_PID" 2>/dev/null; nginx -c "$NGINX_CONF" -s stop 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# The same files for both: a production build with the base URL both servers answer on.
dotnet "$LEMMA" build --source "$CORPUS" --out "$WORK/site" --base-url http://127.0.0.1/ >/dev/null
if [ -z "$URL_PATH" ]; then
  POST=$(cd "$WORK/site" && find posts -mindepth 2 -name index.html | grep -v "^posts/page/" | sort | sed -n 500p)
  [ -n "$POST" ] || { echo "serve_throughput.sh: no post page in the build" >&2; exit 1; }
  URL_PATH=/${POST%index.html}
fi
[ -f "$WORK/site${URL_PATH%/}/index.html" ] || [ -f "$WORK/site$URL_PATH" ] || { echo "serve_throughput.sh: $URL_PATH is not in the build" >&2; exit 1; }

cat >"$NGINX_CONF" <<EOF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:18080; root $WORK/site; index index.html; etag on; }
}
EOF
mkdir -p "$WORK/tmp"
nginx -c "$NGINX_CONF"

dotnet "$LEMMA" serve --production --source "$CORPUS" --port 18081 >"$WORK/lemma.log" 2>&1 &
LEMMA_PID=$!
until grep -q '^serving' "$WORK/lemma.log"; do sleep 1; kill -0 "$LEMMA_PID" || { cat "$WORK/lemma.log"; exit 1; }; done

# wrk --latency prints "99%  1.23ms"; report requests/s and p99 in ms.
measure() {
  local out rps p99
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; print v}' <<<"$out")
  echo "$rps $p99"
}
for url in "http://127.0.0.1:18080$URL_PATH" "http://127.0.0.1:18081$URL_PATH"; do wrk -t1 -c4 -d2s "$url" >/dev/null; done  # warm up

echo "# $URL_PATH, wrk -t2 -c$CONNECTIONS -d$DURATION, keep-alive; $(nproc) cores shared by wrk and the server"
printf '%-6s %12s %10s %12s %10s %8s\n' round nginx-rps nginx-p99 lemma-rps lemma-p99 ratio
ratios=()
for ((r = 1; r <= ROUNDS; r++)); do
  read -r nrps np99 < <(measure "http://127.0.0.1:18080$URL_PATH")
  read -r lrps lp99 < <(measure "http://127.0.0.1:18081$URL_PATH")
  ratio=$(awk -v a="$lrps" -v b="$nrps" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio")
  printf '%-6s %12s %8sms %12s %8sms %8s\n' "$r" "$nrps" "$np99" "$lrps" "$lp99" "$ratio"
done
echo "median lemma/nginx requests per second: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
echo "lemma serve peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$LEMMA_PID/status)"
