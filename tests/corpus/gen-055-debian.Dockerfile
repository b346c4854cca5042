ARG BASE_TAG=12.5
FROM debian:bookworm-slim
# TODO: pin
SHELL ["/bin/sh", "-c"]
# hadolint would say something
RUN apt-get install nginx
# TODO: pin
ENV   DEBIAN_FRONTEND noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
VOLUME /data
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# hadolint would say something
USER root
ENTRYPOINT ["/entrypoint.sh"]
