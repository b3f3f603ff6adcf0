#!/usr/bin/env python3
"""Durability of acknowledged comments: CYCLES times, start `lemma serve --production` on SITE, post comments from
CONNECTIONS concurrent keep-alive connections (each with its own email, each body unique), `kill -9` the server after
a random 0.5-2 s, and restart it. A comment is acknowledged when its POST got the 303 back. After every restart the
post's approved comments (GET /_lemma/comments?post=, moderation: none) must hold every comment acknowledged so far.
Standard library only; called by bench/comments.sh, which makes SITE.

    python3 bench/comments_durability.py LEMMA_DLL SITE PORT [--cycles 20] [--connections 16]
"""
import argparse, asyncio, json, random, re, subprocess, sys, time, urllib.request

POST = "/posts/a/"


def start(dll, site, port):
    server = subprocess.Popen(["dotnet", dll, "serve", "--production", "--source", site, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in server.stdout:
        if line.startswith("serving"):
            # The notifications are printed on the console: keep reading it so the server never blocks on a full pipe.
            asyncio.get_event_loop().run_in_executor(None, lambda: [None for _ in server.stdout])
            return server
    sys.exit("lemma serve did not start")


def approved_bodies(port):
    with urllib.request.urlopen("http://127.0.0.1:%d/_lemma/comments?post=%s" % (port, POST), timeout=60) as r:
        return {re.sub(r"</?p>", "", c["html"]).strip() for c in json.load(r)}


def token(port):
    with urllib.request.urlopen("http://127.0.0.1:%d/_lemma/comments/form?post=%s" % (port, POST), timeout=60) as r:
        return re.search(r'name="token" value="([^"]+)"', r.read().decode()).group(1)


async def poster(port, origin, tok, cycle, n, acked, attempted, stop):
    """Posts one comment after another on one connection until the server dies (or stop is set)."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return
    seq = 0
    try:
        while not stop.is_set():
            seq += 1
            body = "bench-c%d-k%d-s%d" % (cycle, n, seq)
            form = "post=%s&name=Bench&email=r%d%%40bench.test&website=&body=%s&token=%s" % (
                urllib.request.quote(POST, safe=""), n, body, urllib.request.quote(tok, safe=""))
            writer.write(("POST /_lemma/comments HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: %s\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s"
                          % (port, origin, len(form), form)).encode())
            attempted[0] += 1
            status, length, chunked = await read_head(reader)
            await read_body(reader, length, chunked)
            if status == 303:
                acked.add(body)
            else:
                sys.exit("unexpected status %d for %s" % (status, body))
    except (OSError, asyncio.IncompleteReadError, ValueError):
        pass  # the server was killed: this comment was not acknowledged
    finally:
        writer.close()


async def read_head(reader):
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in head[1:] if ":" in l}
    return status, int(headers.get("content-length", "0")), headers.get("transfer-encoding") == "chunked"


async def read_body(reader, length, chunked):
    if not chunked:
        await reader.readexactly(length)
        return
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return


async def cycle(dll, site, port, number, connections, acked):
    server = start(dll, site, port)
    present = approved_bodies(port)
    lost = acked - present
    tok = token(port)
    attempted = [0]
    stop = asyncio.Event()
    origin = "http://127.0.0.1:%d" % port
    tasks = [asyncio.create_task(poster(port, origin, tok, number, n, acked, attempted, stop)) for n in range(connections)]
    await asyncio.sleep(random.uniform(0.5, 2.0))
    server.kill()  # SIGKILL: no shutdown, no flush
    server.wait()
    await asyncio.gather(*tasks)
    return lost, attempted[0], len(present)


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dll")
    ap.add_argument("site")
    ap.add_argument("port", type=int)
    ap.add_argument("--cycles", type=int, default=20)
    ap.add_argument("--connections", type=int, default=16)
    a = ap.parse_args()
    acked = set()
    lost_total = 0
    print("| cycle | comments in the database at restart | acknowledged before it | lost | POSTs sent in the cycle |")
    print("|---|---|---|---|---|")
    for number in range(1, a.cycles + 2):
        if number > a.cycles:  # the last start only checks
            server = start(a.dll, a.site, a.port)
            present = approved_bodies(a.port)
            lost = acked - present
            server.kill()
            server.wait()
            print("| final | %d | %d | %d | - |" % (len(present), len(acked), len(lost)))
            lost_total += len(lost)
            break
        before = len(acked)
        lost, attempted, present = await cycle(a.dll, a.site, a.port, number, a.connections, acked)
        lost_total += len(lost)
        print("| %d | %d | %d | %d | %d |" % (number, present, before, len(lost), attempted), flush=True)
    print("acknowledged comments: %d over %d kill -9 cycles; lost: %d" % (len(acked), a.cycles, lost_total))
    sys.exit(1 if lost_total else 0)


if __name__ == "__main__":
    asyncio.run(main())
