#!/usr/bin/env bash
# Macro build benchmark: Lemma against Hugo (and Eleventy, Jekyll) on the shared synthetic corpus.
#
#   bench/run.sh [SIZES...]          (default: 1000 10000 posts)
#
# For each size: generates the corpus once (cached), then builds it WARMUP + RUNS times with each tool,
# every run into an empty output folder, and prints one table per size: median wall time [min-max],
# median user+sys CPU, median peak RSS (GNU time), output files and size, and Lemma's ratio to Hugo
# measured in the same invocation. Lemma's own stage timings (`lemma build --timings`) are printed
# as medians over the timed runs.
#
# Tools: lemma     dotnet Lemma.Cli.dll build (Release, built first), the corpus as is
#        hugo      hugo with the corpus's hugo.yaml (Chroma highlighting, inline styles)
#        hugo-nohl the same with ../shared/bench/peers/hugo-nohighlight.yaml layered over it
#        eleventy  Eleventy 3 with the shared adapter (markdown-it, Prism highlighting), from npm into $NODE_DIR
#        jekyll    Jekyll (Debian package) with the shared adapter (kramdown + Rouge), --disable-disk-cache
# All three write to disk (run_peers.sh's hugo-nohl renders to memory; here it writes, like the others).
#
# Env:  RUNS=3 WARMUP=1      timed and untimed runs per tool
#       TOOLS="lemma hugo hugo-nohl"   (add eleventy and/or jekyll: TOOLS="lemma hugo hugo-nohl eleventy jekyll")
#       CACHE=dir            where corpora are kept (default: ${XDG_CACHE_HOME:-~/.cache}/lemma-bench)
#       WORK=dir             scratch for outputs and logs (default: a new mktemp -d, removed at the end)
#       SHARED=dir           the shared bench folder (default: ../shared/bench beside the repository,
#                            or beside the main checkout when this is a git worktree)
#       RESULTS=file         also append the tables, with date, machine and commit, to this file
#                            (e.g. RESULTS=bench/RESULTS.md)
#       LEMMA_ENV="K=V ..."  extra environment for the Lemma runs (e.g. DOTNET_gcServer=1)
#       NO_BUILD=1           do not rebuild Lemma (use the existing Release build)
#       LEMMA_KEEP_CACHE=1   keep the corpus's .lemma/cache between Lemma runs (default: every build is cold)
# Lemma exits 1 when a build reports errors ("failed, nothing written"): that run is still timed (every
# stage up to emit ran) but marked "no emit" in the table, with its error count.
# Needs: python3, dotnet, hugo, GNU time (Debian packages: hugo, time).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
# ../shared/bench beside the repository; from a git worktree, beside its main checkout.
if [ -z "${SHARED:-}" ]; then
  SHARED=$REPO/../shared/bench
  if [ ! -d "$SHARED" ] && common=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
    SHARED=$(dirname "$common")/../shared/bench
  fi
fi
GEN=$SHARED/gen_corpus.py
NOHL=$SHARED/peers/hugo-nohighlight.yaml
if [ ! -f "$GEN" ] || [ ! -f "$NOHL" ]; then
  echo "bench/run.sh: the shared benchmark corpus generator is missing: expected $GEN" >&2
  echo "  (and $NOHL); set SHARED=<folder holding gen_corpus.py and peers/>" >&2
  exit 2
fi
SIZES=${*:-1000 10000}
RUNS=${RUNS:-3}; WARMUP=${WARMUP:-1}
TOOLS=${TOOLS:-lemma hugo hugo-nohl}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lemma-bench}
LEMMA_ENV=${LEMMA_ENV:-}
NODE_DIR=${NODE_DIR:-$CACHE/node}   # Eleventy and its plugins, installed there on first use
if [ -z "${WORK:-}" ]; then WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi
mkdir -p "$CACHE" "$WORK"
TRASH=$WORK/trash
mkdir -p "$TRASH"
for cmd in python3 dotnet; do
  command -v "$cmd" >/dev/null || { echo "bench/run.sh: $cmd not found" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench/run.sh: GNU time not found (apt-get install time)" >&2; exit 2; }
case " $TOOLS " in *" hugo"*) command -v hugo >/dev/null || { echo "bench/run.sh: hugo not found (apt-get install hugo)" >&2; exit 2; } ;; esac

LEMMA=$REPO/src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll
if [ -z "${NO_BUILD:-}" ]; then
  echo "# building Lemma (Release)..." >&2
  dotnet build "$REPO/src/Lemma.Cli" -c Release -v quiet -nologo >"$WORK/dotnet-build.log" 2>&1 \
    || { cat "$WORK/dotnet-build.log" >&2; exit 1; }
fi
[ -f "$LEMMA" ] || { echo "bench/run.sh: $LEMMA missing (build src/Lemma.Cli in Release)" >&2; exit 2; }

# corpus N: generated once per generator version (the stamp is the generator's hash).
corpus() {
  local n=$1 stamp dir
  stamp=$(sha256sum "$GEN" | cut -c1-12)
  dir=$CACHE/corpus-$n-$stamp
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    echo "# generating $n posts into $dir..." >&2
    python3 "$GEN" --posts "$n" --out "$dir" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}

# measure TOOL CORPUS SIZE: WARMUP + RUNS runs, each into an empty folder; one "wall user sys rss status" line per timed run.
measure() {
  local tool=$1 src=$2 n=$3 i out rc
  local times=$WORK/times.$n.$tool log=$WORK/log.$n.$tool
  : >"$times"
  for ((i = 1; i <= WARMUP + RUNS; i++)); do
    # Each run writes into a new folder, and what runs leave is moved aside, then deleted once every run is done
    # (trash): on an ext4 file system without a journal, inodes freed in the last minute are passed over one by one
    # when files are made, so deleting a 10k output (30,000 files and folders) right before a run made the next run
    # pay for it, several seconds of system time for a tool that writes its files soon after it starts.
    out=$WORK/out-$tool-$n-$i
    # Lemma keeps highlighted code by content hash in the site's .lemma/cache: measure cold builds unless asked.
    if [ "$tool" = lemma ] && [ -z "${LEMMA_KEEP_CACHE:-}" ] && [ -e "$src/.lemma" ]; then
      mv "$src/.lemma" "$TRASH/lemma-cache-$n-$i-$RANDOM"
    fi
    rc=0
    case $tool in
      lemma) env $LEMMA_ENV /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" \
               dotnet "$LEMMA" build --source "$src" --out "$out" --timings >"$log" 2>&1 || rc=$? ;;
      hugo) /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" hugo --quiet -s "$src" -d "$out" >"$log" 2>&1 || rc=$? ;;
      hugo-nohl) /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" hugo --quiet -s "$src" -d "$out" \
                   --config "$src/hugo.yaml,$NOHL" >"$log" 2>&1 || rc=$? ;;
      # The peers' own adapters from ../shared/bench (the same ones run_peers.sh uses), prepared once per size.
      eleventy) /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" env -C "$WORK/src-eleventy-$n" \
                  node "$NODE_DIR/node_modules/@11ty/eleventy/cmd.cjs" --quiet --output="$out" >"$log" 2>&1 || rc=$? ;;
      jekyll) /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" jekyll build --quiet --disable-disk-cache \
                -s "$WORK/src-jekyll-$n" -d "$out" >"$log" 2>&1 || rc=$? ;;
      *) echo "bench/run.sh: unknown tool $tool" >&2; exit 2 ;;
    esac
    local status=ok
    if [ "$rc" -ne 0 ]; then
      if [ "$tool" = lemma ] && grep -q '^failed, nothing written' "$log"; then
        status="no-emit:$(sed -n 's/^failed, nothing written: .*, \([0-9]*\) errors,.*/\1/p' "$log")"
      else
        echo "bench/run.sh: $tool failed on $n posts (exit $rc); log:" >&2; tail -n 20 "$log" >&2; exit 1
      fi
    fi
    if ((i > WARMUP)); then
      echo "$(grep -v '^Command exited' "$WORK/t" | tail -n 1) $status" >>"$times"
      [ "$tool" = lemma ] && grep -E '^  [a-z].* ms$' "$log" | sed 's/ ms$//' >>"$WORK/stages.$n.lemma"
    fi
  done
  local files=0 bytes=0
  if [ -d "$out" ]; then files=$(find "$out" -type f | wc -l); bytes=$(du -sb "$out" | cut -f1); fi
  echo "$files $bytes" >"$WORK/files.$n.$tool"
}

commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null | head -c1)
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
header="# $(date -u '+%Y-%m-%d %H:%M UTC'); commit $commit${dirty:+ (uncommitted changes)}; $machine
# $(hugo version 2>/dev/null | cut -d' ' -f1-2); dotnet $(dotnet --version); runs=$RUNS warmup=$WARMUP${LEMMA_ENV:+; lemma env: $LEMMA_ENV}"
echo "$header"
[ -n "${RESULTS:-}" ] && printf '\n### bench/run.sh %s\n\n%s\n' "$SIZES" "$(sed 's/^# /- /' <<<"$header")" >>"$RESULTS"

for n in $SIZES; do
  src=$(corpus "$n")
  rm -f "$WORK/stages.$n.lemma"
  for tool in $TOOLS; do
    case $tool in
      eleventy)
        if [ ! -e "$NODE_DIR/node_modules/@11ty/eleventy/cmd.cjs" ]; then
          mkdir -p "$NODE_DIR"
          (cd "$NODE_DIR" && npm install --silent --no-audit --no-fund @11ty/eleventy@3 markdown-it \
            markdown-it-footnote markdown-it-anchor @11ty/eleventy-plugin-syntaxhighlight >/dev/null)
        fi
        rm -rf "$WORK/src-eleventy-$n"
        python3 "$SHARED/peers/prepare.py" eleventy "$src" "$WORK/src-eleventy-$n" >/dev/null
        ln -s "$NODE_DIR/node_modules" "$WORK/src-eleventy-$n/node_modules" ;;
      jekyll)
        command -v jekyll >/dev/null || { echo "bench/run.sh: jekyll not found (apt-get install jekyll)" >&2; exit 2; }
        rm -rf "$WORK/src-jekyll-$n"
        python3 "$SHARED/peers/prepare.py" jekyll "$src" "$WORK/src-jekyll-$n" >/dev/null ;;
    esac
    echo "# $n posts: $tool..." >&2
    measure "$tool" "$src" "$n"
  done
  table=$(python3 - "$WORK" "$n" $TOOLS <<'PY'
import statistics as st, sys, os
work, n, tools = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = {}
for t in tools:
    runs = [l.split() for l in open(f"{work}/times.{n}.{t}") if l.strip()]
    files, size = open(f"{work}/files.{n}.{t}").read().split()
    rows[t] = dict(wall=[float(r[0]) for r in runs], cpu=[float(r[1]) + float(r[2]) for r in runs],
                   rss=[float(r[3]) / 1024 for r in runs], status=sorted({r[4] for r in runs}),
                   files=int(files), size=int(size) / 2**20)
def ratio(t, key):
    if "hugo" not in rows or t == "hugo": return "-"
    return "%.2fx" % (st.median(rows[t][key]) / st.median(rows["hugo"][key]))
print(f"**{n} posts**\n")
def lemma_over(t, key):
    if "lemma" not in rows or t == "lemma": return "-"
    return "%.2fx" % (st.median(rows["lemma"][key]) / st.median(rows[t][key]))
print("| tool | wall median [min-max] s | CPU user+sys s | peak RSS MiB | files | MiB | wall / hugo | CPU / hugo | lemma / tool: wall, CPU, RSS | status |")
print("|---|---|---|---|---|---|---|---|---|---|")
for t, r in rows.items():
    w = r["wall"]
    lemma = "-" if t == "lemma" or "lemma" not in rows else ", ".join(lemma_over(t, k) for k in ("wall", "cpu", "rss"))
    print("| %s | %.2f [%.2f-%.2f] | %.2f | %.0f | %d | %.1f | %s | %s | %s | %s |" % (
        t, st.median(w), min(w), max(w), st.median(r["cpu"]), st.median(r["rss"]), r["files"], r["size"],
        ratio(t, "wall"), ratio(t, "cpu"), lemma, ",".join(r["status"])))
stages = f"{work}/stages.{n}.lemma"
if os.path.exists(stages):
    by = {}
    for line in open(stages):
        name, ms = line.rsplit(None, 1)
        by.setdefault(name.strip(), []).append(float(ms))
    total = sum(st.median(v) for v in by.values())
    print(f"\nlemma --timings, median of {len(next(iter(by.values()), []))} runs (ms, share of the staged total):")
    for name, v in by.items():
        print("  %-15s %9.0f  %4.1f%%" % (name, st.median(v), 100 * st.median(v) / total if total else 0))
PY
)
  echo "$table"; echo
  [ -n "${RESULTS:-}" ] && printf '\n%s\n' "$(sed 's/^lemma --timings/\nlemma --timings/; s/^  \([a-z]\)/    \1/' <<<"$table")" >>"$RESULTS"
done
# Only now, with every run done, are the outputs and caches deleted.
rm -rf "$TRASH" "$WORK"/out-* "$WORK"/.out-*
exit 0
