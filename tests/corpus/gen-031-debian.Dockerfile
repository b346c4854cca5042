FROM ubuntu AS builder
RUN cd /usr/src && make install
RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# install things
LABEL org.opencontainers.image.source="https://github.com/example/app"
RUN apt-get update && apt-get install -y curl
RUN npm install -g typescript@5.4.5 @angular/cli@17.3.0
# hadolint would say something
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
ENV DB_PASSWORD=changeme
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /app

FROM --platform=$BUILDPLATFORM buildpack-deps:bookworm
RUN apt-get update && apt-get -y install -t bookworm-backports golang
RUN chmod +x /entrypoint.sh
# hadolint would say something
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
COPY --chown=app:app src/ /app/src/
COPY   a.txt b.txt /opt/data
RUN useradd -u 1000001 appuser
run gem install bundler
COPY --from=build /out /app
ENTRYPOINT ["/entrypoint.sh"]
