FROM debian:12.5 AS deps
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
STOPSIGNAL SIGTERM
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
RUN pip install flask
RUN sudo chown -R app /app
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends gosu=1.14-1+b6; \
    rm -rf /var/lib/apt/lists/*; \
    gosu nobody true

FROM alpine:3.19
ARG VERSION=1.0
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
RUN useradd -u 1000001 appuser
RUN chmod +x /entrypoint.sh
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["/entrypoint.sh"]
