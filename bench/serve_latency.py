#!/usr/bin/env python3
"""Edit-to-reload latency of `lemma serve` on a corpus, per kind of edit: from the write to the reload event
reaching a connected client (server-sent events), median and p95 over EDITS edits of each kind after one
warm-up edit; plus start time and peak memory, and the stages that took longest in the server's own report.
With --hugo, `hugo server` on the same corpus in the same run (its own "Total in" figure per edit, which
excludes the browser round trip, so it flatters Hugo slightly). Standard library only.

    python3 bench/serve_latency.py CORPUS_DIR [--edits 5] [--kinds body,title,...] [--hugo] [--port 1414]

Build Lemma first: dotnet build src/Lemma.Cli -c Release. The corpus is restored afterwards.
Kinds: body, title, date, tags, summary, create, delete (after create), static, config, and layout (a
Lemma site's own partial: a Hugo or Jekyll corpus's layouts are not Lemma's).
"""
import argparse, http.client, os, pathlib, re, shutil, statistics, subprocess, sys, threading, time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DLL = ROOT / "src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll"
KINDS = ["body", "title", "date", "tags", "summary", "create", "delete", "static", "config"]


class Corpus:
    """The edits, each a function of its number; everything written is put back by restore()."""

    def __init__(self, root):
        self.root = root
        posts = sorted((root / "content/posts").glob("*.md"))
        self.count = len(posts)
        self.post = posts[min(499, len(posts) - 1)]
        self.config = next(p for p in (root / "hugo.yaml", root / "site.yaml", root / "hugo.toml") if p.exists())
        self.saved = {p: p.read_bytes() for p in (self.post, self.config)}
        self.made = []

    def field(self, name, value):
        text = self.post.read_text(encoding="utf-8")
        head, sep, body = text[4:].partition("\n---\n")
        lines = [l for l in head.split("\n") if not l.startswith(name + ":")]
        lines.insert(1, "%s: %s" % (name, value))
        self.post.write_text("---\n" + "\n".join(lines) + sep + body, encoding="utf-8")

    def edit(self, kind, i):
        if kind == "body":
            with open(self.post, "a", encoding="utf-8") as f:
                f.write("\nEdited paragraph number %d for the rebuild benchmark.\n" % i)
        elif kind == "title":
            self.field("title", '"Edited title %d"' % i)
        elif kind == "date":
            self.field("date", "2021-0%d-1%dT10:00:00Z" % (1 + i % 9, i % 10))
        elif kind == "tags":
            self.field("tags", "[benchmark-tag-%d, caching]" % i)
        elif kind == "summary":
            self.field("summary", '"An edited summary, number %d."' % i)
        elif kind == "create":
            path = self.root / ("content/posts/zz-bench-%d.md" % i)
            path.write_text('---\ntitle: "Bench post %d"\ndate: 2022-02-02T10:00:00Z\ntags: [caching]\n---\n\nA new post.\n' % i)
            self.made.append(path)
        elif kind == "delete":  # the posts "create" made (run it first), newest first
            live = [p for p in self.made if p.suffix == ".md" and p.exists()]
            if not live:
                sys.exit("delete needs the posts of an earlier create")
            live[-1].unlink()
        elif kind == "layout":
            layouts = self.root / "layouts/partials"
            layouts.mkdir(parents=True, exist_ok=True)
            path = layouts / "zz-bench.liquid"
            path.write_text("<!-- bench %d -->\n" % i)
            self.made.append(path)
        elif kind == "static":
            path = self.root / "static/zz-bench.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("static file, edit %d\n" % i)
            self.made.append(path)
        elif kind == "config":
            text = self.saved[self.config].decode()
            self.config.write_text(re.sub(r"(?m)^title: .*$", "title: \"Bench site %d\"" % i, text, count=1))
        else:
            sys.exit("unknown kind " + kind)

    def restore(self):
        for path, data in self.saved.items():
            path.write_bytes(data)
        for path in self.made:
            path.unlink(missing_ok=True)


def stats(values):
    values = sorted(values)
    return statistics.median(values), values[max(0, int(round(0.95 * len(values))) - 1)]


def lemma(corpus, kinds, edits, port, settle=0.0):
    start = time.monotonic()
    server = subprocess.Popen(["dotnet", str(DLL), "serve", "--source", str(corpus.root), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        started = time.monotonic() - start
        if not line.startswith("serving"):
            sys.exit("lemma serve did not start: " + line)
        reports = []
        threading.Thread(target=lambda: [reports.append(l.strip()) for l in server.stdout], daemon=True).start()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/_lemma/events")
        events = conn.getresponse()

        def next_event():
            name = None
            while True:
                raw = events.fp.readline().decode().rstrip("\n")
                if raw.startswith("event: "):
                    name = raw[7:]
                elif raw == "" and name:
                    return name

        assert next_event() == "hello"
        # A writer's browser has the home page and the edited post open, and reloads them on each event: the preview
        # renders a page when first asked for, and announces an edit to the pages a browser has.
        post_slug = re.search(r"(?m)^slug: *\"?([^\"\n]+)", corpus.post.read_text(encoding="utf-8"))
        open_pages = ["/", "/posts/%s/" % (post_slug.group(1) if post_slug else corpus.post.stem)]

        def browse():
            browser = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for page in open_pages:
                browser.request("GET", page)
                browser.getresponse().read()
            browser.close()

        browse()
        time.sleep(settle)
        rows = {}
        n = 0
        for kind in kinds:
            latencies = []
            for i in range(edits + 1):
                time.sleep(0.3)
                n += 1
                t0 = time.monotonic()
                corpus.edit(kind, n)
                while next_event() not in ("reload", "css", "errors"):
                    pass
                if i > 0:
                    latencies.append((time.monotonic() - t0) * 1000)
                browse()
            time.sleep(0.2)
            rows[kind] = (stats(latencies), reports[-1] if reports else "")
        rss = next((l.split()[1] for l in open("/proc/%d/status" % server.pid) if l.startswith("VmHWM")), "0")
        return started, int(rss) / 1024, rows
    finally:
        server.terminate()
        server.wait()
        corpus.restore()


def hugo(corpus, kinds, edits, port):
    log = open(corpus.root.parent / ("hugo-serve-%d.log" % os.getpid()), "w+")
    server = subprocess.Popen(["hugo", "server", "-s", str(corpus.root), "--bind", "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        def totals():
            log.flush()
            return [float(m) for m in re.findall(r"Total in (\d+) ms", pathlib.Path(log.name).read_text())]
        while "Web Server is available" not in pathlib.Path(log.name).read_text():
            if server.poll() is not None:
                sys.exit("hugo server stopped: " + pathlib.Path(log.name).read_text()[-2000:])
            time.sleep(0.5)
        rows = {}
        n = 0
        for kind in kinds:
            if kind == "layout":
                continue  # a .liquid partial means nothing to Hugo
            latencies = []
            for i in range(edits + 1):
                seen = len(totals())
                n += 1
                corpus.edit(kind, n)
                for _ in range(240):
                    if len(totals()) > seen:
                        break
                    time.sleep(0.25)
                time.sleep(2)
                if i > 0 and len(totals()) > seen:
                    latencies.append(totals()[seen])
            rows[kind] = stats(latencies) if latencies else (float("nan"), float("nan"))
        return rows
    finally:
        server.terminate()
        server.wait()
        corpus.restore()
        log.close()
        os.unlink(log.name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--hugo", action="store_true")
    ap.add_argument("--port", type=int, default=1414)
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds between Lemma's start and its first edit: time for the background rendering of the "
                         "first build's pages to end (0: the edits overlap it, as when a writer starts editing at once)")
    a = ap.parse_args()
    corpus = Corpus(pathlib.Path(a.corpus).resolve())
    kinds = a.kinds.split(",")
    started, rss, rows = lemma(corpus, kinds, a.edits, a.port, a.settle)
    peer = hugo(corpus, kinds, a.edits, a.port + 1) if a.hugo else {}
    print("posts %d  lemma start %.2f s  peak RSS %.0f MiB  (median and p95 of %d edits per kind)" % (corpus.count, started, rss, a.edits))
    print("| edit | lemma median | lemma p95 |%s slowest stages (last edit) |" % (" hugo median | hugo p95 |" if peer else ""))
    print("|---|---|---|%s---|" % ("---|---|" if peer else ""))
    for kind in kinds:
        (median, p95), report = rows[kind]
        h = peer.get(kind)
        hugo_cells = (" %.0f ms | %.0f ms |" % h if h else " | |") if peer else ""
        slow = report.partition("ms (")[2].partition(")")[0]
        print("| %s | %.0f ms | %.0f ms |%s %s |" % (kind, median, p95, hugo_cells, slow))


if __name__ == "__main__":
    main()
