#!/usr/bin/env bash
# Real-file corpus for the hand lexers (issue #20): lays out a fixed list of system files by language, then
# measures each language's agreement with its TextMate grammar (bench/Lemma.Highlight.Bench --agree).
# The files are not committed (their licences vary); they are copied from standard system locations of a
# Debian-like machine (libc6-dev, libstdc++-12-dev, gzip, python3.11...). A missing file is reported and skipped,
# so figures are comparable only between machines where the same files exist.
#
#   bench/highlight_corpus.sh OUT [NOTEBOOKS_DIR]          lay out OUT/{c,cpp,bash,python,json,yaml}
#   bench/highlight_corpus.sh OUT [NOTEBOOKS_DIR] --agree  ... and print per-language agreement (differences in OUT/LANG.diff)
#
# NOTEBOOKS_DIR (optional): a folder of .ipynb files; their code cells are added to the Python corpus, one .py per notebook.
set -euo pipefail
out=${1:?usage: highlight_corpus.sh OUT [NOTEBOOKS_DIR] [--agree]}
notebooks=""
agree=0
for a in "${@:2}"; do
  if [ "$a" = --agree ]; then agree=1; else notebooks=$a; fi
done
here=$(cd "$(dirname "$0")/.." && pwd)

c_files=(
  /usr/include/argp.h /usr/include/assert.h /usr/include/bzlib.h /usr/include/ctype.h /usr/include/dirent.h
  /usr/include/dlfcn.h /usr/include/err.h /usr/include/expat.h /usr/include/fcntl.h /usr/include/fts.h
  /usr/include/getopt.h /usr/include/glob.h /usr/include/iconv.h /usr/include/jpeglib.h /usr/include/link.h
  /usr/include/locale.h /usr/include/lzma.h /usr/include/malloc.h /usr/include/math.h /usr/include/obstack.h
  /usr/include/png.h /usr/include/pthread.h /usr/include/regex.h /usr/include/sched.h /usr/include/search.h
  /usr/include/signal.h /usr/include/spawn.h /usr/include/stdio.h /usr/include/stdlib.h /usr/include/string.h
  /usr/include/termios.h /usr/include/threads.h /usr/include/time.h /usr/include/unistd.h /usr/include/wchar.h
  /usr/include/zlib.h
)
cxx=/usr/include/c++/12
cpp_files=(
  $cxx/algorithm $cxx/any $cxx/array $cxx/bit $cxx/bitset $cxx/charconv $cxx/concepts $cxx/coroutine
  $cxx/expected $cxx/functional $cxx/future $cxx/mutex $cxx/numeric $cxx/optional $cxx/span $cxx/string_view
  $cxx/thread $cxx/tuple $cxx/type_traits $cxx/variant
  $cxx/bits/atomic_base.h $cxx/bits/hashtable.h $cxx/bits/move.h $cxx/bits/ranges_base.h
  $cxx/bits/shared_ptr_base.h $cxx/bits/std_function.h $cxx/bits/stl_iterator.h $cxx/bits/stl_list.h
  $cxx/bits/stl_map.h $cxx/bits/stl_vector.h $cxx/bits/unique_ptr.h $cxx/bits/uses_allocator.h
  /usr/include/gmpxx.h /usr/include/cursesw.h
)
bash_files=(
  /usr/bin/bzdiff /usr/bin/bzgrep /usr/bin/bzmore /usr/bin/gettext.sh /usr/bin/gunzip /usr/bin/gzexe
  /usr/bin/ldd /usr/bin/lesspipe /usr/bin/savelog /usr/bin/ssh-copy-id /usr/bin/tzselect /usr/bin/uncompress
  /usr/bin/xzdiff /usr/bin/xzgrep /usr/bin/xzless /usr/bin/xzmore /usr/bin/xdg-open /usr/bin/xdg-mime
  /usr/bin/zcat /usr/bin/zcmp /usr/bin/zdiff /usr/bin/zforce /usr/bin/zgrep /usr/bin/zless /usr/bin/zmore
  /usr/bin/znew /usr/bin/zipgrep /usr/sbin/service /usr/sbin/invoke-rc.d /usr/sbin/update-ca-certificates
  /usr/sbin/e2scrub /usr/sbin/installkernel
)
py=/usr/lib/python3.11
python_files=(
  $py/argparse.py $py/ast.py $py/bisect.py $py/calendar.py $py/contextlib.py $py/csv.py $py/dataclasses.py
  $py/difflib.py $py/enum.py $py/fnmatch.py $py/fractions.py $py/functools.py $py/gettext.py $py/glob.py
  $py/heapq.py $py/inspect.py $py/pathlib.py $py/pprint.py $py/random.py $py/shlex.py $py/shutil.py
  $py/statistics.py $py/string.py $py/subprocess.py $py/tempfile.py $py/textwrap.py $py/tokenize.py
  $py/typing.py $py/json/decoder.py $py/json/encoder.py $py/re/_parser.py $py/logging/__init__.py
  $py/asyncio/tasks.py $py/collections/__init__.py $py/unittest/case.py $py/urllib/parse.py
)

iso=/usr/share/iso-codes/json
json_files=(
  $iso/iso_15924.json $iso/iso_3166-1.json $iso/iso_3166-3.json $iso/iso_4217.json $iso/iso_639-2.json
  $iso/schema-3166-1.json $iso/schema-639-3.json
)
mime=/usr/share/rubygems-integration/all/gems/mime-types-data-3.2022.0105/types
yaml_files=(
  /usr/share/doc/python3-yaml/examples/pygments-lexer/example.yaml
  $mime/audio.yaml $mime/font.yaml $mime/message.yaml $mime/model.yaml $mime/video.yaml
)

lay_out() { # LANGUAGE FILE...: copies each file to OUT/LANGUAGE/, named after its path
  local lang=$1; shift
  mkdir -p "$out/$lang"
  for f in "$@"; do
    if [ -f "$f" ]; then cp "$f" "$out/$lang/$(echo "${f#/usr/}" | tr / _)"; else echo "missing, skipped: $f" >&2; fi
  done
}
rm -rf "$out"
lay_out c "${c_files[@]}"
lay_out cpp "${cpp_files[@]}"
lay_out bash "${bash_files[@]}"
lay_out python "${python_files[@]}"
lay_out json "${json_files[@]}"
lay_out yaml "${yaml_files[@]}"
if [ -n "$notebooks" ]; then
  python3 - "$notebooks" "$out/python" <<'EOF'
import json, pathlib, sys
for nb in sorted(pathlib.Path(sys.argv[1]).glob("*.ipynb")):
    cells = ["".join(c["source"]) for c in json.loads(nb.read_text())["cells"] if c["cell_type"] == "code"]
    # IPython magics and shell escapes are not Python: both highlighters would only disagree on them
    code = "\n\n".join(c for c in cells if c.strip() and not c.lstrip().startswith(("%", "!")))
    if code:
        (pathlib.Path(sys.argv[2]) / ("notebook_" + nb.stem + ".py")).write_text(code + "\n")
EOF
fi

languages=(c cpp bash python json yaml)
for lang in "${languages[@]}"; do
  echo "$lang: $(ls "$out/$lang" | wc -l) files, $(cat "$out/$lang"/* | wc -l) lines"
done
[ $agree = 1 ] || exit 0
dotnet build "$here/bench/Lemma.Highlight.Bench" -c Release -v q -nologo >/dev/null
for lang in "${languages[@]}"; do
  dotnet "$here/bench/Lemma.Highlight.Bench/bin/Release/net10.0/Lemma.Highlight.Bench.dll" --agree "$lang" "$out/$lang"/* \
    >"$out/$lang.diff"
  tail -1 "$out/$lang.diff"
done
