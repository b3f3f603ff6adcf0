#!/usr/bin/env python3
"""How well Lemma reads real sites written for Hugo, Jekyll, Quarto and Jupyter (issue #15, section 7).

For each site of sites.tsv laid out by fetch.sh: build it with its own tool where this machine has it (else take
the URLs from its published output, else the URLs its sources imply), build it unchanged with Lemma, and measure
what a reader would meet. Prints a Markdown table and, per site, the commonest diagnostics and misses.

    bench/compat/measure.py [--sites WORK] [--only NAME ...] [--lemma Lemma.Cli.dll] [--scratch DIR] [--json FILE]
    bench/compat/measure.py --from-json FILE     # the tables again, from an earlier run

Stdlib only. Needs the .NET SDK; `hugo` and `jekyll` on PATH when present are used for the originals.
"""
import argparse
import collections
import html.parser
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TMP = Path(os.environ.get("TMPDIR", tempfile.gettempdir()))
DIAGNOSTIC = re.compile(r"^(?P<path>.*?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*)$")
RAW_TEMPLATE = ("{{", "{%", "{:")
# TeX that reached the page as text: a renderer never took it as math.
TEX_AS_TEXT = re.compile(r"\$\$|\\\(|\\\[|\\begin\{|(?<![\w$])\$[^$\s][^$]{0,200}?[^\s\\$]\$(?![\w$])")
WORD = re.compile(r"[A-Za-z]{3,}")


def read_sites():
    rows = (line.rstrip("\n").split("\t") for line in (HERE / "sites.tsv").read_text(encoding="utf-8").splitlines())
    header = next(rows)
    return [dict(zip(header, row)) for row in rows if row and row[0]]


def run(cmd, cwd=None, env=None, timeout=1800):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, errors="replace")
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        return -1, f"timed out after {timeout} s\n{e.stdout or ''}{e.stderr or ''}"
    except FileNotFoundError as e:
        return -2, str(e)


# ---------- the original's URLs

def html_urls(out):
    """The page URLs an output folder serves: x/index.html is x/, 404 pages and pagination left out."""
    urls = set()
    for f in out.rglob("*.html"):
        rel = f.relative_to(out).as_posix()
        if rel.startswith("site_libs/") or rel in ("404.html", "404/index.html") or re.search(r"(^|/)page/\d+/", rel):
            continue
        urls.add(rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)
    return urls


def original_urls(site, root, scratch):
    """(urls, how) for the site as its own tool publishes it."""
    out = scratch / "original"
    shutil.rmtree(out, ignore_errors=True)
    kind, notes = site["kind"], []
    if kind == "hugo" and shutil.which("hugo"):
        rc, log = run(["hugo", "--quiet", "-s", str(root), "-d", str(out)])
        if rc == 0:
            return html_urls(out), "hugo"
        notes.append("hugo failed: " + first_error(log, root))
        urls, stubbed = hugo_with_stubs(root, scratch, log)
        if urls is not None:
            return urls, "; ".join(notes + [f"hugo with stand-ins for {', '.join(stubbed)}"])
    if kind == "jekyll" and shutil.which("jekyll"):
        # Plugins come from Debian's gems, not the Gemfile; a theme or plugin gem Debian lacks gets a second try
        # without theme and plugins, which still gives Jekyll's URLs (pages render without layouts).
        env = dict(os.environ, JEKYLL_NO_BUNDLER_REQUIRE="true")
        rc, log = run(["jekyll", "build", "-s", str(root), "-d", str(out)], env=env)
        if rc == 0:
            return html_urls(out), "jekyll"
        notes.append("jekyll failed: " + first_error(log, root))
        override = scratch / "no-theme.yml"
        override.write_text("theme: false\nplugins: []\nwhitelist: []\nliquid:\n  error_mode: lax\n", encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        rc, log = run(["jekyll", "build", "--safe", "-s", str(root), "-d", str(out), "--config",
                       f"{root / '_config.yml'},{override}"], env=env)
        if rc == 0:
            return html_urls(out), "jekyll --safe without theme and plugins"
        notes.append("jekyll --safe without theme and plugins failed: " + first_error(log, root))
    published = Path(str(site["_dir"]) + ".published")
    if published.is_dir():
        return html_urls(published), "; ".join(notes + [f"published output ({site['published']})"])
    if (root / "public").is_dir() and kind == "hugo":
        return html_urls(root / "public"), "; ".join(notes + ["public/ committed in the repository"])
    return implied_urls(site, root), "; ".join(notes + ["URLs implied by the sources"])


def first_error(log, root):
    """The first error line of a tool's log, with this machine's folders taken out."""
    lines = [l for l in log.splitlines() if re.search(r"error|Error|could not|not found", l) and not l.strip().startswith("from ")]
    line = re.sub(r"\x1b\[[0-9;]*m", "", (lines or log.strip().splitlines() or ["?"])[0]).strip()
    line = line.replace(str(root) + "/", "").replace(str(root), ".")
    return re.sub(r"(/[\w.+-]+){3,}/", ".../", line)[:160]


def hugo_with_stubs(root, scratch, log):
    """Hugo on a copy of the site in which every shortcode or partial it cannot find or run is an empty template:
    the pages and their URLs are the same, which is all the original is needed for. (None, names) when Hugo still
    fails."""
    copy = scratch / "hugo-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", "public", "resources", "node_modules"))
    out, stubbed = scratch / "original", []
    for _ in range(30):
        # A missing shortcode or partial, or (a theme newer than this Hugo) the innermost template that failed.
        missing = re.search(r'(shortcode|partial) "([^"]+)" not found', log)
        failed = re.findall(r'layouts/([\w/.-]+\.(?:html|xml|json)):\d+:\d+', log)
        if missing:
            name = missing.group(2) if missing.group(2).endswith(".html") else missing.group(2) + ".html"
            stub = copy / "layouts" / (missing.group(1) + "s") / name
        elif failed:
            stub = copy / "layouts" / failed[-1]
        elif (raised := raised_by(copy, log)) is not None:
            stub = copy / "layouts" / raised
        else:
            return None, stubbed
        folder = "shortcodes" if missing and missing.group(1) == "shortcode" else ""
        if stub.relative_to(copy / "layouts").as_posix() in stubbed:
            return None, stubbed
        stub.parent.mkdir(parents=True, exist_ok=True)
        # Hugo writes no file for an empty page, so a page-level stand-in still writes something.
        stub.write_text("{{ with .Inner }}{{ . }}{{ end }}" if folder == "shortcodes" else
                        "" if "partials/" in stub.as_posix() or "_markup/" in stub.as_posix() else
                        '<!-- stand-in -->{{ block "main" . }}{{ end }}' if stub.name == "baseof.html" else "<!-- stand-in -->",
                        encoding="utf-8")
        stubbed.append(stub.relative_to(copy / "layouts").as_posix())
        shutil.rmtree(out, ignore_errors=True)
        rc, log = run(["hugo", "-s", str(copy), "-d", str(out)])
        if rc == 0:
            return html_urls(out), stubbed
    return None, stubbed


def raised_by(copy, log):
    """The layout (relative to layouts/) whose errorf wrote the ERROR line of Hugo's log, e.g. a theme's version check."""
    m = re.search(r"^ERROR \S+ \S+ (?:=> )?(.+)$", log, re.M)
    if not m:
        return None
    piece = max(re.split(r"\S*\d\S*", m.group(1)), key=len).strip()
    if len(piece) < 12:
        return None
    for f in sorted(copy.glob("themes/*/layouts/**/*")) + sorted(copy.glob("layouts/**/*")):
        if f.is_file() and piece in f.read_text(errors="replace"):
            return f.relative_to(copy).as_posix().split("layouts/", 1)[1]
    return None


def implied_urls(site, root):
    """Rough URLs from file names and permalink/url fields alone, when no tool output is at hand."""
    urls = set()
    config = (root / "_config.yml").read_text(errors="replace") if (root / "_config.yml").is_file() else ""
    # The posts' permalink: the top-level one, else one with :title in the config's defaults (Chirpy's).
    style = re.search(r"^permalink:\s*['\"]?([^'\"\s#]+)", config, re.M) or \
        re.search(r"^\s+permalink:\s*['\"]?(/[^'\"\s#]*:title[^'\"\s#]*)", config, re.M)
    style = {"date": "/:categories/:year/:month/:day/:title:output_ext", "pretty": "/:categories/:year/:month/:day/:title/",
             "ordinal": "/:categories/:year/:y_day/:title:output_ext", "none": "/:categories/:title:output_ext"}.get(
        style.group(1) if style else "date", style.group(1) if style else "")
    for f in root.rglob("*"):
        rel = f.relative_to(root).as_posix()
        if not f.is_file() or any(part.startswith((".", "_site", "node_modules")) for part in rel.split("/")):
            continue
        stem, ext = posixpath.splitext(rel)
        if ext not in (".md", ".markdown", ".ipynb", ".qmd", ".html"):
            continue
        head = f.read_text(encoding="utf-8", errors="replace")[:3000]
        fixed = re.search(r"^(?:permalink|url):\s*['\"]?(/[^'\"\s]*)", head.split("\n---", 1)[0], re.M) \
            if head.startswith(("---", "+++")) else None
        if site["kind"] == "hugo":
            if not rel.startswith("content/"):
                continue
            stem = stem[len("content/"):]
            base = posixpath.basename(stem)
            url = posixpath.dirname(stem) + "/" if base in ("index", "_index") else stem + "/"
            urls.add(fixed.group(1).lstrip("/") if fixed else url.lstrip("/").lower())
        elif site["kind"] == "jekyll":
            if not head.startswith("---"):
                continue  # Jekyll copies a file without front matter as it is: no page
            m = re.match(r"_posts/(?:.*/)?(\d{4})-(\d{2})-(\d{2})-(.+)$", stem)
            if fixed and not m:
                urls.add(fixed.group(1).lstrip("/"))
            elif m:
                # The config's permalink style, categories aside.
                url = style.replace(":categories", "").replace(":year", m.group(1)).replace(":month", m.group(2)) \
                    .replace(":day", m.group(3)).replace(":title", m.group(4)).replace(":output_ext", ".html")
                urls.add(re.sub(r"/+", "/", url).lstrip("/"))
            elif not rel.startswith("_") and posixpath.basename(stem).lower() not in ("readme", "license", "changelog"):
                urls.add(stem + ".html")
        elif site["kind"] == "quarto":
            # Quarto renders every page outside _-folders at its path, case kept; README and LICENSE are not pages.
            if any(part.startswith("_") for part in rel.split("/")) \
                    or posixpath.basename(stem).lower() in ("readme", "license", "changelog"):
                continue
            urls.add(stem + ".html")
        else:
            urls.add((stem + ".html").lower())
    # As html_urls names them: x/index.html is x/, no 404 page.
    urls = {u[: -len("index.html")] if u == "index.html" or u.endswith("/index.html") else u for u in urls}
    return {u for u in urls if u not in ("404.html", "404/")}


# ---------- Lemma

def lemma_build(lemma, root, out):
    shutil.rmtree(out, ignore_errors=True)
    cmd = ["dotnet", str(lemma), "build", "--source", str(root), "--out", str(out)] if lemma.suffix == ".dll" else \
        [str(lemma), "build", "--source", str(root), "--out", str(out)]
    rc, log = run(cmd)
    diags = [m.groupdict() for m in map(DIAGNOSTIC.match, log.splitlines()) if m]
    return rc, log, diags


def normalise(message):
    m = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|«[^»]*»", "'…'", message)
    m = re.sub(r"\\[A-Za-z]+", r"\\cmd", m)
    m = re.sub(r"\d+", "N", m)
    return m[:110]


def add_title(f):
    """Gives a source that lacks one a title (its first heading, else its file name); False when it cannot."""
    text = f.read_text(encoding="utf-8", errors="replace")
    heading = re.search(r"^#\s+(.+)$", text if f.suffix != ".ipynb" else text.replace("\\n", "\n"), re.M)
    title = (heading.group(1).strip().strip('",') if heading else f.stem)[:80].replace('"', "'").replace("\\", "")
    if f.suffix == ".ipynb":
        try:
            nb = json.loads(text)
        except ValueError:
            return False
        nb.setdefault("metadata", {})["title"] = title
        f.write_text(json.dumps(nb), encoding="utf-8")
        return True
    if text.startswith("---\n"):
        f.write_text(f'---\ntitle: "{title}"\n' + text[4:], encoding="utf-8")
        return True
    return False


def drop_lines(f, lines):
    """Comments out the config lines, or removes the front matter fields (with their indented values), that an
    error points at; False when an error is elsewhere in the file."""
    text = f.read_text(encoding="utf-8", errors="replace").split("\n")
    config = f.suffix in (".yml", ".yaml", ".toml") and f.parent.name != "_data"
    end = len(text) if config else next((i + 1 for i in range(1, len(text)) if text[i].strip() in ("---", "+++")), 0)
    if not end or any(not 1 <= n <= end for n in lines):
        return False
    drop = set()
    for n in lines:
        i = n - 1
        drop.add(i)
        indent = len(text[i]) - len(text[i].lstrip())
        j = i + 1
        while not config and j < end - 1 and (not text[j].strip() or len(text[j]) - len(text[j].lstrip()) > indent
                                               or text[j].lstrip().startswith("- ")):
            drop.add(j)
            j += 1
    text = [("# " + l if config else None) if i in drop else l for i, l in enumerate(text)]
    f.write_text("\n".join(l for l in text if l is not None), encoding="utf-8")
    return True


def salvage(lemma, root, scratch, diags):
    """Builds a copy in which sources lacking a title get one and other sources with errors are left out (up to 4
    rounds), so that the rest can be measured. Returns (exit, files left out, files given a title)."""
    copy = scratch / "salvage"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", "node_modules", ".lemma"))
    removed, titled, patched, rc, later = set(), set(), set(), 1, []
    for _ in range(4):
        errors = [d for d in diags if d["sev"] == "error" and d["path"] not in removed]
        acted = False
        for path in sorted({d["path"] for d in errors}):
            f = copy / path
            if not f.is_file():
                continue
            mine = [d for d in errors if d["path"] == path]
            only_title = all("required field 'title'" in d["msg"] for d in mine)
            if only_title and path not in titled and add_title(f):
                titled.add(path)
            elif path not in patched and drop_lines(f, [int(d["line"]) for d in mine]):
                patched.add(path)
            else:
                f.unlink()
                removed.add(path)
            acted = True
        if not acted:
            break
        rc, log, diags = lemma_build(lemma, copy, scratch / "lemma")
        later += diags
        if rc == 0:
            break
    return rc, removed, titled - removed, patched - removed, later


# ---------- what the pages show

class PageText(html.parser.HTMLParser):
    """Visible prose of a page (no code, math, script or style), its images, links and math marks."""
    SKIP = {"script", "style", "code", "pre", "math", "svg", "template", "noscript", "textarea"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.skip, self.text = [], 0, []
        self.images, self.links, self.maths, self.math_errors = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "math":
            self.maths += 1
        if "math-error" in cls or "math-source" in cls:
            self.math_errors += 1
        if tag == "img" and a.get("src"):
            self.images.append(a["src"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in self.VOID:
            return
        skipping = tag in self.SKIP or "math-error" in cls or "math-source" in cls
        self.stack.append((tag, skipping))
        self.skip += skipping

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack and self.stack[-1][0] == tag:
            self.skip -= self.stack.pop()[1]

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, s in self.stack[i:]:
                    self.skip -= s
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def resolve(out, page_rel, ref, base_path):
    """The output file a same-site reference lands on, or None when it lands nowhere; '' when not same-site."""
    parts = urllib.parse.urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("#", "mailto:", "javascript:", "data:")):
        return ""
    path = urllib.parse.unquote(parts.path)
    if not path:
        return ""
    if path.startswith("/"):
        target = path
        if base_path and (target + "/").startswith(base_path + "/"):
            target = target[len(base_path):] or "/"
    else:
        target = posixpath.join("/" + posixpath.dirname(page_rel), path)
    target = posixpath.normpath(target).lstrip("/")
    candidates = [target, posixpath.join(target, "index.html"), target + ".html"] if target not in ("", ".") else ["index.html"]
    return next((c for c in candidates if (out / c).is_file()), None)


def base_path_of(root):
    """The path part of the site's base URL (Jekyll's baseurl, Hugo's baseURL), which links carry but files do not."""
    for name in ("_config.yml", "hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "site.yaml"):
        f = root / name
        if f.is_file():
            m = re.search(r"^\s*(?:baseurl|baseURL|base_url)\s*[:=]\s*['\"]?([^'\"\s#]*)", f.read_text(errors="replace"), re.M)
            if m:
                path = urllib.parse.urlsplit(m.group(1)).path if "//" in m.group(1) else m.group(1)
                return path.rstrip("/")
    return ""


def inspect_output(out, base_path):
    pages, stats = {}, collections.Counter()
    examples = collections.defaultdict(list)
    for f in sorted(out.rglob("*.html")):
        rel = f.relative_to(out).as_posix()
        p = PageText()
        try:
            p.feed(f.read_text(encoding="utf-8", errors="replace"))
        except Exception:  # a page the parser chokes on still counts by its other pages
            continue
        text = " ".join(p.text)
        pages[rel] = text
        stats["maths"] += p.maths
        stats["math_errors"] += p.math_errors
        for token in RAW_TEMPLATE:
            n = text.count(token)
            stats["raw " + token] += n
            if n and len(examples["raw"]) < 5:
                i = text.find(token)
                examples["raw"].append(f"{rel}: «{' '.join(text[max(0, i - 20):i + 40].split())}»")
        for m in TEX_AS_TEXT.finditer(text):
            stats["tex_as_text"] += 1
            if len(examples["tex"]) < 5:
                examples["tex"].append(f"{rel}: «{' '.join(text[max(0, m.start() - 10):m.end() + 30].split())}»")
        for src in p.images:
            hit = resolve(out, rel, src, base_path)
            if hit == "":
                continue
            stats["images"] += 1
            if hit:
                stats["images_present"] += 1
            elif len(examples["img"]) < 5:
                examples["img"].append(f"{rel}: {src}")
        for href in p.links:
            hit = resolve(out, rel, href, base_path)
            if hit == "":
                continue
            stats["links"] += 1
            if hit:
                stats["links_ok"] += 1
            elif len(examples["link"]) < 5:
                examples["link"].append(f"{rel}: {href}")
    return pages, stats, examples


# ---------- no text dropped

def source_words(f):
    text = f.read_text(encoding="utf-8", errors="replace")
    if f.suffix == ".ipynb":
        try:
            nb = json.loads(text)
            text = "\n\n".join("".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
                               for c in nb.get("cells", []) if c.get("cell_type") == "markdown")
        except ValueError:
            return set()
    text = re.sub(r"\A(---|\+\+\+)\n.*?\n\1\s*\n", "", text, flags=re.S)
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", " ", text, flags=re.S | re.M)
    # Indented code blocks: whole blank-line-separated blocks indented by four (list continuations go too).
    text = "\n\n".join(b for b in re.split(r"\n\s*\n", text)
                       if not all(l.startswith(("    ", "\t")) for l in b.split("\n") if l.strip()))
    text = re.sub(r"\{%\s*(highlight|raw|comment)\b.*?\{%\s*end\1\s*%\}", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$|\\\(.*?\\\)|\\\[.*?\\\]|\\begin\{(\w+\*?)\}.*?\\end\{\1\}", " ", text, flags=re.S)
    text = re.sub(r"(`+)(?:(?!\1).)+?\1", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", text, flags=re.S | re.I)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|<[^>]+>|\{\{.*?\}\}|\{%.*?%\}|\{:[^}]*\}|https?://\S+", " ", text, flags=re.S)
    text = re.sub(r"^\s*\[[^\]]+\]:\s*\S+.*$", " ", text, flags=re.M)  # link reference definitions
    return prose_words(text)


def prose_words(text):
    # Hex digests and ids in prose (a-f only) are not words a reader misses.
    return {w for w in (w.lower() for w in WORD.findall(text)) if not re.fullmatch(r"[a-f]+", w) or w in ("add", "bad", "bed", "cafe", "dead", "deaf", "decade", "face", "faced", "feed", "fade", "ace", "bead")}


def dropped_text(root, pages):
    """Sources whose best-matching page lacks more than 1 % of their prose words."""
    page_words = {rel: prose_words(t) for rel, t in pages.items()}
    all_words = set().union(*page_words.values()) if page_words else set()
    worst, checked = [], 0
    for f in root.rglob("*"):
        rel = f.relative_to(root).as_posix()
        if f.suffix not in (".md", ".markdown", ".ipynb", ".qmd") or any(
                p.startswith(".") or p in ("node_modules", "public", "_site", "themes", "_drafts") for p in rel.split("/")):
            continue
        if f.name.lower() in ("readme.md", "license.md", "changelog.md"):
            continue
        words = source_words(f)
        if len(words) < 20:
            continue
        best = max(page_words, key=lambda r: len(words & page_words[r]), default=None)
        if best is None or len(words & page_words[best]) < 0.5 * len(words):
            continue  # no page is this source (left out, a draft, or a file no tool publishes)
        checked += 1
        missing = words - page_words[best]
        if len(missing) > 0.01 * len(words):
            nowhere = sorted(missing - all_words)
            worst.append((len(missing) / len(words), rel, best, sorted(missing)[:8], nowhere[:8]))
    worst.sort(reverse=True)
    return checked, worst


# ---------- one site

def measure(site, work, lemma, scratch_root):
    site["_dir"] = work / site["name"]
    root = site["_dir"] / site["root"] if site["root"] != "." else site["_dir"]
    scratch = scratch_root / site["name"]
    scratch.mkdir(parents=True, exist_ok=True)
    r = {"name": site["name"], "kind": site["kind"], "repository": site["repository"], "commit": site["commit"][:12]}
    if not root.is_dir():
        r["missing"] = f"not laid out (run fetch.sh): {root.name}"
        return r
    urls, how = original_urls(site, root, scratch)
    r["original"] = how
    rc, log, diags = lemma_build(lemma, root, scratch / "lemma")
    r["exit"] = rc
    r["errors"] = sum(d["sev"] == "error" for d in diags)
    r["warnings"] = sum(d["sev"] == "warning" for d in diags)
    r["summary"] = next((l for l in log.splitlines() if re.match(r"(built|failed)\b", l)),
                        next((l for l in reversed(log.splitlines()) if l.strip()), ""))[:200]
    r["math_diagnostics"] = sum(d["msg"].startswith("math") for d in diags)
    r["kinds"] = kinds_of(diags)
    r["removed"], r["titled"], r["patched"] = [], [], []
    out = scratch / "lemma"
    if rc != 0:
        rc2, removed, titled, patched, later = salvage(lemma, root, scratch, diags)
        r["later_kinds"] = kinds_of(later, exclude={(s, k) for s, k, _, _ in r["kinds"]})
        r["math_diagnostics"] = len({(d["path"], d["line"], d["col"]) for d in diags + later if d["msg"].startswith("math")})
        r["removed"], r["titled"], r["patched"] = sorted(removed), sorted(titled), sorted(patched)
        r["salvage_exit"] = rc2
        root_for_words = scratch / "salvage"
    else:
        root_for_words = root
    if not out.is_dir():
        r["no_output"] = True
        return r
    base_path = base_path_of(root)
    pages, stats, examples = inspect_output(out, base_path)
    lemma_urls = set(html_urls(out)) | set(pages)
    answered = {u for u in urls if u in lemma_urls or (out / u).is_file() or (out / u / "index.html").is_file()
                or (u.endswith("/") and (out / (u[:-1] + ".html")).is_file())}
    r["urls"], r["urls_kept"] = len(urls), len(answered)
    r["urls_missing"] = sorted(urls - answered)[:8]
    r.update(stats)
    r["examples"] = dict(examples)
    checked, worst = dropped_text(root_for_words, pages)
    r["text_checked"], r["text_dropped"] = checked, len(worst)
    r["text_examples"] = [f"{src} → {page}: {share:.0%} of words missing, e.g. {', '.join(m)}" +
                          (f" (nowhere on the site: {', '.join(n)})" if n else "") for share, src, page, m, n in worst[:5]]
    return r


def kinds_of(diags, exclude=frozenset()):
    """(severity, normalised message, count, first example) for the commonest kinds, deduplicated by position."""
    seen, kinds, example = set(), collections.Counter(), {}
    for d in diags:
        key = (d["sev"], normalise(d["msg"]))
        where = (d["path"], d["line"], d["col"], d["msg"])
        if key in exclude or where in seen:
            continue
        seen.add(where)
        kinds[key] += 1
        example.setdefault(key, f"{d['path']}:{d['line']}:{d['col']}: {d['msg'][:160]}")
    return [(sev, kind, n, example[(sev, kind)]) for (sev, kind), n in kinds.most_common(12)]


def share(a, b, none="–"):
    return none if not b else f"{a:,}/{b:,} ({100 * a / b:.1f}%)"


def files(names):
    return f"{len(names)} file" + ("" if len(names) == 1 else "s")


def table(results):
    lines = ["| site | kind | Lemma exit | errors | warnings | built for measuring | URLs kept | math clean "
             "| TeX left as text | raw `{{` `{%` `{:` | images present | internal links resolve | pages missing >1% words |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if "missing" in r:
            lines.append(f"| {r['name']} | {r['kind']} | {r['missing']} |" + " |" * 10)
            continue
        fixes = ([f"{files(r['titled'])} given a title"] if r["titled"] else []) + (
            [f"{files(r['patched'])} with the lines in error taken out"] if r["patched"] else []) + (
            [f"{files(r['removed'])} with errors left out"] if r["removed"] else [])
        built = "as is" if r["exit"] == 0 else (
            f"{', '.join(fixes)} (exit {r.get('salvage_exit')})" if fixes else "nothing written")
        if r.get("no_output"):
            lines.append(f"| {r['name']} | {r['kind']} | {r['exit']} | {r['errors']} | {r['warnings']} | {built} |" + " – |" * 7)
            continue
        maths, errs = r.get("maths", 0), max(r.get("math_errors", 0), r.get("math_diagnostics", 0))
        raw = " / ".join(str(r.get("raw " + t, 0)) for t in RAW_TEMPLATE)
        lines.append(
            f"| {r['name']} | {r['kind']} | {r['exit']} | {r['errors']} | {r['warnings']} | {built} "
            f"| {share(r['urls_kept'], r['urls'])} | {share(maths, maths + errs)} | {r.get('tex_as_text', 0):,} | {raw} "
            f"| {share(r.get('images_present', 0), r.get('images', 0), 'none found')} "
            f"| {share(r.get('links_ok', 0), r.get('links', 0), 'none found')} "
            f"| {r['text_dropped']}/{r['text_checked']} |")
    return "\n".join(lines)


def details(results):
    out = []
    for r in results:
        if "missing" in r:
            continue
        out.append(f"\n### {r['name']} ({r['repository']}@{r['commit']}, {r['kind']})\n")
        out.append(f"- original URLs from: {r['original']}")
        out.append(f"- Lemma: {r['summary']}")
        if r["titled"]:
            out.append(f"- measured with a title added to {len(r['titled'])} sources that lacked one")
        if r["patched"]:
            out.append(f"- measured with the config lines or front matter fields in error taken out of {', '.join(r['patched'][:4])}"
                       + (" …" if len(r["patched"]) > 4 else ""))
        if r["removed"]:
            out.append(f"- measured without {len(r['removed'])} source files that had errors, e.g. {', '.join(r['removed'][:4])}")
        for sev, kind, n, ex in r["kinds"][:8]:
            out.append(f"- {n} × {sev}: {kind} — e.g. `{ex}`")
        for sev, kind, n, ex in r.get("later_kinds", [])[:6]:
            out.append(f"- then, with those out of the way: {n} × {sev}: {kind} — e.g. `{ex}`")
        for key, label in (("urls_missing", "URLs Lemma does not answer"),):
            if r.get(key):
                out.append(f"- {label}: {', '.join(r[key])}")
        for key, label in (("raw", "raw template syntax"), ("tex", "TeX left as text"), ("img", "images missing"),
                           ("link", "links that land nowhere")):
            if r.get("examples", {}).get(key):
                out.append(f"- {label}: " + "; ".join(r["examples"][key][:3]))
        for ex in r.get("text_examples", [])[:3]:
            out.append(f"- text: {ex}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sites", type=Path, default=TMP / "lemma-compat", help="folder fetch.sh laid the sites out in")
    ap.add_argument("--only", nargs="*", help="site names")
    ap.add_argument("--lemma", type=Path, default=REPO / "src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll")
    ap.add_argument("--scratch", type=Path, default=TMP / "lemma-compat-out", help="outputs and copies go here")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--from-json", type=Path, help="print the tables of an earlier --json file, building nothing")
    a = ap.parse_args()
    if a.from_json:
        results = json.loads(a.from_json.read_text(encoding="utf-8"))
        print(table(results))
        print(details(results))
        return
    if not a.lemma.is_file():
        sys.exit(f"no {a.lemma}: build it first (dotnet build src/Lemma.Cli -c Release)")
    results = []
    for site in read_sites():
        if a.only and site["name"] not in a.only:
            continue
        print(f"measuring {site['name']} ...", file=sys.stderr, flush=True)
        results.append(measure(site, a.sites.resolve(), a.lemma.resolve(), a.scratch.resolve()))
    print(table(results))
    print(details(results))
    if a.json:
        a.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
