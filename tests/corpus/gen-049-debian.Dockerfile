FROM registry.suse.com/bci/bci-base:15.5 AS build
VOLUME /data
COPY . .
run pip install git+https://github.com/psf/requests@v2.31.0
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
ARG GITHUB_TOKEN
RUN zypper refresh && zypper dup -y
RUN echo 'hello' > /etc/motd
# TODO: pin
SHELL ["/bin/sh", "-c"]
RUN zypper --non-interactive install curl=8.0.1

FROM node:20.12.2-bookworm
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends gosu=1.14-1+b6; \
    rm -rf /var/lib/apt/lists/*; \
    gosu nobody true
shell ["/bin/sh", "-c"]
RUN curl -fsSL https://example.com/install.sh | sh
# see README
RUN apt-get install nginx
COPY --from=buidl /out /app
CMD python app.py
