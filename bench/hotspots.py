#!/usr/bin/env python3
"""Summarise a speedscope profile (dotnet-trace convert --format Speedscope) into hotspot tables.

    python3 bench/hotspots.py trace.speedscope.json [--top 30] [--match Lemma.]

Prints, over all threads: the frames with the most self time, and the frames with the most inclusive
time (time with the frame anywhere on the stack, counted once per stack however deep it recurses).
dotnet-trace samples thread time, not CPU time, so stacks whose leaf is a wait (idle thread-pool
workers, a thread blocked on a contended lock or in Parallel.ForEach's join) are left out of both tables
and reported as one "waiting" line; see callers.py for who waits where.
"""
import argparse
import json
import re
from collections import defaultdict

WAIT = re.compile(r"WaitHandle|LowLevelLifoSemaphore|Monitor\.Wait|SpinWait|Thread\.Sleep|WaitOne|"
                  r"ManualResetEventSlim\.Wait|SemaphoreSlim\.Wait|Task\.Wait|InternalWait|"
                  r"WaitForSignal|PortableThreadPool\.WorkerThread\.WorkerDoWork|Interop\+Sys\.LowLevelMonitor|"
                  r"ThreadNative|Monitor\.Enter_Slowpath|Thread\.Join|GateThreadStart|WaitForWork|Parallel\.ForWorker\b", re.I)
PSEUDO = {"CPU_TIME", "UNMANAGED_CODE_TIME"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("profile")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--match", default="", help="inclusive table: only frames containing this text")
    args = ap.parse_args()
    data = json.load(open(args.profile))
    frames = [f["name"] for f in data["shared"]["frames"]]
    self_t = defaultdict(float)
    incl_t = defaultdict(float)
    waiting = 0.0
    busy = 0.0
    for prof in data["profiles"]:
        if prof.get("type") == "evented":
            stack, last = [], prof.get("startValue", 0)
            for ev in prof["events"]:
                at = ev["at"]
                if stack and at > last:
                    waiting, busy = account(stack, at - last, frames, self_t, incl_t, waiting, busy)
                last = at
                if ev["type"] == "O":
                    stack.append(ev["frame"])
                elif stack:
                    stack.pop()
        else:  # sampled
            for sample, w in zip(prof["samples"], prof["weights"]):
                waiting, busy = account(sample, w, frames, self_t, incl_t, waiting, busy)
    total = busy + waiting
    print(f"busy {busy:.0f} ms, waiting {waiting:.0f} ms (thread time over all threads, {len(data['profiles'])} threads)\n")
    print(f"top {args.top} by self time (% of busy)")
    for f, t in sorted(self_t.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {t:9.0f} ms {100 * t / busy:5.1f}%  {frames[f][:150]}")
    print(f"\ntop {args.top} by inclusive time (% of busy){' matching ' + args.match if args.match else ''}")
    rows = [(f, t) for f, t in incl_t.items() if args.match in frames[f]]
    for f, t in sorted(rows, key=lambda kv: -kv[1])[:args.top]:
        print(f"  {t:9.0f} ms {100 * t / busy:5.1f}%  {frames[f][:150]}")
    _ = total


def account(stack, dt, frames, self_t, incl_t, waiting, busy):
    # dotnet-trace ends each stack with a pseudo-frame: CPU_TIME (managed code running) or
    # UNMANAGED_CODE_TIME (in native code: a wait, a contended lock, I/O, or runtime work such as the GC).
    if stack and frames[stack[-1]] in PSEUDO:
        pseudo, stack = frames[stack[-1]], stack[:-1]
    else:
        pseudo = None
    if not stack:
        return waiting, busy
    if pseudo != "CPU_TIME" and any(WAIT.search(frames[f]) for f in stack[-4:]):
        return waiting + dt, busy
    self_t[stack[-1]] += dt
    for f in set(stack):
        incl_t[f] += dt
    return waiting, busy + dt


if __name__ == "__main__":
    main()
