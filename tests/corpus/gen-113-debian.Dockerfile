FROM --platform=linux/amd64 fedora:40 AS deps
	ARG VERSION=1.0
RUN dnf install httpd-2.4.59
EXPOSE 70000
COPY . .
ADD vendor.tar.gz /opt/
copy package.json package-lock.json ./
run microdnf install -y shadow-utils && microdnf clean all

FROM debian:latest
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
# hadolint would say something
RUN   apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && apt-get clean
USER root
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
COPY --from=builder /out /app
ENTRYPOINT /entrypoint.sh
