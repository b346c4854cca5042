FROM debian:latest
# TODO: pin
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends gosu=1.14-1+b6; \
    rm -rf /var/lib/apt/lists/*; \
    gosu nobody true
ENV DB_PASSWORD=changeme
# hadolint would say something
LABEL   Version=1.0
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get -y install -t bookworm-backports golang
CMD python app.py
