#!/usr/bin/env bash
# Real-file corpus for the hand lexers (issue #20): lays out a fixed list of system files by language, then
# measures each language's agreement with its TextMate grammar (bench/Lemma.Highlight.Bench --agree).
# The files are not committed (their licences vary); they are copied from standard system locations of a
# Debian-like machine (libc6-dev, libstdc++-12-dev, gzip, python3.11, postgresql-15...). A missing file is reported
# and skipped, so figures are comparable only between machines where the same files exist.
#
#   bench/highlight_corpus.sh OUT [NOTEBOOKS_DIR]          lay out OUT/{c,cpp,bash,python,json,yaml,sql,diff,...}
#   bench/highlight_corpus.sh OUT [NOTEBOOKS_DIR] --agree  ... and print per-language agreement (differences in OUT/LANG.diff)
#
# NOTEBOOKS_DIR (optional): a folder of .ipynb files; their code cells are added to the Python corpus, one .py per notebook.
# RUST_DIR (optional, environment): a checkout of github.com/BurntSushi/ripgrep; a fixed list of its .rs files makes
#   the Rust corpus, and the shell sessions ("$ " lines) in the fenced blocks of its GUIDE.md, FAQ.md and README.md
#   the console corpus.
# CUDA_DIR (optional, environment): a checkout of github.com/NVIDIA/cuda-samples; a fixed list of .cu/.cuh files.
# SQL_DIR (optional, environment): a checkout of github.com/jOOQ/sakila; its schemas for seven databases (MySQL, SQL
#   Server, Oracle, DB2, SQLite, PostgreSQL, CockroachDB) join the SQL corpus.
# REGEX_DIR, LLMC_DIR (optional, environment): checkouts of github.com/rust-lang/regex and github.com/karpathy/llm.c,
#   measured apart as OUT/regex (Rust) and OUT/llmc (CUDA): checks on files the lexers were not tuned on.
# The diff corpus is a fixed list of this repository's own commits, as `git format-patch` writes them.
# LANGUAGES (optional, environment): measure only these languages, e.g. LANGUAGES="sql diff".
# TOML is not measured: TextMateSharp ships no TOML grammar to compare with.
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

pg=/usr/share/postgresql/15
sql_files=(
  $pg/information_schema.sql $pg/system_views.sql $pg/system_functions.sql $pg/system_constraints.sql
  $pg/snowball_create.sql $pg/fix-CVE-2024-4317.sql
  $pg/extension/isn--1.1.sql $pg/extension/btree_gist--1.2.sql $pg/extension/btree_gin--1.0.sql
  $pg/extension/ltree--1.1.sql $pg/extension/hstore--1.4.sql $pg/extension/citext--1.4.sql
  $pg/extension/intarray--1.2.sql $pg/extension/cube--1.2.sql $pg/extension/seg--1.1.sql
  $pg/extension/pg_trgm--1.3.sql $pg/extension/dblink--1.2.sql $pg/extension/pageinspect--1.5.sql
  $pg/extension/pgcrypto--1.3.sql $pg/extension/pgstattuple--1.4--1.5.sql $pg/extension/pg_walinspect--1.0.sql
  $pg/extension/earthdistance--1.1.sql $pg/extension/pg_visibility--1.1.sql $pg/extension/tablefunc--1.0.sql
  $pg/extension/pg_stat_statements--1.9--1.10.sql $pg/extension/xml2--1.1.sql $pg/extension/adminpack--1.1--2.0.sql
  $pg/extension/fuzzystrmatch--1.1.sql $pg/extension/btree_gist--1.5--1.6.sql $pg/extension/pageinspect--1.8--1.9.sql
)
# ripgrep's sources, relative to RUST_DIR
rust_files=(
  crates/printer/src/standard.rs crates/printer/src/json.rs crates/printer/src/hyperlink/mod.rs
  crates/printer/src/util.rs crates/printer/src/color.rs crates/ignore/src/walk.rs crates/ignore/src/dir.rs
  crates/ignore/src/gitignore.rs crates/ignore/src/types.rs crates/globset/src/glob.rs crates/globset/src/lib.rs
  crates/searcher/src/searcher/glue.rs crates/searcher/src/line_buffer.rs crates/searcher/src/sink.rs
  crates/searcher/src/lines.rs crates/matcher/src/lib.rs crates/matcher/src/interpolate.rs
  crates/regex/src/literal.rs crates/regex/src/matcher.rs crates/regex/src/ast.rs crates/pcre2/src/matcher.rs
  crates/cli/src/decompress.rs crates/cli/src/process.rs crates/cli/src/escape.rs crates/core/main.rs
  crates/core/search.rs crates/core/haystack.rs crates/core/flags/parse.rs crates/core/flags/lowargs.rs
  tests/json.rs tests/regression.rs
)
console_files=(GUIDE.md FAQ.md README.md)
# cuda-samples' sources, relative to CUDA_DIR
cuda_samples=Samples
cuda_files=(
  $cuda_samples/0_Introduction/matrixMul/matrixMul.cu $cuda_samples/0_Introduction/mergeSort/mergeSort.cu
  $cuda_samples/0_Introduction/mergeSort/bitonic.cu $cuda_samples/0_Introduction/simpleStreams/simpleStreams.cu
  $cuda_samples/0_Introduction/UnifiedMemoryStreams/UnifiedMemoryStreams.cu
  $cuda_samples/2_Concepts_and_Techniques/reduction/reduction_kernel.cu
  $cuda_samples/2_Concepts_and_Techniques/eigenvalues/bisect_kernel_large.cuh
  $cuda_samples/2_Concepts_and_Techniques/eigenvalues/bisect_util.cu
  $cuda_samples/2_Concepts_and_Techniques/segmentationTreeThrust/segmentationTree.cu
  $cuda_samples/2_Concepts_and_Techniques/shfl_scan/shfl_scan.cu
  $cuda_samples/2_Concepts_and_Techniques/threadFenceReduction/threadFenceReduction_kernel.cuh
  $cuda_samples/2_Concepts_and_Techniques/particles/particles_kernel_impl.cuh
  $cuda_samples/2_Concepts_and_Techniques/dct8x8/dct8x8_kernel_short.cuh
  $cuda_samples/3_CUDA_Features/dmmaTensorCoreGemm/dmmaTensorCoreGemm.cu
  $cuda_samples/3_CUDA_Features/globalToShmemAsyncCopy/globalToShmemAsyncCopy.cu
  $cuda_samples/3_CUDA_Features/cdpQuadtree/cdpQuadtree.cu
  $cuda_samples/3_CUDA_Features/graphConditionalNodes/graphConditionalNodes.cu
  $cuda_samples/3_CUDA_Features/bindlessTexture/bindlessTexture_kernel.cu
  $cuda_samples/3_CUDA_Features/warpAggregatedAtomicsCG/warpAggregatedAtomicsCG.cu
  $cuda_samples/4_CUDA_Libraries/conjugateGradientMultiDeviceCG/conjugateGradientMultiDeviceCG.cu
  $cuda_samples/4_CUDA_Libraries/simpleCUFFT_callback/simpleCUFFT_callback.cu
  $cuda_samples/5_Domain_Specific/marchingCubes/marchingCubes_kernel.cu
  $cuda_samples/5_Domain_Specific/dxtc/dxtc.cu $cuda_samples/5_Domain_Specific/Mandelbrot/Mandelbrot_kernel.cuh
  $cuda_samples/5_Domain_Specific/volumeRender/volumeRender_kernel.cu
  $cuda_samples/5_Domain_Specific/SobelFilter/SobelFilter_kernels.cu
  $cuda_samples/6_Performance/transpose/transpose.cu
  $cuda_samples/6_Performance/UnifiedMemoryPerf/matrixMultiplyPerf.cu
)
# Sakila's schemas, relative to SQL_DIR
sakila_files=(
  mysql-sakila-db/mysql-sakila-schema.sql mysql-sakila-db/mysql-sakila-drop-objects.sql
  sql-server-sakila-db/sql-server-sakila-schema.sql sql-server-sakila-db/sql-server-sakila-drop-objects.sql
  oracle-sakila-db/oracle-sakila-schema.sql oracle-sakila-db/oracle-sakila-schema-pl-sql.sql
  oracle-sakila-db/oracle-sakila-drop-objects.sql db2-sakila-db/db2-sakila-schema.sql
  db2-sakila-db/db2-sakila-delete-data.sql sqlite-sakila-db/sqlite-sakila-schema.sql
  postgres-sakila-db/postgres-sakila-schema.sql cockroachdb-sakila-db/cockroachdb-sakila-schema.sql
)
# the regex crate's sources, relative to REGEX_DIR, and llm.c's, relative to LLMC_DIR
regex_files=(
  regex-syntax/src/hir/translate.rs regex-syntax/src/hir/print.rs regex-automata/src/util/look.rs
  regex-automata/src/util/search.rs regex-automata/src/meta/wrappers.rs regex-automata/src/meta/stopat.rs
  regex-automata/src/dfa/determinize.rs regex-automata/tests/dfa/suite.rs regex-automata/src/nfa/thompson/map.rs
  regex-automata/src/nfa/thompson/error.rs regex-automata/src/util/prefilter/aho_corasick.rs regex-lite/src/lib.rs
  regex-lite/src/utf8.rs regex-cli/args/syntax.rs regex-cli/args/haystack.rs src/error.rs
)
llmc_files=(
  train_gpt2.cu dev/cuda/layernorm_backward.cu dev/cuda/attention_forward.cu dev/cuda/classifier_fused.cu
  dev/cuda/softmax_forward.cu dev/cuda/matmul_forward.cu dev/cuda/adamw.cu dev/cuda/permute.cu llmc/zero.cuh
  llmc/layernorm.cuh llmc/matmul.cuh llmc/attention.cuh llmc/encoder.cuh llmc/cuda_utils.cuh llmc/adamw.cuh
  llmc/gelu.cuh
)
# commits of this repository, varied in size and in what they change (C#, Markdown, shell, Python, JavaScript)
diff_commits=(
  15ac230 4d0c2e0 a245966 4588765 4ed0604 da96a86 5ed2bd8 afb69eb b2d4ba0 972925b
  c7f0339 3ed072d 13cd518 e4552dc 22a12a1 2216c45 8546ffb 159c6e3 f06c8cb 440e908
)

lay_out() { # LANGUAGE FILE...: copies each file to OUT/LANGUAGE/, named after its path
  local lang=$1; shift
  mkdir -p "$out/$lang"
  for f in "$@"; do
    if [ -f "$f" ]; then cp "$f" "$out/$lang/$(echo "${f#/usr/}" | tr / _)"; else echo "missing, skipped: $f" >&2; fi
  done
}
lay_out_from() { # DIR LANGUAGE FILE...: the same for files relative to DIR, named after their path there
  local dir=$1 lang=$2; shift 2
  mkdir -p "$out/$lang"
  for f in "$@"; do
    if [ -f "$dir/$f" ]; then cp "$dir/$f" "$out/$lang/$(echo "$f" | tr / _)"; else echo "missing, skipped: $dir/$f" >&2; fi
  done
}
rm -rf "$out"
lay_out c "${c_files[@]}"
lay_out cpp "${cpp_files[@]}"
lay_out bash "${bash_files[@]}"
lay_out python "${python_files[@]}"
lay_out json "${json_files[@]}"
lay_out yaml "${yaml_files[@]}"
lay_out sql "${sql_files[@]}"
[ -z "${SQL_DIR:-}" ] || lay_out_from "$SQL_DIR" sql "${sakila_files[@]}"
mkdir -p "$out/diff"
for c in "${diff_commits[@]}"; do
  git -C "$here" format-patch --stdout -1 "$c" >"$out/diff/$c.patch" 2>/dev/null || { echo "missing, skipped: commit $c" >&2; rm -f "$out/diff/$c.patch"; }
done
languages=(c cpp bash python json yaml sql diff)
if [ -n "${RUST_DIR:-}" ]; then
  lay_out_from "$RUST_DIR" rust "${rust_files[@]}"
  languages+=(rust)
  # the console corpus: fenced blocks of the guides that start with a "$ " prompt, one file per guide
  mkdir -p "$out/console"
  for f in "${console_files[@]}"; do
    [ -f "$RUST_DIR/$f" ] || { echo "missing, skipped: $RUST_DIR/$f" >&2; continue; }
    awk '/^```/ { if (inside) { if (keep) printf "%s\n", block; inside = 0 } else { inside = 1; keep = 0; block = "" } next }
         inside { if (block == "" && /^\$ /) keep = 1; block = block $0 "\n" }' "$RUST_DIR/$f" >"$out/console/$f.console"
  done
  languages+=(console)
fi
if [ -n "${CUDA_DIR:-}" ]; then
  lay_out_from "$CUDA_DIR" cuda "${cuda_files[@]}"
  languages+=(cuda)
fi
if [ -n "${REGEX_DIR:-}" ]; then lay_out_from "$REGEX_DIR" regex "${regex_files[@]}"; languages+=(regex); fi
if [ -n "${LLMC_DIR:-}" ]; then lay_out_from "$LLMC_DIR" llmc "${llmc_files[@]}"; languages+=(llmc); fi
# LANGUAGES (optional, environment): measure only these, e.g. LANGUAGES="sql diff"
[ -z "${LANGUAGES:-}" ] || read -r -a languages <<<"$LANGUAGES"
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

for lang in "${languages[@]}"; do
  echo "$lang: $(ls "$out/$lang" | wc -l) files, $(cat "$out/$lang"/* | wc -l) lines"
done
[ $agree = 1 ] || exit 0
dotnet build "$here/bench/Lemma.Highlight.Bench" -c Release -v q -nologo >/dev/null
for lang in "${languages[@]}"; do
  # a corpus is named after its language, but for the checks measured apart
  case $lang in regex) as=rust ;; llmc) as=cuda ;; *) as=$lang ;; esac
  dotnet "$here/bench/Lemma.Highlight.Bench/bin/Release/net10.0/Lemma.Highlight.Bench.dll" --agree "$as" "$out/$lang"/* \
    >"$out/$lang.diff"
  [ "$as" = "$lang" ] || printf '%s, as ' "$lang"
  tail -1 "$out/$lang.diff"
done
