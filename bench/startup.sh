#!/usr/bin/env bash
# Start-up benchmark: a small blog, where start-up is most of the build.
#
#   bench/startup.sh [POSTS]          (default: 20 posts)
#
# Generates the shared corpus with POSTS posts, then builds it WARMUP + RUNS times with each of
#   packaged  the self-contained single-file `lemma` of scripts/package.sh (linux-x64, ReadyToRun)
#   dll       dotnet Lemma.Cli.dll build (the plain Release build)
#   hugo      hugo with the corpus's hugo.yaml
# in rounds (one run of each tool per round, so that load from elsewhere falls on all three alike), every run
# into an empty output folder and, for Lemma, with no .lemma cache. Prints median wall time [min-max] and median
# user+sys CPU of each, the ratios to Hugo, and the packaged binary's `--timings` from one more run.
#
# Env:  RUNS=5 WARMUP=1
#       PACKAGED=file   the packaged binary (default: artifacts/linux-x64/lemma, made by scripts/package.sh if missing)
#       SHARED=dir      the shared bench folder (default: ../shared/bench beside the repository or its main checkout)
#       NO_BUILD=1      use the existing Release build of src/Lemma.Cli
#       RESULTS=file    also append the table, with date, machine and commit, to this file
# Needs: python3, dotnet, hugo (Debian: apt-get install hugo).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${SHARED:-}" ]; then
  SHARED=$REPO/../shared/bench
  if [ ! -d "$SHARED" ] && common=$(git -C "$REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
    SHARED=$(dirname "$common")/../shared/bench
  fi
fi
GEN=$SHARED/gen_corpus.py
[ -f "$GEN" ] || { echo "bench/startup.sh: $GEN missing; set SHARED=<folder holding gen_corpus.py>" >&2; exit 2; }
command -v hugo >/dev/null || { echo "bench/startup.sh: hugo not found (apt-get install hugo)" >&2; exit 2; }
POSTS=${1:-20}
RUNS=${RUNS:-5}; WARMUP=${WARMUP:-1}
PACKAGED=${PACKAGED:-$REPO/artifacts/linux-x64/lemma}
DLL=$REPO/src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll

if [ ! -x "$PACKAGED" ]; then
  echo "# packaging lemma for linux-x64..." >&2
  "$REPO/scripts/package.sh" "$(dirname "$(dirname "$PACKAGED")")" linux-x64 >&2
fi
if [ -z "${NO_BUILD:-}" ]; then
  echo "# building Lemma (Release)..." >&2
  dotnet build "$REPO/src/Lemma.Cli" -c Release -v quiet -nologo >&2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 "$GEN" --posts "$POSTS" --out "$WORK/site" >/dev/null

table=$(python3 - "$WORK" "$RUNS" "$WARMUP" "$PACKAGED" "$DLL" <<'PY'
import os, resource, shutil, statistics as st, subprocess, sys, time
work, runs, warmup, packaged, dll = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
site, out = f"{work}/site", f"{work}/out"
tools = {
    "packaged": [packaged, "build", "--source", site, "--out", out],
    "dll": ["dotnet", dll, "build", "--source", site, "--out", out],
    "hugo": ["hugo", "--quiet", "-s", site, "-d", out],
}
def once(cmd):
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(f"{site}/.lemma", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({r.returncode}):\n{r.stdout}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
rows = {name: [] for name in tools}
for i in range(warmup + runs):
    for name, cmd in tools.items():
        m = once(cmd)
        if i >= warmup: rows[name].append(m)
hugo_wall = st.median(w for w, _ in rows["hugo"])
hugo_cpu = st.median(c for _, c in rows["hugo"])
print(f"| tool | wall median [min-max] s | CPU user+sys s | wall / hugo | CPU / hugo |")
print("| --- | --- | ---: | ---: | ---: |")
for name, ms in rows.items():
    walls = [w for w, _ in ms]; cpus = [c for _, c in ms]
    print(f"| {name} | {st.median(walls):.3f} [{min(walls):.3f}-{max(walls):.3f}] | {st.median(cpus):.3f} "
          f"| {st.median(walls) / hugo_wall:.2f}x | {st.median(cpus) / hugo_cpu:.2f}x |")
shutil.rmtree(out, ignore_errors=True)
shutil.rmtree(f"{site}/.lemma", ignore_errors=True)
r = subprocess.run(tools["packaged"] + ["--timings"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print("\npackaged `lemma build --timings` (one more run):\n")
print("\n".join("    " + l for l in r.stdout.rstrip().splitlines()))
PY
)
header="# $POSTS posts; runs=$RUNS warmup=$WARMUP; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(hugo version | cut -d' ' -f1-2); dotnet $(dotnet --version); packaged $(du -h "$PACKAGED" | cut -f1)"
printf '%s\n\n%s\n' "$header" "$table"
if [ -n "${RESULTS:-}" ]; then
  printf '\n%s, commit %s\n\n%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(git -C "$REPO" rev-parse --short HEAD)" "$header" >>"$RESULTS"
  printf '\n%s\n' "$table" >>"$RESULTS"
fi
