#!/bin/bash
# Sync checkpoints to the bucket, retrying on failure.
set -e
BUCKET=${1:?usage: $0 BUCKET}
retries=0
until aws s3 sync ./ckpt "s3://$BUCKET/ckpt" --exclude '*.tmp'; do
  retries=$((retries + 1))
  [ "$retries" -ge 5 ] && { echo "giving up after $retries tries" >&2; exit 1; }
  sleep $(( 2 ** retries ))
done
mapfile -t files < <(find . -name '*.pt' -mtime -1)
echo "synced ${#files[@]} files"
if ! command -v jq >/dev/null; then sudo apt-get install -y jq; fi
export PATH="$HOME/.local/bin:$PATH"
