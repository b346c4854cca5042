#!/usr/bin/env python3
"""Latency of `layerlint lsp`: from a didChange of a 1,000-line Dockerfile to the first
publishDiagnostics for that version (the fast findings; ShellCheck's arrive after).

    cargo build --release && python3 benches/lsp.py [--binary target/release/layerlint] [--edits 100]

Prints the median, p95 and worst latency over the edits, each edit waited for before the
next, so that no coalescing hides the cost.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time


def dockerfile(lines):
    """A realistic multi-stage file of about `lines` lines: installs, copies, ENV, labels."""
    out = ["# syntax=docker/dockerfile:1", "ARG BASE=debian:12-slim"]
    stage = 0
    while len(out) < lines:
        out += [
            f"FROM $BASE AS stage{stage}",
            "ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8",
            "RUN apt-get update \\",
            "    && apt-get install -y --no-install-recommends \\",
            "       ca-certificates curl git \\",
            "    # keep the image small",
            "    && rm -rf /var/lib/apt/lists/*",
            "WORKDIR /src",
            "COPY package.json package-lock.json ./",
            "RUN npm ci && npm cache clean --force",
            "COPY . .",
            f'LABEL org.opencontainers.image.title="stage{stage}"',
            "RUN set -eux; for f in a b c; do echo \"$f\" >> /tmp/list; done",
            "USER 1000:1000",
            'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]',
        ]
        stage += 1
    return "\n".join(out[:lines]) + "\n"


class Server:
    def __init__(self, binary, cwd):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        self.next_id = 1

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = 0
        while True:
            line = self.p.stdout.readline().strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        self.next_id += 1
        while "id" not in (m := self.read()) or "method" in m:
            pass
        return m

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def published(self, version):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version:
                return m


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="target/release/layerlint")
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=100)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as tmp:
        # ShellCheck aside: it is the second publish, not the one measured.
        open(os.path.join(tmp, ".hadolint.yaml"), "w").write("shellcheck: false\n")
        os.mkdir(os.path.join(tmp, ".git"))
        path = os.path.join(tmp, "Dockerfile")
        text = dockerfile(args.lines)
        open(path, "w").write(text)
        uri = "file://" + path
        s = Server(binary, tmp)
        s.request("initialize", {"processId": None, "rootUri": "file://" + tmp, "capabilities": {}})
        s.notify("initialized", {})
        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
        s.published(1)
        latencies = []
        for v in range(2, args.edits + 2):
            edited = text.replace("ca-certificates", f"ca-certificates pkg{v}", 1)
            start = time.perf_counter()
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": edited}]})
            s.published(v)
            latencies.append((time.perf_counter() - start) * 1000)
        s.request("shutdown", None)
        s.notify("exit", None)
        s.p.wait(timeout=10)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"{len(text.splitlines())}-line Dockerfile ({len(text)} bytes), {len(latencies)} edits:")
    print(f"  didChange -> diagnostics: median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, worst {latencies[-1]:.1f} ms")


if __name__ == "__main__":
    main()
