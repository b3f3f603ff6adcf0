#!/usr/bin/env bash
# Packages the `lemma` command two ways (see README's Install section):
#   - a self-contained single-file executable per platform: OUT/<rid>/lemma (lemma.exe on Windows),
#     ReadyToRun-compiled so that start-up does not wait for the JIT;
#   - a .nupkg for `dotnet tool install -g Lemma.Cli` (framework-dependent, any platform with .NET 10).
#
# usage: [COMPOSITE=0] scripts/package.sh [OUT] [RID...]
#   OUT   output folder (default: artifacts)
#   RID   runtime identifiers (default: linux-x64 linux-arm64 osx-arm64 win-x64)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-artifacts}"
shift || true
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 osx-arm64 win-x64)
case "$out" in /*) ;; *) out="$root/$out" ;; esac
mkdir -p "$out"
cli="$root/src/Lemma.Cli/Lemma.Cli.csproj"
# Composite ReadyToRun compiles the app and the framework as one unit, so that generic code shared between them
# (List<T> of the engine's types, Fluid's parser over Parlot) is compiled ahead too instead of by the JIT at start-up:
# a 20-post build took 0.9 s of CPU instead of 1.25 s. It costs a bigger file (186 MiB against 147) and a slow
# build (about 20 minutes a platform on 2 busy cores); COMPOSITE=0 packages quickly for a try.
composite=true
[ "${COMPOSITE:-1}" = 0 ] && composite=false

for rid in "${rids[@]}"; do
  echo "== lemma for $rid"
  # Ahead-of-time code for the processors of the last ten years (x86-64-v3: AVX2; Apple's M1 on macOS): compiled for
  # the generic baseline, every method of the runtime with a 256-bit vector path (searching text, comparing spans,
  # the regex engine's scans) was rejected at start-up and compiled again by the JIT, unoptimized at first. A machine
  # without those instructions still runs the file, with the JIT doing that work.
  isa=""
  case "$rid" in
    *-x64) isa="--instruction-set:x86-64-v3" ;;
    osx-arm64) isa="--instruction-set:apple-m1" ;;
  esac
  # Crossgen2 runs on this machine and compiles for any target, so every platform gets ReadyToRun code.
  # Native libraries (SQLite, the TextMate regex engine) go inside the file too and are unpacked once, on first run.
  dotnet publish "$cli" -c Release -r "$rid" --self-contained true \
    -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite="$composite" \
    -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRunCrossgen2ExtraArgs="$isa" \
    -p:DebugType=none -p:GenerateDocumentationFile=false \
    -o "$out/$rid" -nologo -v quiet -clp:ErrorsOnly
  # The assembly keeps its name (Lemma.Cli.dll for `dotnet` and the tool package); the command is `lemma`.
  exe=""; case "$rid" in win-*) exe=".exe" ;; esac
  mv -f "$out/$rid/Lemma.Cli$exe" "$out/$rid/lemma$exe"
  # Only the executable ships.
  find "$out/$rid" -type f ! -name "lemma$exe" -delete
done

echo "== Lemma.Cli .nupkg (dotnet tool)"
dotnet pack "$cli" -c Release -o "$out" -nologo -v quiet

echo "== artifacts"
(cd "$out" && for rid in "${rids[@]}"; do ls -l "$rid"/lemma*; done; ls -l ./*.nupkg) | awk '{printf "%8.1f MiB  %s\n", $5/1048576, $NF}'
