#!/usr/bin/env python3
"""Edit-to-reload latency of `lemma serve` on a corpus: from the write of a post to the reload event
reaching a connected client (server-sent events), median and p95 over EDITS edits; plus start time and
peak memory. Standard library only.

    python3 bench/serve_latency.py CORPUS_DIR [--edits 20] [--port 1414]

Build Lemma first: dotnet build src/Lemma.Cli -c Release. The edited post is restored afterwards.
Compare with ../shared/bench/hugo_server_edit.sh CORPUS_DIR on the same corpus in the same session.
"""
import argparse, http.client, os, pathlib, shutil, statistics, subprocess, sys, time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DLL = ROOT / "src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--port", type=int, default=1414)
    a = ap.parse_args()
    posts = sorted((pathlib.Path(a.corpus) / "content/posts").glob("*.md"))
    post = posts[min(499, len(posts) - 1)]
    backup = post.read_bytes()
    start = time.monotonic()
    server = subprocess.Popen(["dotnet", str(DLL), "serve", "--source", a.corpus, "--port", str(a.port)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        started = time.monotonic() - start
        if not line.startswith("serving"):
            sys.exit("lemma serve did not start: " + line)
        conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=60)
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
        latencies = []
        for i in range(a.edits):
            time.sleep(0.3)
            t0 = time.monotonic()
            with open(post, "a", encoding="utf-8") as f:
                f.write("\nEdited paragraph number %d for the rebuild benchmark.\n" % i)
            while next_event() != "reload":
                pass
            latencies.append((time.monotonic() - t0) * 1000)
        rss = next((l.split()[1] for l in open("/proc/%d/status" % server.pid) if l.startswith("VmHWM")), "0")
        latencies.sort()
        p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
        print("posts %d  start %.2f s  peak RSS %.0f MiB  edit-to-reload median %.0f ms  p95 %.0f ms  (n=%d)" % (
            len(posts), started, int(rss) / 1024, statistics.median(latencies), p95, len(latencies)))
    finally:
        server.terminate()
        server.wait()
        post.write_bytes(backup)


if __name__ == "__main__":
    main()
