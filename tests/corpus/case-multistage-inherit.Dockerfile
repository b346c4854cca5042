FROM debian:12.5 AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*
USER root

FROM base AS app
RUN curl -fsSL https://example.com/x | tar -xz
WORKDIR /app
COPY . .
CMD ["./run"]
