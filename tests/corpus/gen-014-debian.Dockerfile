FROM debian:latest
MAINTAINER Jane Doe <jane@example.com>
# see README
run export PATH=$PATH:/opt/bin && tool --version
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
# install things
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
LABEL org.opencontainers.image.source="https://github.com/example/app"
ARG VERSION=1.0
COPY package.json package-lock.json ./
ENTRYPOINT ["/entrypoint.sh"]
