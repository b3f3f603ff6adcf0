#!/usr/bin/env bash
# Lays out every site of sites.tsv in WORK/NAME at its pinned commit, and, where the row names a published
# branch (the site as its own tool built it), that output in WORK/NAME.published.
#
#   bench/compat/fetch.sh [WORK]            # default: ${TMPDIR:-/tmp}/lemma-compat
#   ONLY="pdsh wtop" bench/compat/fetch.sh  # some sites only
#   MIRROR=DIR bench/compat/fetch.sh        # read DIR/OWNER+NAME/repo (bare git dirs) instead of cloning
#
# Needs git and network access to the public repositories (not available in CI: a benchmark tool, not a test).
# Nothing it lays out belongs in this repository: most of these sites' text is not licensed for copying.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-${TMPDIR:-/tmp}/lemma-compat}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

# Prints the path of a git dir holding REPO, cloning it (without blobs until checkout) when no mirror has it.
gitdir_of() {
  local repo="$1" mirror_dir="${MIRROR:-}/${1/\//+}/repo"
  if [[ -n "${MIRROR:-}" && -d "$mirror_dir" ]]; then echo "$mirror_dir"; return; fi
  local cache="$work/.git-cache/${repo/\//+}.git"
  if [[ ! -d "$cache" ]]; then
    git clone --quiet --bare --filter=blob:none "https://github.com/$repo.git" "$cache" >&2
  fi
  echo "$cache"
}

# Writes COMMIT of REPO's tree (optionally only PATH) into DEST.
lay_out() {
  local repo="$1" commit="$2" dest="$3"
  local gd; gd="$(gitdir_of "$repo")"
  git --git-dir="$gd" cat-file -e "$commit^{commit}" 2>/dev/null || git --git-dir="$gd" fetch --quiet origin "$commit" >&2
  mkdir -p "$dest"
  if ! git --git-dir="$gd" archive "$commit" 2>/dev/null | tar -x -C "$dest" 2>/dev/null; then
    # A partial copy (a mirror without its largest files) cannot be archived whole: write file by file.
    local mode type sha path missing=0
    while IFS=$' \t' read -r -d '' mode type sha path; do
      [[ "$type" == blob ]] || continue
      mkdir -p "$dest/$(dirname "$path")"
      git --git-dir="$gd" cat-file blob "$sha" > "$dest/$path" 2>/dev/null || { rm -f "$dest/$path"; missing=$((missing + 1)); }
    done < <(git --git-dir="$gd" ls-tree -r -z "$commit")
    if (( missing > 0 )); then echo "   $missing file(s) of $repo missing from its copy, left out" >&2; fi
  fi
}

tail -n +2 "$here/sites.tsv" | while IFS=$'\t' read -r name repo commit kind root licence published extras exercises; do
  if [[ -n "${ONLY:-}" && " $ONLY " != *" $name "* ]]; then continue; fi
  echo "== $name ($repo@${commit:0:12}, $kind)"
  rm -rf "${work:?}/$name" "${work:?}/$name.published"
  lay_out "$repo" "$commit" "$work/$name"
  # Submodules (themes) the site needs: path=owner/name@commit, comma-separated.
  if [[ "$extras" != "-" ]]; then
    IFS=',' read -ra items <<< "$extras"
    for item in "${items[@]}"; do
      path="${item%%=*}"; spec="${item#*=}"
      rm -rf "${work:?}/$name/$path"
      lay_out "${spec%@*}" "${spec#*@}" "$work/$name/$path"
    done
  fi
  if [[ "$published" != "-" ]]; then
    lay_out "$repo" "${published#*@}" "$work/$name.published"
  fi
done
echo "sites laid out in $work"
