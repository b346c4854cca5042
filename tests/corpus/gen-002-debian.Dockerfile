# syntax=docker/dockerfile:1
FROM oraclelinux:8 AS deps
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
	VOLUME /data
	RUN wget https://example.com/tool.tar.gz && tar -xzf tool.tar.gz
ARG VERSION=1.0
EXPOSE 70000
LABEL maintainer="dev@example.com"
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
STOPSIGNAL SIGTERM

FROM buildpack-deps:bookworm
RUN apt-get -yq update && apt-get -yq install --no-install-recommends ./pkg.deb
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential \
      # the compiler toolchain
      git=1:2.39.2-1.1 \
      libpq-dev \
 && rm -rf /var/lib/apt/lists/*
RUN bash -c 'cd /tmp && ls'
MAINTAINER Jane Doe <jane@example.com>
	USER 1000
RUN ps aux | grep nginx
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
