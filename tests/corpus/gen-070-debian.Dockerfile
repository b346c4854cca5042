FROM ubuntu AS builder
# hadolint would say something
RUN npm install
run apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
RUN apt-get update && apt-get -y install -t bookworm-backports golang
# install things
ARG   GITHUB_TOKEN
VOLUME /data
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*

FROM debian:12.5
COPY . /app
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
run apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
RUN ln -sf /bin/bash /bin/sh
# TODO: pin
WORKDIR app
# install things
RUN npm install
RUN apt-get install nginx
# hadolint would say something
RUN curl -fsSL https://example.com/install.sh | sh
COPY --from=build /out /app
CMD python app.py
