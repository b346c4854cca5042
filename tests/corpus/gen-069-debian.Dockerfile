# syntax=docker/dockerfile:1
ARG BASE_TAG=12.5
FROM python:3.12-slim
# TODO: pin
ONBUILD COPY . /app
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
LABEL maintainer="dev@example.com"
RUN apt-get update && apt-get -y install -t bookworm-backports golang
# install things
ONBUILD RUN apt-get install -y foo
ADD app.py /app/
run --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y --no-install-recommends jq
CMD python app.py
