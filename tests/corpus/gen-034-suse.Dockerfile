ARG BASE_TAG=12.5
FROM debian:bookworm-slim AS Build
RUN curl -fsSL https://example.com/install.sh | sh
STOPSIGNAL   SIGTERM
# see README
RUN apt update && apt install -y vim
run apt-get install nginx

FROM opensuse/leap:15.5
RUN zypper in -y git-core=2.43.0 && zypper cc -a
# install things
LABEL org.opencontainers.image.source="https://github.com/example/app"
RUN   zypper --non-interactive install curl=8.0.1
RUN chmod +x /entrypoint.sh
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN mkdir -p /app
RUN   zypper install python3
COPY --from=buidl /out /app
ENTRYPOINT /entrypoint.sh
