FROM debian:12.5-slim AS tools

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u5 git=1:2.39.2-1.1 \
 && rm -rf /var/lib/apt/lists/*

# rustup's documented one-liner
RUN curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal

# nvm, then node through it
ENV NVM_DIR=/root/.nvm
RUN curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash \
 && . "$NVM_DIR/nvm.sh" \
 && nvm install 20

# poetry's installer reads the script from stdin
RUN curl -sSL https://install.python-poetry.org | python3 -

# a pinned script, checked before it runs
ARG TASK_VERSION=3.38.0
ARG TASK_SHA256=9f5ad14fc7b8b6a04a4f0d8d2e5e8c1c0d6e0d9b2ea2f6b91a6c2d1f0b3e4a5c
RUN curl -fsSLo /tmp/install-task.sh "https://github.com/go-task/task/releases/download/v${TASK_VERSION}/install-task.sh" \
 && echo "${TASK_SHA256}  /tmp/install-task.sh" | sha256sum -c - \
 && sh /tmp/install-task.sh -d -b /usr/local/bin "v${TASK_VERSION}" \
 && rm /tmp/install-task.sh

FROM debian:12.5-slim
COPY --from=tools /root/.cargo/bin/ /usr/local/bin/
RUN useradd --create-home --uid 10001 app
USER app
