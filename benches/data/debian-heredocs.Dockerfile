FROM debian:12-slim
LABEL org.opencontainers.image.source="https://example.com/repo" \
      org.opencontainers.image.licenses="MIT"
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates \
      curl \
      # tools for debugging
      jq \
 && rm -rf /var/lib/apt/lists/*
COPY <<EOF /etc/app.conf
listen = 0.0.0.0:8080
workers = 4
EOF
RUN <<-SCRIPT bash
	set -euo pipefail
	echo configured
	SCRIPT
EXPOSE 8080/tcp
VOLUME ["/var/lib/app"]
STOPSIGNAL SIGTERM
CMD ["app", "--config", "/etc/app.conf"]
