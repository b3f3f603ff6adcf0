#!/usr/bin/env bash
# Images (issue #20): Lemma's image pipeline against Hugo's image processing on the same photo-like JPEGs, same run.
#
#   bench/images.sh                 200 photos of 2400 x 1600, one per post (N, W, H to change)
#   CORPUS=dir bench/images.sh      also the 10k corpus (gen_corpus.py's output) with one photo per 10 posts
#
# Lemma: each photo's copies at 480, 800, 1200 and 1600 px in AVIF and WebP (8 files), through libvips.
# Hugo: a render hook that calls .Resize for the same widths in WebP and JPEG (8 files; Hugo 0.111 writes no AVIF).
# Each tool: a cold build (no image cache: .lemma/cache/images, resources/_gen) then a warm one (cache kept), timed
# with /usr/bin/time (wall, CPU user+sys, peak RSS). The machine is shared: read ratios, not seconds.
set -euo pipefail
N=${N:-200}; W=${W:-2400}; H=${H:-1600}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$(mktemp -d -t lemma-images-XXXXXX)}
CLI="$ROOT/src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll"
[ -f "$CLI" ] || dotnet build "$ROOT/src/Lemma.Cli" -c Release >/dev/null

# The photos, made once per size and count.
PHOTOS="$WORK/photos-$N-${W}x$H"
if [ ! -d "$PHOTOS" ]; then
  mkdir -p "$WORK/gen" && cp "$ROOT/bench/images/photos.cs" "$WORK/gen/"
  (cd "$WORK/gen" && dotnet run photos.cs -- "$PHOTOS" "$N" "$W" "$H" >/dev/null)
fi

# One site per tool: N posts as page bundles, each showing its photo.
site_posts() { # $1 = content folder
  for i in $(seq 0 $((N - 1))); do
    n=$(printf %03d "$i"); d="$1/posts/p-$n"; mkdir -p "$d"
    cp "$PHOTOS/photo-$n.jpg" "$d/photo.jpg"
    printf -- '---\ntitle: "Photo %s"\ndate: 2024-01-01\n---\n\nA paragraph before the photo.\n\n![Photo %s](photo.jpg)\n' "$n" "$n" > "$d/index.md"
  done
}
LSITE="$WORK/lemma-site"; HSITE="$WORK/hugo-site"
rm -rf "$LSITE" "$HSITE"
mkdir -p "$LSITE/content" && printf 'title: Photos\nbase_url: https://example.org/\n' > "$LSITE/site.yaml" && site_posts "$LSITE/content"
mkdir -p "$HSITE/content" "$HSITE/layouts/_default/_markup" && site_posts "$HSITE/content"
printf 'baseURL = "https://example.org/"\ntitle = "Photos"\ntimeout = "60m"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$HSITE/hugo.toml"
echo '<!doctype html><title>{{ .Title }}</title>{{ .Content }}' > "$HSITE/layouts/_default/single.html"
echo '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' > "$HSITE/layouts/_default/list.html"
cat > "$HSITE/layouts/_default/_markup/render-image.html" <<'HOOK'
{{- $img := .Page.Resources.Get .Destination -}}
{{- if $img -}}
{{- $widths := slice 480 800 1200 1600 -}}
<picture>
{{- range $format := slice "webp" "jpg" }}
<source type="image/{{ cond (eq $format "jpg") "jpeg" $format }}" srcset="
{{- range $i, $w := $widths -}}{{- if le $w $img.Width -}}{{- with $img.Resize (printf "%dx %s q80" $w $format) -}}{{- if $i }}, {{ end }}{{ .RelPermalink }} {{ $w }}w{{- end -}}{{- end -}}{{- end -}}
" sizes="(max-width: 46rem) 100vw, 42rem">
{{- end }}
<img src="{{ $img.RelPermalink }}" alt="{{ .Text }}" width="{{ $img.Width }}" height="{{ $img.Height }}" loading="lazy" decoding="async">
</picture>
{{- else -}}<img src="{{ .Destination }}" alt="{{ .Text }}">{{- end -}}
HOOK

timed() { # label, then the command; prints a table row
  local label=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >"$WORK/log" 2>&1 || { cat "$WORK/log"; exit 1; }
  read -r wall user sys rss < "$WORK/time"
  printf '| %s | %.2f | %.2f | %d |\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024))
}

echo "## $N photos of ${W} x $H ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
echo
echo '| build | wall s | CPU s | peak RSS MiB |'
echo '|---|---|---|---|'
rm -rf "$LSITE/.lemma/cache/images" "$LSITE/public"
timed "lemma, cold (makes every copy)" dotnet "$CLI" build --source "$LSITE"
rm -rf "$LSITE/public"
timed "lemma, warm (copies from its cache)" dotnet "$CLI" build --source "$LSITE"
rm -rf "$HSITE/resources" "$HSITE/public"
timed "hugo, cold (makes every copy)" hugo --source "$HSITE" --quiet
rm -rf "$HSITE/public"
timed "hugo, warm (copies from resources/_gen)" hugo --source "$HSITE" --quiet
echo
echo "copies: lemma $(find "$LSITE/public" -name '*w.avif' -o -name '*w.webp' | wc -l) files, $(du -cb "$LSITE"/public/posts/*/*w.* | tail -1 | cut -f1) bytes;" \
  "hugo $(find "$HSITE/public" -name '*_resize_*' | wc -l) files, $(find "$HSITE/public" -name '*_resize_*' -print0 | du -cb --files0-from=- | tail -1 | cut -f1) bytes"

if [ -n "${CORPUS:-}" ]; then
  # The 10k corpus with one photo (1600 x 1067) per 10 posts, against the same corpus without: what images add to a full build.
  C="$WORK/corpus-images"; rm -rf "$C"; cp -r "$CORPUS" "$C"; rm -rf "$C/public" "$C/.lemma" "$C/resources"
  SMALL="$WORK/photos-corpus"
  posts=$(ls "$C/content/posts" | grep '\.md$' | wc -l); count=$(( (posts + 9) / 10 ))
  [ -d "$SMALL" ] || (cd "$WORK/gen" && dotnet run photos.cs -- "$SMALL" "$count" 1600 1067 >/dev/null)
  echo
  echo "## The 10k corpus, $count photos of 1600 x 1067 (one per 10 posts)"
  echo
  echo '| build | wall s | CPU s | peak RSS MiB |'
  echo '|---|---|---|---|'
  timed "lemma, corpus without photos" dotnet "$CLI" build --source "$C"
  rm -rf "$C/public" "$C/.lemma/cache/images"
  mkdir -p "$C/static/photos"; i=0
  for post in $(ls "$C/content/posts" | grep '\.md$' | sort | awk 'NR % 10 == 1'); do
    n=$(printf %03d "$i"); [ -f "$SMALL/photo-$n.jpg" ] || n=$(printf %03d $((i % count)))
    cp "$SMALL/photo-$n.jpg" "$C/static/photos/$n.jpg"
    printf '\n![Photo %s](/photos/%s.jpg)\n' "$n" "$n" >> "$C/content/posts/$post"; i=$((i + 1))
  done
  timed "lemma, with photos, cold" dotnet "$CLI" build --source "$C"
  rm -rf "$C/public"
  timed "lemma, with photos, warm" dotnet "$CLI" build --source "$C"
fi
echo
echo "work folder: $WORK"
