#!/usr/bin/env python3
"""Does `lemma serve` stay up, and stay fast for real readers, while a flood of idle and slow connections hits it?

    bench/serve_flood.py [--site DIR] [--rounds 3] [--seconds 20] [--clients 500] [--rate 2] [--attempts 50000] [--preview]

Each round starts a fresh server and, in the same run:
  1. baseline: CLIENTS keep-alive clients (one asyncio process) each GET the page RATE times a second for SECONDS;
  2. flood: the same clients again, on connections opened before the flood, while FLOODERS processes make ATTEMPTS
     connection attempts, half idle (connect, send nothing) and half slow-header (a request line, then one header
     byte a second), each held until the server closes it, at most HOLD open at once per flooder.
It reports whether the server was still running and answering afterwards, its peak RSS during the flood, the
clients' p50/p99 latency and failed requests in both phases, how many flood attempts were made, connected and were
closed by the server, and how many fresh connections a probe (one GET a second, new connection) got answered.

The clients are paced, not a saturating load like wrk's: on a small machine wrk, the server and the flood would
only measure who gets the CPU. The clients come from 127.0.0.1; the flood from 200 other loopback addresses
(127.0.1.1 and on: Linux routes all of 127/8 to this machine), i.e. a distributed flood that a per-client limit
cannot stop alone: the server cap and the timeouts must. The server runs with --max-connections-per-client 1000,
so that the 500 clients fit.

Needs python3 (standard library) and Lemma built (dotnet build src/Lemma.Cli -c Release); Linux, for /proc and
the 127/8 addresses. --lemma picks another Lemma.Cli.dll (e.g. an older build to compare);
--server-nofile runs the server under a lower open-file limit (e.g. 1024, as `ulimit -n 1024`).
"""
import argparse
import asyncio
import json
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = [f"127.0.{1 + i // 250}.{1 + i % 250}" for i in range(200)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default=os.path.join(REPO, "examples", "blog"))
    parser.add_argument("--path", default="/", help="the page the clients ask for")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--rate", type=float, default=2, help="requests per second per client")
    parser.add_argument("--attempts", type=int, default=50_000)
    parser.add_argument("--flooders", type=int, default=2)
    parser.add_argument("--hold", type=int, default=6_000)
    parser.add_argument("--port", type=int, default=18480)
    parser.add_argument("--preview", action="store_true", help="flood the preview server instead of --production")
    parser.add_argument("--lemma", default=os.path.join(REPO, "src", "Lemma.Cli", "bin", "Release", "net10.0", "Lemma.Cli.dll"))
    parser.add_argument("--server-nofile", type=int, help="the server's open-file limit (soft and hard)")
    parser.add_argument("--flood", nargs=4, metavar=("PORT", "ATTEMPTS", "SECONDS", "HOLD"), help=argparse.SUPPRESS)
    parser.add_argument("--work", nargs=5, metavar=("PORT", "PATH", "CLIENTS", "SECONDS", "RATE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.flood:
        port, attempts, seconds, hold = map(int, args.flood)
        print(json.dumps(asyncio.run(flood(port, attempts, seconds, hold))))
        return
    if args.work:
        port, path, clients, seconds, rate = args.work
        print(json.dumps(asyncio.run(work(int(port), path, int(clients), float(seconds), float(rate)))))
        return
    if not os.path.exists(args.lemma):
        sys.exit("serve_flood.py: build Lemma first (dotnet build src/Lemma.Cli -c Release)")

    mode = "preview" if args.preview else "production"
    print(f"# lemma serve ({mode}) under a flood: {args.rounds} rounds; {args.clients} clients x {args.rate:g} GET/s of {args.path} "
          f"for {args.seconds} s; "
          f"{args.attempts} flood attempts (idle + slow-header) from {len(SOURCES)} addresses; {os.cpu_count()} cores shared by all")
    rows = [run_round(args, r + 1) for r in range(args.rounds)]
    header = ("round", "up", "peak MiB", "p50 ms", "p99 ms", "flood p50 ms", "flood p99 ms", "requests", "flood requests",
              "failed", "flood failed", "attempts", "connected", "closed", "probe ok")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in ROW_KEYS) + " |")
    med = {k: statistics.median(row[k] for row in rows) for k in ROW_KEYS if all(isinstance(row[k], (int, float)) for row in rows)}
    print("| median | " + " | ".join(f"{med[k]:g}" if k in med else "" for k in ROW_KEYS[1:]) + " |")


ROW_KEYS = ("round", "up", "peak_mib", "base_p50", "base_p99", "flood_p50", "flood_p99", "base_requests", "flood_requests",
            "base_errors", "flood_errors", "attempts", "connected", "closed", "probe")


def run_round(args, number):
    log = tempfile.NamedTemporaryFile("w+", prefix="lemma-flood-", suffix=".log", delete=False)
    command = ["dotnet", args.lemma, "serve", "--source", args.site, "--port", str(args.port)]
    if "--max-connections-per-client" in subprocess.run(["dotnet", args.lemma, "serve", "--help"], capture_output=True, text=True).stdout:
        command += ["--max-connections-per-client", "1000"]  # builds before the limits had none
    if not args.preview:
        command.insert(3, "--production")
    limit = args.server_nofile
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                              preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))) if limit else None)
    try:
        wait_until_serving(server, log)
        url = f"http://127.0.0.1:{args.port}{args.path}"
        clients = lambda: subprocess.Popen([sys.executable, __file__, "--work", str(args.port), args.path, str(args.clients),
                                            str(args.seconds), str(args.rate)], stdout=subprocess.PIPE, text=True)
        answers(url)  # warm up
        base = json.loads(clients().communicate()[0])

        peak, probe, stop = [0], [0, 0], threading.Event()
        watcher = threading.Thread(target=watch, args=(server.pid, url, peak, probe, stop))
        watcher.start()
        working = clients()
        time.sleep(2)  # the clients' connections are open before the flood starts
        flooders = [subprocess.Popen([sys.executable, __file__, "--flood", str(args.port), str(args.attempts // args.flooders),
                                      str(args.seconds - 2), str(args.hold)], stdout=subprocess.PIPE, text=True)
                    for _ in range(args.flooders)]
        flooded = json.loads(working.communicate()[0])
        floods = [json.loads(f.communicate()[0] or "{}") for f in flooders]
        stop.set()
        watcher.join()
        up = server.poll() is None and answers(url)
        row = dict(round=number, up="yes" if up else f"NO (exit {server.poll()})", peak_mib=peak[0],
                   base_p50=base["p50"], base_p99=base["p99"], flood_p50=flooded["p50"], flood_p99=flooded["p99"],
                   base_requests=base["requests"], flood_requests=flooded["requests"], base_errors=base["errors"],
                   flood_errors=flooded["errors"], attempts=sum(f.get("attempts", 0) for f in floods),
                   connected=sum(f.get("connected", 0) for f in floods), closed=sum(f.get("closed", 0) for f in floods),
                   probe=f"{probe[0]}/{probe[1]}")
        print(f"round {number}: {row}; flooders {floods}", flush=True)
        return row
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.seek(0)
        tail = log.read()[-2000:]
        if "Out of memory" in tail or "Unhandled" in tail:
            print(tail)
        log.close()
        os.unlink(log.name)


def wait_until_serving(server, log):
    deadline = time.time() + 120
    while time.time() < deadline:
        log.seek(0)
        if any(line.startswith("serving") for line in log):
            return
        if server.poll() is not None:
            log.seek(0)
            sys.exit("serve_flood.py: the server did not start:\n" + log.read())
        time.sleep(0.2)
    sys.exit("serve_flood.py: the server did not start in 2 minutes")


async def work(port, path, clients, seconds, rate):
    """CLIENTS keep-alive connections, each sending a GET every 1/RATE s for SECONDS: latency p50/p99 in ms, requests
    answered, and failed ones (errors, non-200 answers, or connections closed; a client reconnects after a failure)."""
    latencies, errors = [], [0]
    deadline = time.monotonic() + seconds
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()

    async def client(i):
        reader = writer = None
        next_at = time.monotonic() + (i / clients) / rate  # spread the clients over one period
        while True:
            await asyncio.sleep(max(0, next_at - time.monotonic()))
            if time.monotonic() >= deadline:
                break
            next_at += 1 / rate
            start = time.monotonic()
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
                writer.write(request)
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                length = int(re.search(rb"content-length: *(\d+)", head, re.I).group(1))
                await asyncio.wait_for(reader.readexactly(length), 10)
                if not head.startswith(b"HTTP/1.1 200"):
                    raise OSError(head.split(b"\r\n")[0])
                latencies.append((time.monotonic() - start) * 1000)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, AttributeError):
                errors[0] += 1
                if writer is not None:
                    writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2) if latencies else None
    return dict(p50=pick(0.50), p99=pick(0.99), requests=len(latencies), errors=errors[0])


def watch(pid, url, peak, probe, stop):
    """Samples the server's RSS every 100 ms (peak[0], MiB) and, once a second, GETs on a new connection (probe: ok, tried)."""
    next_probe = time.time()
    while not stop.is_set():
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        peak[0] = max(peak[0], int(line.split()[1]) // 1024)
        except (FileNotFoundError, ProcessLookupError):
            return
        if time.time() >= next_probe:
            next_probe += 1
            probe[1] += 1
            probe[0] += answers(url, timeout=2)
        stop.wait(0.1)


def answers(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


async def flood(port, attempts, seconds, hold):
    """Makes ATTEMPTS connections (at most HOLD open at once) for SECONDS: even ones idle, odd ones slow-header."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    hold = min(hold, hard - 100)
    stats = dict(attempts=0, connected=0, failed=0, closed=0, held_to_end=0)
    deadline = time.monotonic() + seconds
    slots = asyncio.Semaphore(hold)

    async def one(i):
        async with slots:
            if time.monotonic() >= deadline:
                return
            stats["attempts"] += 1
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection("127.0.0.1", port, local_addr=(SOURCES[i % len(SOURCES)], 0)), 5)
            except (OSError, asyncio.TimeoutError) as e:
                stats["failed"] += 1
                stats.setdefault(type(e).__name__, 0)
                stats[type(e).__name__] += 1
                return
            stats["connected"] += 1
            try:
                if i % 2:
                    writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                while time.monotonic() < deadline:
                    try:
                        if await asyncio.wait_for(reader.read(4096), 1) == b"":
                            stats["closed"] += 1
                            return
                    except asyncio.TimeoutError:
                        if i % 2:
                            writer.write(b"a")
                stats["held_to_end"] += 1
            except OSError:
                stats["closed"] += 1
            finally:
                writer.close()

    await asyncio.gather(*(one(i) for i in range(attempts)), return_exceptions=True)
    return stats


if __name__ == "__main__":
    main()
