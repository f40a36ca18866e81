#!/usr/bin/env python3
"""Compares two kumiai binaries on one project, interleaved: full build, no-op rebuild and
one-union rebuild, each timed N times per binary, alternating which binary goes first.

    python3 benches/compare.py BEFORE AFTER PROJECT [--runs 5]

PROJECT is a kumiai project (e.g. one the scale bench kept: KUMIAI_BENCH_KEEP=1
KUMIAI_BENCH_DIR=/dev/shm/kb). Outputs go beside it (on the same file system); put both on
tmpfs to keep the disk's own noise out. Prints a Markdown table of medians (min–max).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(binary, root, args):
    started = time.perf_counter()
    done = subprocess.run([binary, "--root", str(root), "build", *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{binary} build {' '.join(args)} failed:\n{done.stderr}")
    return elapsed


def one_union_file(root):
    return sorted((root / "unions").glob("*.toml"))[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("project")
    parser.add_argument("--runs", type=int, default=5)
    a = parser.parse_args()
    root = Path(a.project).resolve()
    bins = {"before": os.path.abspath(a.before), "after": os.path.abspath(a.after)}
    times = {(name, what): [] for name in bins for what in ("full", "noop", "one")}
    union = one_union_file(root)
    original = union.read_text(encoding="utf-8")
    scratch = root.parent / (root.name + "-compare")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        for i in range(a.runs):
            order = list(bins) if i % 2 == 0 else list(reversed(list(bins)))
            for name in order:
                out = scratch / f"{name}-{i}"
                times[(name, "full")].append(run(bins[name], root, ["--force", "--output", str(out)]))
                # Stamps trust nothing changed less than 2 s before they were taken.
                time.sleep(2.2)
                run(bins[name], root, ["--output", str(out)])
                times[(name, "noop")].append(run(bins[name], root, ["--output", str(out)]))
                union.write_text(original.replace('name = "', 'name = "改', 1), encoding="utf-8")
                times[(name, "one")].append(run(bins[name], root, ["--output", str(out)]))
                union.write_text(original, encoding="utf-8")
                run(bins[name], root, ["--output", str(out)])
    finally:
        union.write_text(original, encoding="utf-8")
        shutil.rmtree(scratch, ignore_errors=True)

    def cell(name, what):
        xs = times[(name, what)]
        return f"{statistics.median(xs) * 1000:.1f} ms ({min(xs) * 1000:.1f}–{max(xs) * 1000:.1f})"

    print(f"| binary | full build (--force) | no-op | one union changed |")
    print("|---|---:|---:|---:|")
    for name in bins:
        print(f"| {name} | {cell(name, 'full')} | {cell(name, 'noop')} | {cell(name, 'one')} |")
    for what in ("full", "noop", "one"):
        b = statistics.median(times[("before", what)])
        af = statistics.median(times[("after", what)])
        print(f"{what}: after/before = {af / b:.3f}")


if __name__ == "__main__":
    main()
