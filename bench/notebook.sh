#!/usr/bin/env bash
# Notebook benchmark (not a test): a notebook of 100 cells with 20 PNG plot outputs (gen_notebook.py) in a
# temporary site, built RUNS times with `lemma build --timings` (each cold: new process, no .lemma/cache, empty
# output); the same for a 5-cell notebook with one output of each kind (the fixed cost of a build that renders a
# notebook at all: start-up, JIT of every path, grammar and math set-up); and the big notebook rendered in-process with warm code
# (bench/Lemma.Notebook.Bench). Prints a Markdown section; RESULTS=bench/RESULTS.md appends it there.
#   bench/notebook.sh              # RUNS=5 CELLS=100 IMAGES=20
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CELLS=${CELLS:-100}
IMAGES=${IMAGES:-20}
WORK=${WORK:-$(mktemp -d)}

if [ -z "${NO_BUILD:-}" ]; then
  dotnet build src/Lemma.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/Lemma.Notebook.Bench -c Release -v q -nologo >/dev/null
fi
cli=src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll
inproc=bench/Lemma.Notebook.Bench/bin/Release/net10.0/Lemma.Notebook.Bench.dll

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# site NAME CELLS IMAGES: writes the site, builds it RUNS times; sets walls, stages, nbsize, images_out.
site() {
  local dir="$WORK/$1"
  mkdir -p "$dir/content/posts"
  printf 'title: Notebook bench\nbase_url: https://example.org/\n' > "$dir/site.yaml"
  python3 bench/gen_notebook.py "$dir/content/posts/bench-notebook.ipynb" "$2" "$3"
  nbsize=$(du -k "$dir/content/posts/bench-notebook.ipynb" | cut -f1)
  walls=(); stages=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$dir/.lemma" "$dir/out"
    local start end
    start=$(date +%s%N)
    dotnet "$cli" build --source "$dir" --out "$dir/out" --timings > "$dir/build.log" 2>&1
    end=$(date +%s%N)
    walls+=("$(( (end - start) / 1000000 ))")
    stages+=("$(awk '/render content/ { print $(NF-1) }' "$dir/build.log")")
  done
  images_out=$(find "$dir/out/posts" -name '*.png' | wc -l)
}

site small 5 1
small_wall=$(median "${walls[@]}"); small_stage=$(median "${stages[@]}")
small_walls="${walls[*]}"; small_stages="${stages[*]}"
site big "$CELLS" "$IMAGES"
big_wall=$(median "${walls[@]}"); big_stage=$(median "${stages[@]}")
warm=$(dotnet "$inproc" "$WORK/big" content/posts/bench-notebook.ipynb 20)
marginal=$(awk -v a="$big_stage" -v b="$small_stage" 'BEGIN { printf "%.0f", a - b }')

section=$(cat <<MD

## Notebook: ${CELLS} cells, ${IMAGES} PNG outputs ($(date -u +%Y-%m-%d), \`bench/notebook.sh\`, load average $(cut -d' ' -f1 /proc/loadavg))

A notebook of ${CELLS} cells (40% Markdown with math, 60% Python code with stream, text, HTML-table and 560x300
PNG outputs; ${nbsize} KiB) alone in a site, ${images_out} image files written; against the same site with a
notebook of 5 cells with one output of each kind (so that both builds JIT the same code). Each build is a
new process with no cache. Medians of ${RUNS} runs (all runs in brackets).

| site | \`lemma build\` wall | "render content" stage |
|---|---|---|
| 5-cell notebook | ${small_wall} ms [${small_walls}] | ${small_stage} ms [${small_stages}] |
| ${CELLS}-cell notebook | ${big_wall} ms [${walls[*]}] | ${big_stage} ms [${stages[*]}] |
| difference: the ${CELLS} cells themselves, cold | | ${marginal} ms |

In-process, JIT warm, new formats each render (no highlight cache): ${warm}.
MD
)
echo "$section"
if [ -n "${RESULTS:-}" ]; then echo "$section" >> "$RESULTS"; fi
