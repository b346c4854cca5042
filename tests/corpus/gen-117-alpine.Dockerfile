# syntax=docker/dockerfile:1
FROM golang:1.22-alpine
	RUN go get github.com/pkg/errors
WORKDIR /app
RUN pip install --no-cache-dir -e .
# hadolint would say something
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
	ADD https://example.com/file.txt /tmp/
# install things
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
# TODO: pin
LABEL Version=1.0
ENTRYPOINT ["/entrypoint.sh"]
