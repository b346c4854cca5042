FROM debian:bookworm-slim AS deps
SHELL ["/bin/sh", "-c"]
LABEL org.opencontainers.image.source="https://github.com/example/app"
RUN pip install git+https://github.com/psf/requests@v2.31.0
EXPOSE 80/tcp 443/tcp
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
run --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
run wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends gosu=1.14-1+b6; \
    rm -rf /var/lib/apt/lists/*; \
    gosu nobody true
ENV   PIP_NO_CACHE_DIR=1

FROM registry.fedoraproject.org/fedora-minimal:40
# install things
RUN   ln -sf /bin/bash /bin/sh
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
COPY --from=builder /out /app
ENTRYPOINT /entrypoint.sh
