#!/usr/bin/env python3
"""`lemma newsletter send` against a local SMTP sink (issue #17).

Makes a temporary site with SUBSCRIBERS confirmed subscribers (`lemma newsletter import` of a generated Substack-style
CSV) and one post, and starts an SMTP sink in this process (asyncio, standard library only: it takes any number of
connections at once, advertises PIPELINING, answers 250 to everything and counts messages by Message-ID).

Throughput (default): RUNS sends of the post (the first, then `--again`), each a new `lemma newsletter send` process;
prints each run's messages/s between the first and the last message at the sink, its wall time (process start, site
read, issue stored, sent), and the median of the runs.

Crash (`--crash`): one send killed with SIGKILL KILLS times, each when the sink has counted a randomly drawn number of
messages (the kill comes as that message's data ends, before the sink's 250 reply), then started again (`send` resumes
the interrupted issue). After the last run finishes, prints the subscribers who got no copy (must be 0), the copies
sent twice and their most per kill (must be at most the concurrency), whether every duplicate kept its Message-ID (it
is the key), and how long each restart took to its first message.

    python3 bench/newsletter_send.py [--lemma DLL] [--subscribers 10000] [--runs 3] [--concurrency 4] [--rate 0]
    python3 bench/newsletter_send.py --crash [--kills 20] [--seed 17]

LEMMA_WRAP="dotnet-trace collect --profile dotnet-sampled-thread-time --format Speedscope -o send.nettrace --" runs each
send under a profiler (then bench/hotspots.py send.speedscope.json). The DLL defaults to src/Lemma.Cli/bin/Release/net10.0/Lemma.Cli.dll (build it first: dotnet build src/Lemma.Cli -c Release).
"""
import argparse, asyncio, collections, os, random, re, resource, shutil, signal, sqlite3, statistics, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MESSAGE_ID = re.compile(rb"^Message-ID:\s*<([^>]+)>", re.IGNORECASE | re.MULTILINE)


class Sink:
    """A minimal SMTP server: every command gets a 2xx/3xx, every message is counted by its Message-ID."""

    def __init__(self):
        self.ids = collections.Counter()
        self.count = 0
        self.first = self.last = None
        self.on_message = None  # called with the running count after each message, before the 250 reply

    async def serve(self, reader, writer):
        writer.write(b"220 sink ESMTP\r\n")
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb == b"EHLO":
                    writer.write(b"250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 go on\r\n")
                    await writer.drain()
                    data = await reader.readuntil(b"\r\n.\r\n")
                    found = MESSAGE_ID.search(data[: data.find(b"\r\n\r\n")])
                    self.ids[found.group(1).decode() if found else "(none)"] += 1
                    self.count += 1
                    now = time.monotonic()
                    self.first = self.first or now
                    self.last = now
                    if self.on_message:
                        self.on_message(self.count)
                    writer.write(b"250 taken\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    return
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    writer.write(b"250 ok\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def reset(self):
        self.ids.clear()
        self.count = 0
        self.first = self.last = None


def make_site(root, port, subscribers, concurrency, rate):
    os.makedirs(os.path.join(root, "content", "posts"))
    with open(os.path.join(root, "site.yaml"), "w") as f:
        f.write("title: Bench Notes\nbase_url: https://bench.example.org/\n"
                "newsletter: { concurrency: %d, rate: %d }\n"
                "smtp: { host: 127.0.0.1, port: %d, from: news@bench.example.org }\n" % (concurrency, rate, port))
    # A post of a usual length (about 1,200 words, a list, code and a link): the HTML is some 10 KB.
    paragraph = ("Sending a newsletter is mostly waiting on the network: each copy is the same post with one link changed, "
                 "so the work per reader should be small. ") * 4
    body = "\n\n".join(["## Part %d\n\n%s\n\n- one\n- two [a link](https://example.org/%d)\n\n```python\nprint(%d)\n```" % (i, paragraph, i, i)
                        for i in range(12)])
    with open(os.path.join(root, "content", "posts", "a.md"), "w") as f:
        f.write("---\ntitle: A bench post\ndate: 2024-01-01\n---\n\n" + body + "\n")
    csv = os.path.join(root, "substack.csv")
    with open(csv, "w") as f:
        f.write("email,active_subscription,expiry,plan,email_disabled,created_at,first_payment_at\n")
        for i in range(subscribers):
            f.write("reader%d@example.org,false,,,false,2024-01-01T00:00:00.000Z,\n" % i)
    return csv


async def lemma(dll, *args, on_start=None):
    # LEMMA_WRAP: a command to run each `send` under, e.g. "dotnet-trace collect --format Speedscope -o send.nettrace --"
    wrap = os.environ.get("LEMMA_WRAP", "").split() if args[:2] == ("newsletter", "send") else []
    process = await asyncio.create_subprocess_exec(*wrap, "dotnet", dll, *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    if on_start:
        on_start(process)
    output, _ = await process.communicate()
    return process.returncode, output.decode(errors="replace")


async def throughput(args, dll, root, sink):
    rates, walls = [], []
    for run in range(args.runs):
        sink.reset()
        started = time.monotonic()
        children, own = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
        code, output = await lemma(dll, "newsletter", "send", "content/posts/a.md", "--source", root, *(["--again"] if run else []))
        wall = time.monotonic() - started
        if code != 0 or sink.count != args.subscribers:
            sys.exit("run %d: exit %d, %d messages at the sink\n%s" % (run + 1, code, sink.count, output))
        rate = (sink.count - 1) / (sink.last - sink.first)
        rates.append(rate)
        walls.append(wall)
        cpu = lambda before, after: after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        print("run %d: %d messages, %.0f messages/s at the sink, %.1f s wall (whole command); CPU: sender %.1f s, sink %.1f s"
              % (run + 1, sink.count, rate, wall, cpu(children, resource.getrusage(resource.RUSAGE_CHILDREN)),
                 cpu(own, resource.getrusage(resource.RUSAGE_SELF))), flush=True)
    print("median: %.0f messages/s, %.1f s wall for %d subscribers (concurrency %d, rate %s)"
          % (statistics.median(rates), statistics.median(walls), args.subscribers, args.concurrency, args.rate or "no limit"))


async def crash(args, dll, root, sink):
    points = sorted(random.Random(args.seed).sample(range(1, args.subscribers), args.kills))
    print("kill points (messages at the sink):", " ".join(map(str, points)), flush=True)
    running = {}
    befores, restarts = [], []

    for k, point in enumerate(points + [None]):
        befores.append(collections.Counter(sink.ids))
        restarted = time.monotonic()
        first_after = []

        def on_message(count, point=point):
            if not first_after:
                first_after.append(time.monotonic())
            if point is not None and count >= point and "process" in running:
                os.kill(running.pop("process").pid, signal.SIGKILL)
        sink.on_message = on_message
        code, output = await lemma(dll, "newsletter", "send", "content/posts/a.md", "--source", root,
                                   on_start=lambda p: running.__setitem__("process", p))
        running.pop("process", None)
        if k > 0 and first_after:
            restarts.append(first_after[0] - restarted)
        if point is None:
            if code != 0:
                sys.exit("the last run failed: exit %d\n%s" % (code, output))
            break
        if code != -signal.SIGKILL:
            sys.exit("run %d ended before its kill point %d (exit %d, %d at the sink)\n%s" % (k + 1, point, code, sink.count, output))

    with sqlite3.connect(os.path.join(root, "data", "comments.db")) as db:
        expected = {row[0] for row in db.execute("SELECT message_id FROM newsletter_deliveries")}
        states = dict(db.execute("SELECT state, COUNT(*) FROM newsletter_deliveries GROUP BY state").fetchall())
    final = collections.Counter(sink.ids)
    received = set(final)
    skipped = expected - received
    duplicates = {mid: n - 1 for mid, n in final.items() if n > 1}
    # A kill's duplicates: messages the killed run handed to the sink that a later run sent again.
    ends = befores[1:] + [final]
    kill_counts = []
    for i in range(len(points)):
        sent_in_run = [m for m in ends[i] if ends[i][m] > befores[i][m]]
        kill_counts.append(sum(1 for m in sent_in_run if final[m] > ends[i][m]))
    most = max(kill_counts)
    print("states in the store: %s" % states)
    print("subscribers: %d, messages at the sink: %d, distinct Message-IDs: %d" % (len(expected), sink.count, len(received)))
    print("skipped (no copy): %d" % len(skipped))
    print("sent twice: %d over %d kills (most after one kill: %d; concurrency %d); per kill: %s"
          % (sum(duplicates.values()), len(points), most, args.concurrency, " ".join(map(str, kill_counts))))
    print("a copy sent three times or more: %d" % sum(1 for n in duplicates.values() if n > 1))
    print("unknown Message-IDs at the sink: %d" % len(received - expected))
    print("restart to first message: median %.2f s, max %.2f s" % (statistics.median(restarts), max(restarts)))
    if skipped or received - expected or most > args.concurrency:
        sys.exit(1)


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lemma", default=os.path.join(REPO, "src", "Lemma.Cli", "bin", "Release", "net10.0", "Lemma.Cli.dll"))
    parser.add_argument("--subscribers", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rate", type=int, default=0)
    parser.add_argument("--crash", action="store_true")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--keep", action="store_true", help="keep the temporary site")
    args = parser.parse_args()

    sink = Sink()
    server = await asyncio.start_server(sink.serve, "127.0.0.1", 0, backlog=512)
    port = server.sockets[0].getsockname()[1]
    root = tempfile.mkdtemp(prefix="lemma-newsletter-bench-")
    try:
        csv = make_site(root, port, args.subscribers, args.concurrency, args.rate)
        code, output = await lemma(args.lemma, "newsletter", "import", csv, "--source", root)
        if code != 0:
            sys.exit("import failed:\n" + output)
        print("site %s: %d subscribers; sink on port %d; %d cores" % (root, args.subscribers, port, os.cpu_count()), flush=True)
        await (crash if args.crash else throughput)(args, args.lemma, root, sink)
    finally:
        server.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
