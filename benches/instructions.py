#!/usr/bin/env python3
"""Instructions executed by one `check` call, counted with callgrind: a figure that does not
move with the machine's load, unlike wall time (which varies by 10% run to run on a shared
VM). The tree is throughput.py's (1,000 files by default) or one big file of the corpus
repeated (`--big-kb`). With --baseline BINARY, the same for another build, the ratio, and
whether the two JSON reports are byte-identical. ShellCheck is off, and rayon runs on one
thread so that no idle worker's spinning is counted.

    cargo build --release && python3 benches/instructions.py [--baseline OLD_BINARY]
        [--files 1000] [--only lib- real-] [--big-kb 1000]
"""
import argparse
import filecmp
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
import scaling  # noqa: E402
import throughput  # noqa: E402


def count(binary, target, report, tmp):
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    out = os.path.join(tmp, "callgrind.out")
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, "check",
         "--no-shellcheck", "--no-fail", "--no-cache", "-f", "json", "-o", report, target],
        env=env, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not found:
        sys.exit(f"instructions.py: {binary} failed under valgrind:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "target/release/layerlint"))
    parser.add_argument("--baseline")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--only", nargs="*", default=[], help="corpus file name prefixes")
    parser.add_argument("--big-kb", type=int, help="one file of this size instead of a tree")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("instructions.py: needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        if args.big_kb:
            blob = scaling.corpus_text()
            size = args.big_kb * 1024
            text = (blob * (size // len(blob) + 1))[:size]
            text = text[: text.rfind("\n") + 1]
            target = os.path.join(tmp, "tree", "Dockerfile")
            os.makedirs(os.path.dirname(target))
            pathlib.Path(target).write_text(text)
            print(f"one Dockerfile of {len(text.encode()) / 1e6:.1f} MB")
        else:
            target = os.path.join(tmp, "tree")
            size = throughput.tree(target, args.files, args.only)
            print(f"{args.files} Dockerfiles, {size / 1e6:.2f} MB")
        binaries = [(n, b) for n, b in [("layerlint", args.binary), ("baseline", args.baseline)] if b]
        counts = {}
        for name, binary in binaries:
            counts[name] = count(binary, target, os.path.join(tmp, f"{name}.json"), tmp)
            print(f"  {name:<10} {counts[name] / 1e6:9.1f}M instructions  "
                  f"{counts[name] / size:7.1f} per input byte")
        if "baseline" in counts:
            same = filecmp.cmp(os.path.join(tmp, "layerlint.json"),
                               os.path.join(tmp, "baseline.json"), shallow=False)
            print(f"  {counts['layerlint'] / counts['baseline']:.3f}x the baseline's instructions; "
                  f"reports {'byte-identical' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
