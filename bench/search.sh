#!/usr/bin/env bash
# Search: Lemma's index against Pagefind's (npm) on the shared synthetic corpus (issue #18).
#
#   bench/search.sh [SIZE]            (default: 1000 posts; 10000 for the issue's figures)
#
# 1. Builds the corpus with `lemma build` twice, search on and `search: false` (same invocation, cold cache each):
#    Lemma's index time is the difference of the two wall times (noisy: one build's noise is the same size);
#    then BUILD_PAIRS (3) more pairs, alternated, for the CPU time (user + system) of each: their medians give the
#    cost of search as a share of the build without it.
# 2. Runs Pagefind over the first build's output (`pagefind --site`), timed.
# 3. bench/search_bench.mjs in headless Chromium: QUERIES known-item queries from the corpus's titles and headings
#    (some ending in a prefix), each in a fresh browser context: bytes over the wire for search (client included,
#    compressed), median and p95; the target in the top 3 (and first); time to results from navigation, cold and warm.
# Env:  QUERIES=200  CACHE=dir (corpora, as bench/run.sh keeps them)  NODE_DIR=dir (playwright-core and pagefind,
#       installed there on first use)  NO_BUILD=1  RESULTS=file (append the table)  CHROMIUM=/usr/bin/chromium
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${SHARED:-}" ]; then
  SHARED=$REPO/../shared/bench
  if [ ! -d "$SHARED" ] && common=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
    SHARED=$(dirname "$common")/../shared/bench
  fi
fi
GEN=$SHARED/gen_corpus.py
SIZE=${1:-1000}
QUERIES=${QUERIES:-200}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lemma-bench}
NODE_DIR=${NODE_DIR:-$CACHE/search-node}
PAGEFIND_VERSION=1.6.0
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE" "$NODE_DIR"

LEMMA=$REPO/src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll
if [ -z "${NO_BUILD:-}" ]; then
  echo "# building Lemma (Release)..." >&2
  dotnet build "$REPO/src/Lemma.Cli" -c Release -v quiet -nologo >"$WORK/dotnet-build.log" 2>&1 || { cat "$WORK/dotnet-build.log" >&2; exit 1; }
fi
if [ ! -d "$NODE_DIR/node_modules/playwright-core" ] || [ ! -d "$NODE_DIR/node_modules/pagefind" ]; then
  echo "# installing playwright-core and pagefind@$PAGEFIND_VERSION into $NODE_DIR..." >&2
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent playwright-core@1.49.1 "pagefind@$PAGEFIND_VERSION" >&2)
fi

stamp=$(sha256sum "$GEN" | cut -c1-12)
CORPUS=$CACHE/corpus-$SIZE-$stamp
if [ ! -d "$CORPUS" ]; then
  echo "# generating $SIZE posts into $CORPUS..." >&2
  python3 "$GEN" --posts "$SIZE" --out "$CORPUS.tmp" >&2 && mv "$CORPUS.tmp" "$CORPUS"
fi

# The corpus twice, search on and off (copies: a site reads nothing through links that leave it; search is off
# unless site.yaml turns it on).
ON=$WORK/on-site OFF=$WORK/off
cp -r "$CORPUS" "$ON"; cp -r "$CORPUS" "$OFF"
rm -rf "$ON/.lemma" "$OFF/.lemma"; echo "search: true" >>"$ON/hugo.yaml"; echo "search: false" >>"$OFF/hugo.yaml"

seconds() { local s e; s=$(date +%s.%N); "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
# CPU seconds (user + system) of a command: on a shared machine, steadier than its wall time.
cpu() { /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; exit 1; }; awk '{print $1 + $2}' "$WORK/cpu"; }
echo "# lemma build, search on..." >&2
rm -rf "$ON/.lemma"
on=$(seconds dotnet "$LEMMA" build --source "$ON" --out "$WORK/on")
echo "# lemma build, search off..." >&2
rm -rf "$ON/.lemma" "$OFF/.lemma"
off=$(seconds dotnet "$LEMMA" build --source "$OFF" --out "$WORK/off-out")
# The CPU of both builds, alternated BUILD_PAIRS times (default 3), into separate folders: the medians go in the table.
cpu_on=(); cpu_off=()
for _ in $(seq "${BUILD_PAIRS:-3}"); do
  rm -rf "$ON/.lemma" "$WORK/cpu-on"; cpu_on+=("$(cpu dotnet "$LEMMA" build --source "$ON" --out "$WORK/cpu-on")")
  rm -rf "$OFF/.lemma" "$WORK/cpu-off"; cpu_off+=("$(cpu dotnet "$LEMMA" build --source "$OFF" --out "$WORK/cpu-off")")
done
rm -rf "$WORK/cpu-on" "$WORK/cpu-off"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cpu_on_m=$(median "${cpu_on[@]}"); cpu_off_m=$(median "${cpu_off[@]}")
rm -rf "$ON/.lemma" "$OFF/.lemma"
index_files=$(find "$WORK/on/search" -type f | wc -l)
index_bytes=$(du -sb "$WORK/on/search" | cut -f1)
echo "# pagefind..." >&2
pf=$(seconds "$NODE_DIR/node_modules/.bin/pagefind" --site "$WORK/on")
pf_files=$(find "$WORK/on/pagefind" -type f | wc -l)
pf_bytes=$(du -sb "$WORK/on/pagefind" | cut -f1)
echo "# $QUERIES queries in Chromium..." >&2
NODE_DIR=$NODE_DIR node "$REPO/bench/search_bench.mjs" "$WORK/on" "$CORPUS" "$QUERIES" >"$WORK/queries.json" \
  || { cat "$WORK/queries.json" >&2; exit 1; }
client=$(gzip -9c "$WORK/on/assets/js/search.js" | wc -c)

python3 - "$WORK/queries.json" "$SIZE" "$on" "$off" "$pf" "$index_files" "$index_bytes" "$pf_files" "$pf_bytes" "$client" "$cpu_on_m" "$cpu_off_m" "${cpu_on[*]}" "${cpu_off[*]}" >"$WORK/table.md" <<'PY'
import json, sys
q = json.load(open(sys.argv[1])); size, on, off, pf = sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
files, size_b, pf_files, pf_b, client = map(int, sys.argv[6:11])
cpu_on, cpu_off = float(sys.argv[11]), float(sys.argv[12])
idx = max(on - off, 0.0)
l, p = q["lemma"], q["pagefind"]
kb = lambda b: f"{b/1024:.1f} KB"
print(f"**{size} posts, {l['queries']} queries** (lemma build {on:.1f} s with search, {off:.1f} s without; client {client} B gzipped)\n")
print("| | index build | index on disk | bytes per query, median | p95 | target in top 3 | first | time to results, cold | warm |")
print("|---|---|---|---|---|---|---|---|---|")
print(f"| Lemma | {idx:.1f} s ({idx/pf:.2f}x) | {files} files, {size_b/1048576:.1f} MB | {kb(l['bytes_median'])} ({l['bytes_median']/p['bytes_median']:.2f}x) | {kb(l['bytes_p95'])} | {l['top3']:.1%} | {l['top1']:.1%} | {l['cold_ms_median']} ms | {l['warm_ms_median']} ms |")
print(f"| Pagefind {'1.6.0'} | {pf:.1f} s | {pf_files} files, {pf_b/1048576:.1f} MB | {kb(p['bytes_median'])} | {kb(p['bytes_p95'])} | {p['top3']:.1%} | {p['top1']:.1%} | {p['cold_ms_median']} ms | {p['warm_ms_median']} ms |")
print(f"\nBuild CPU (user + system, median of alternated builds): {cpu_on:.1f} s with search, {cpu_off:.1f} s without: "
      f"search costs {(cpu_on - cpu_off) / cpu_off:+.0%} of the build without it (with: {sys.argv[13]}; without: {sys.argv[14]})")
print(f"\nSample queries: " + "; ".join(f"`{s['q']}`" for s in q["sample"]))
PY
cat "$WORK/table.md"
if [ -n "${RESULTS:-}" ]; then
  { echo; echo "### bench/search.sh $SIZE ($(date -u '+%Y-%m-%d %H:%M') UTC, $(git -C "$REPO" rev-parse --short HEAD), load $(cut -d' ' -f1 /proc/loadavg))"; echo; cat "$WORK/table.md"; } >>"$RESULTS"
fi
