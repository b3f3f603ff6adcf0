#!/usr/bin/env bash
# Notebook benchmark (not a test): a notebook of 100 cells with 20 PNG plot outputs (gen_notebook.py) in a
# temporary site, built RUNS times with `lemma build --timings` (each cold: new process, no .lemma/cache, empty
# output), and rendered in-process with warm code (bench/Lemma.Notebook.Bench). Prints a Markdown section;
# RESULTS=bench/RESULTS.md appends it there.
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

site="$WORK/site"
mkdir -p "$site/content/posts"
printf 'title: Notebook bench\nbase_url: https://example.org/\n' > "$site/site.yaml"
python3 bench/gen_notebook.py "$site/content/posts/bench-notebook.ipynb" "$CELLS" "$IMAGES"

walls=(); stages=()
for _ in $(seq "$RUNS"); do
  rm -rf "$site/.lemma" "$WORK/out"
  start=$(date +%s%N)
  dotnet "$cli" build --source "$site" --out "$WORK/out" --timings > "$WORK/build.log" 2>&1
  end=$(date +%s%N)
  walls+=("$(( (end - start) / 1000000 ))")
  stages+=("$(awk '/render content/ { print $(NF-1) }' "$WORK/build.log")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
images=$(find "$WORK/out/posts" -name '*.png' | wc -l)
warm=$(dotnet "$inproc" "$site" content/posts/bench-notebook.ipynb 20)

section=$(cat <<MD

## Notebook: ${CELLS} cells, ${IMAGES} PNG outputs ($(date -u +%Y-%m-%d), \`bench/notebook.sh\`)

One notebook (${CELLS} cells: 40% Markdown with math, 60% Python code with stream, text, HTML-table and
560x300 PNG outputs; $(du -k "$site/content/posts/bench-notebook.ipynb" | cut -f1) KiB) in an otherwise empty site; ${images} image files written.

| measure | median of ${RUNS} | all runs |
|---|---|---|
| \`lemma build\` wall time (cold process) | $(median "${walls[@]}") ms | ${walls[*]} |
| its "render content" stage | $(median "${stages[@]}") ms | ${stages[*]} |

In-process, JIT warm, new formats each time (no highlight cache): ${warm}.
MD
)
echo "$section"
echo "$(tail -n 14 "$WORK/build.log")" >&2
if [ -n "${RESULTS:-}" ]; then echo "$section" >> "$RESULTS"; fi
