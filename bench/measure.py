#!/usr/bin/env python3
"""Runs a command and prints its wall time, peak resident memory of its whole process tree and CPU time.

Usage: measure.py LABEL -- COMMAND [ARGS...]
Peak memory is the largest sum of PSS (proportional set size: shared pages divided among the processes that share
them, from /proc/PID/smaps_rollup) over the command and all its descendants, sampled every 20 ms. A browser is many
processes that share pages: summing RSS would count those pages many times, ru_maxrss would see only the largest
process. CPU is user+system of the whole tree.
"""
import os
import resource
import subprocess
import sys
import time


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root_pid):
    children = {}
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
            ppid = int(fields["PPid"].strip())
            children.setdefault(ppid, []).append(int(entry))
            rss[int(entry)] = pss_kib(entry)
        except (OSError, KeyError, ValueError):
            continue
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def main():
    if "--" not in sys.argv:
        sys.exit(__doc__)
    label = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kib(process.pid))
        time.sleep(0.02)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{label}: exit {process.returncode}, wall {wall * 1000:.0f} ms, peak tree PSS {peak / 1024:.1f} MiB, "
          f"CPU {cpu * 1000:.0f} ms")
    print(f"RESULT {label} wall_ms={wall * 1000:.0f} pss_mib={peak / 1024:.1f} cpu_ms={cpu * 1000:.0f}")
    sys.exit(process.returncode)


if __name__ == "__main__":
    main()
