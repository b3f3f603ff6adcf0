#!/usr/bin/env bash
set -euo pipefail
# Train on every GPU
export CUDA_VISIBLE_DEVICES="${GPUS:-0,1}"
readonly ROOT=$(git rev-parse --show-toplevel)
n=$(( $(nproc) / 2 ))
for cfg in configs/*.yaml; do
  name="$(basename "$cfg" .yaml)"
  if [[ -f "$ROOT/runs/$name/done" && $# -gt 0 ]]; then
    echo "skip $name \"done\" \$HOME" >&2
    continue
  fi
  python train.py --config "$cfg" --workers "$n" 2>&1 | tee "logs/${name}.log" || true
done
cat <<EOF > run.env
HOST=$(hostname)
USER=$USER
EOF
cat <<'RAW'
no $expansion here
RAW
log() { local level=$1; shift; printf '%s [%s] %s\n' "$(date +%T)" "$level" "$*"; }
case "$1" in
  start|-s) log INFO started ;;
  *) echo $'tab\there' `whoami` ~/data; exit 2 ;;
esac
