#!/usr/bin/env python3
"""Writes the generated part of the agreement corpus (gen-*.Dockerfile).

Deterministic: the same seed gives the same files, so regenerating is a no-op unless this
script changes. Hand-written cases live next to them as case-*.Dockerfile.
Run: python3 tests/corpus/generate.py
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

FAMILIES = {
    "debian": ["debian:12.5", "debian:bookworm-slim", "ubuntu:22.04", "ubuntu", "debian:latest",
               "buildpack-deps:bookworm", "python:3.12-slim", "node:20.12.2-bookworm"],
    "alpine": ["alpine:3.19", "alpine", "alpine:latest", "node:20-alpine", "python:3.12-alpine",
               "golang:1.22-alpine"],
    "rhel": ["centos:7.9.2009", "rockylinux:9", "registry.access.redhat.com/ubi9/ubi:9.3",
             "amazonlinux:2023", "oraclelinux:8"],
    "fedora": ["fedora:40", "fedora", "registry.fedoraproject.org/fedora-minimal:40"],
    "suse": ["opensuse/leap:15.5", "opensuse/tumbleweed", "registry.suse.com/bci/bci-base:15.5"],
}

APT = [
    "RUN apt-get update && apt-get install -y curl",
    "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \\\n    && rm -rf /var/lib/apt/lists/*",
    "RUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      build-essential \\\n      # the compiler toolchain\n      git=1:2.39.2-1.1 \\\n      libpq-dev \\\n && rm -rf /var/lib/apt/lists/*",
    "RUN DEBIAN_FRONTEND=noninteractive apt-get install -qq -o APT::Install-Recommends=false tzdata",
    "RUN apt-get install nginx",
    "RUN apt update && apt install -y vim",
    "RUN apt-get update && apt-get -y install -t bookworm-backports golang",
    "RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb",
    "RUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y --no-install-recommends gosu=1.14-1+b6; \\\n    rm -rf /var/lib/apt/lists/*; \\\n    gosu nobody true",
    "RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install -y --no-install-recommends jq",
    "RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean",
    "RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*",
]
APK = [
    "RUN apk add --no-cache curl",
    "RUN apk add --no-cache curl=8.5.0-r0 bash~5.2",
    "RUN apk update && apk add git",
    "RUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install --no-cache-dir cython==3.0.10 \\\n && apk del .build-deps",
    "RUN apk --update add tini && rm -rf /var/cache/apk/*",
    "RUN --mount=type=cache,target=/var/cache/apk apk add --update python3",
    "RUN apk upgrade --no-cache",
]
YUM = [
    "RUN yum install -y httpd && yum clean all",
    "RUN yum install httpd-2.4.6",
    "RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all",
    "RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum",
    "RUN yum groupinstall -y 'Development Tools' && yum clean all",
    "RUN yum makecache && yum install -y --setopt=tsflags=nodocs python3",
]
DNF = [
    "RUN dnf install -y httpd && dnf clean all",
    "RUN dnf install httpd-2.4.59",
    "RUN microdnf install -y shadow-utils && microdnf clean all",
    "RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all",
    "RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf",
]
ZYPPER = [
    "RUN zypper install -y curl && zypper clean",
    "RUN zypper --non-interactive install curl=8.0.1",
    "RUN zypper in -y git-core=2.43.0 && zypper cc -a",
    "RUN zypper refresh && zypper dup -y",
    "RUN zypper install python3",
]
GENERIC = [
    "RUN pip install flask",
    "RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2",
    "RUN pip3 install -r requirements.txt",
    "RUN python3 -m pip install --upgrade pip",
    "RUN pip install --no-cache-dir -e .",
    "RUN pip install git+https://github.com/psf/requests@v2.31.0",
    "RUN npm install -g typescript",
    "RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0",
    "RUN npm ci --omit=dev",
    "RUN npm install",
    "RUN yarn install --frozen-lockfile",
    "RUN yarn install --frozen-lockfile && yarn cache clean",
    "RUN gem install bundler",
    "RUN gem install bundler:2.5.9 && bundle install",
    "RUN go install golang.org/x/tools/gopls@latest",
    "RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1",
    "RUN go get github.com/pkg/errors",
    "RUN cd /usr/src && make install",
    "RUN sudo chown -R app /app",
    "RUN curl -fsSL https://example.com/install.sh | sh",
    "RUN wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz",
    "RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg",
    "RUN useradd -u 1000001 appuser",
    "RUN useradd -l -u 1000001 appuser",
    "RUN groupadd -r app && useradd -r -g app app",
    "RUN ln -sf /bin/bash /bin/sh",
    "RUN mkdir -p /app",
    "RUN chmod +x /entrypoint.sh",
    "RUN echo 'hello' > /etc/motd",
    "RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi",
    "RUN for f in a b c; do touch /tmp/$f; done",
    "RUN ps aux | grep nginx",
    "RUN service nginx stop || true",
    "RUN export PATH=$PATH:/opt/bin && tool --version",
    "RUN [\"/bin/sh\", \"-c\", \"echo exec form\"]",
    "RUN bash -c 'cd /tmp && ls'",
    "COPY . .",
    "COPY . /app",
    "COPY package.json package-lock.json ./",
    "COPY a.txt b.txt /opt/data",
    "COPY --chown=app:app src/ /app/src/",
    "ADD app.py /app/",
    "ADD https://example.com/file.txt /tmp/",
    "ADD vendor.tar.gz /opt/",
    "WORKDIR /app",
    "WORKDIR app",
    "ENV PATH=/opt/bin:$PATH",
    "ENV APP_HOME=/app APP_LOG=$APP_HOME/log",
    "ENV PIP_NO_CACHE_DIR=1",
    "ENV DEBIAN_FRONTEND noninteractive",
    "ARG VERSION=1.0",
    "ARG GITHUB_TOKEN",
    "ENV DB_PASSWORD=changeme",
    "EXPOSE 8080",
    "EXPOSE 80/tcp 443/tcp",
    "EXPOSE 70000",
    "LABEL maintainer=\"dev@example.com\"",
    "LABEL org.opencontainers.image.source=\"https://github.com/example/app\"",
    "LABEL Version=1.0",
    "MAINTAINER Jane Doe <jane@example.com>",
    "USER root",
    "USER app",
    "USER 1000",
    "USER 1000:1000",
    "VOLUME /data",
    "STOPSIGNAL SIGTERM",
    "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
    "HEALTHCHECK --interval=30s CMD [\"wget\", \"-q\", \"-O-\", \"http://localhost/\"]",
    "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
    "SHELL [\"/bin/sh\", \"-c\"]",
    "ONBUILD RUN apt-get install -y foo",
    "ONBUILD COPY . /app",
]
TAILS = [
    "CMD [\"python\", \"app.py\"]",
    "CMD python app.py",
    "ENTRYPOINT [\"/entrypoint.sh\"]",
    "ENTRYPOINT /entrypoint.sh",
    "CMD [\"nginx\", \"-g\", \"daemon off;\"]\nCMD [\"nginx\"]",
    "ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]",
]
FAMILY_PM = {"debian": APT, "alpine": APK, "rhel": YUM + DNF, "fedora": DNF, "suse": ZYPPER}


def restyle(line, rng):
    """Odd but valid formatting: lower-case keywords, extra spaces, tabs."""
    r = rng.random()
    keyword, _, rest = line.partition(" ")
    if r < 0.08:
        return keyword.lower() + " " + rest
    if r < 0.14:
        return keyword + "   " + rest
    if r < 0.18:
        return "\t" + line
    return line


def stage(rng, family, alias=None, platform=False):
    image = rng.choice(FAMILIES[family])
    head = "FROM "
    if platform:
        head += rng.choice(["--platform=linux/amd64 ", "--platform=$BUILDPLATFORM ", "--platform=$TARGETPLATFORM "])
    head += image + (f" AS {alias}" if alias else "")
    lines = [head]
    body = rng.sample(FAMILY_PM[family], k=min(len(FAMILY_PM[family]), rng.randint(1, 3)))
    body += rng.sample(GENERIC, k=rng.randint(2, 7))
    rng.shuffle(body)
    for line in body:
        if rng.random() < 0.15:
            lines.append("# " + rng.choice(["install things", "TODO: pin", "see README", "hadolint would say something"]))
        lines.append(restyle(line, rng))
    return lines


def dockerfile(seed):
    rng = random.Random(seed)
    family = rng.choice(list(FAMILIES))
    parts = []
    if rng.random() < 0.2:
        parts.append("# syntax=docker/dockerfile:1")
    if rng.random() < 0.2:
        parts.append("ARG BASE_TAG=12.5")
    if rng.random() < 0.35:
        parts += stage(rng, rng.choice(list(FAMILIES)), alias=rng.choice(["build", "builder", "deps", "Build"]), platform=rng.random() < 0.3)
        parts.append("")
        parts += stage(rng, family, platform=rng.random() < 0.2)
        parts.append(rng.choice(["COPY --from=build /out /app", "COPY --from=builder /out /app", "COPY --from=0 /out /app", "COPY --from=buidl /out /app", "COPY --from=nginx:1.25 /etc/nginx /etc/nginx"]))
    else:
        parts += stage(rng, family, platform=rng.random() < 0.15)
    parts.append(rng.choice(TAILS))
    text = "\n".join(parts) + "\n"
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    return family, text


def main():
    for seed in range(130):
        family, text = dockerfile(seed)
        name = os.path.join(HERE, f"gen-{seed:03d}-{family}.Dockerfile")
        with open(name, "w", newline="") as f:
            f.write(text)


if __name__ == "__main__":
    main()
