#!/usr/bin/env python3
"""Lint cost against input size: one Dockerfile made of the corpus repeated, from 100 KB to
16 MB, linted with `check --no-shellcheck`. Prints seconds, MB/s and peak memory per size;
flat MB/s means the cost is linear in the input. With `--one-stage`, the corpus's FROMs
are dropped and one FROM heads the file: every instruction is in one long stage, where a
rule that looks back over its stage for each instruction shows.

    cargo build --release && python3 benches/scaling.py [--binary target/release/layerlint]
        [--one-stage] [--max-kb 16000]
"""
import argparse
import os
import pathlib
import resource
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def corpus_text(one_stage=False):
    parts = []
    for f in sorted((ROOT / "tests/corpus").iterdir()):
        if "Dockerfile" in f.name:
            lines = f.read_text(errors="replace").splitlines()
            # Parser directives only count at the top of a file.
            lines = [l for l in lines if not l.startswith(("# syntax", "# escape"))]
            if one_stage:
                lines = [l for l in lines if not l.lstrip().upper().startswith("FROM ")]
            parts.append("\n".join(lines) + "\n")
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "target/release/layerlint"))
    parser.add_argument("--one-stage", action="store_true")
    parser.add_argument("--max-kb", type=int, default=16000)
    args = parser.parse_args()
    blob = corpus_text(args.one_stage)
    head = "FROM debian:12\n" if args.one_stage else ""
    print(f"{'size':>8}  {'seconds':>8}  {'MB/s':>6}  {'peak RSS':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for kb in [k for k in [100, 250, 1000, 4000, 16000] if k <= args.max_kb]:
            target = kb * 1024
            text = (blob * (target // len(blob) + 1))[:target]
            text = head + text[: text.rfind("\n") + 1]
            path = os.path.join(tmp, f"{kb}.Dockerfile")
            pathlib.Path(path).write_text(text)
            best = float("inf")
            for _ in range(3 if kb < 4000 else 1):
                start = time.perf_counter()
                subprocess.run([args.binary, "check", "--no-shellcheck", "--no-fail", "-f", "json", "-o", os.path.join(tmp, "report.json"), path], check=True)
                best = min(best, time.perf_counter() - start)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
            mb = len(text) / 1e6
            print(f"{kb / 1000:>6.1f}MB  {best:>8.3f}  {mb / best:>6.1f}  {peak:>6} MB")


if __name__ == "__main__":
    main()
