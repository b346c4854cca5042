# hadolint global ignore=DL3003
FROM debian:12.5
# hadolint ignore=DL3008,DL3015
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN cd /tmp && ls
# hadolint ignore=DL3059 # consecutive on purpose
RUN echo one
# hadolint ignore=DL4006

RUN curl -fsSL https://example.com | sh
