#!/usr/bin/env python3
"""Times whole commands side by side, alternating them round by round so that a machine whose
load changes (two cores shared with builds) hits every command alike. For each command: median
wall time, median CPU time (user + system, from wait4) and peak RSS, and the ratio of its median
wall time to the first command's.
usage: alternate.py [--runs N] [--warmup N] [--json FILE] NAME=COMMAND ...   (commands go through sh -c)"""
import argparse, json, os, statistics, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=15)
parser.add_argument("--warmup", type=int, default=2)
parser.add_argument("--json")
parser.add_argument("commands", nargs="+")
args = parser.parse_args()
commands = [c.split("=", 1) for c in args.commands]

def once(command):
    start = time.monotonic()
    proc = subprocess.Popen(["sh", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)

for _ in range(args.warmup):
    for _, command in commands:
        once(command)
results = {name: {"wall": [], "cpu": [], "rss": [], "codes": set()} for name, _ in commands}
for _ in range(args.runs):
    for name, command in commands:
        wall, cpu, rss, code = once(command)
        r = results[name]
        r["wall"].append(wall); r["cpu"].append(cpu); r["rss"].append(rss); r["codes"].add(code)

base = statistics.median(results[commands[0][0]]["wall"])
print("%-44s %10s %10s %9s %8s %6s" % ("command", "wall ms", "cpu ms", "RSS MiB", "x first", "exit"))
out = {}
for name, _ in commands:
    r = results[name]
    wall, cpu, rss = statistics.median(r["wall"]), statistics.median(r["cpu"]), max(r["rss"])
    out[name] = {"wall_ms": wall * 1000, "cpu_ms": cpu * 1000, "rss_mib": rss, "exit": sorted(r["codes"])}
    print("%-44s %10.1f %10.1f %9.1f %8.2f %6s" % (name, wall * 1000, cpu * 1000, rss, wall / base,
                                                  ",".join(map(str, sorted(r["codes"])))))
if args.json:
    json.dump(out, open(args.json, "w"), indent=1)
