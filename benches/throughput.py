#!/usr/bin/env python3
"""Many-file throughput: lint a tree of 5,000 Dockerfiles (the corpus, one per folder,
with .dockerignore and config files among them) in one `check` call, DL rules only, and
print wall time, MB/s, cores used ((user + sys) / wall) and peak memory. With --baseline
BINARY, the same for another build in the same run, and the ratio.

    cargo build --release && python3 benches/throughput.py [--baseline OLD_BINARY] [--only lib- real-]
"""
import argparse
import os
import pathlib
import resource
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def tree(dest, count, only=()):
    files = sorted(p for p in (ROOT / "tests/corpus").iterdir() if "Dockerfile" in p.name
                   and (not only or p.name.startswith(tuple(only))))
    total = 0
    for i in range(count):
        d = pathlib.Path(dest) / f"p{i // 50}" / f"s{i}"
        d.mkdir(parents=True)
        text = files[i % len(files)].read_text(errors="replace")
        (d / "Dockerfile").write_text(text)
        total += len(text.encode())
        if i % 3 == 0:
            (d / ".dockerignore").write_text("node_modules\n.git\n")
        if i % 50 == 0:
            (d.parent / ".hadolint.yaml").write_text("ignored: [DL3008]\n")
    return total


def run_once(binary, path):
    start = time.perf_counter()
    # (A report file, not /dev/null: builds before 0.1 replaced /dev/null when run as root.)
    p = subprocess.Popen([binary, "check", "--no-shellcheck", "--no-fail", "-f", "json", "-o", os.path.join(path, "report.json"), path])
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def measure(binaries, path, runs):
    """Best of `runs` for each binary, the binaries taking turns so that a slow moment of
    the machine falls on all of them alike."""
    best = {}
    for _ in range(runs):
        for name, binary in binaries:
            result = run_once(binary, path)
            if name not in best or result[0] < best[name][0]:
                best[name] = result
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "target/release/layerlint"))
    parser.add_argument("--baseline")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    # e.g. --only lib- real-: docker-library-style scripts, where brush-parser's share is
    # largest, instead of the whole corpus (mostly generated files).
    parser.add_argument("--only", nargs="*", default=[], help="corpus file name prefixes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        size = tree(tmp, args.files, args.only)
        print(f"{args.files} Dockerfiles, {size / 1e6:.1f} MB, {os.cpu_count()} cores, best of {args.runs}")
        binaries = [(n, b) for n, b in [("layerlint", args.binary), ("baseline", args.baseline)] if b]
        results = {}
        for name, (wall, cpu, rss) in measure(binaries, tmp, args.runs).items():
            results[name] = wall
            print(f"  {name:<10} {wall * 1000:7.0f} ms  {size / 1e6 / wall:6.1f} MB/s  "
                  f"{size / 1e6 / cpu:6.1f} MB/s per core  {cpu / wall:4.2f} cores  {rss:5d} MB peak")
        if "baseline" in results:
            print(f"  {results['baseline'] / results['layerlint']:.2f}x the baseline's throughput")


if __name__ == "__main__":
    main()
