# syntax=docker/dockerfile:1
FROM --platform=linux/amd64 golang:1.22-alpine AS build
RUN apk update && apk add git
RUN bash -c 'cd /tmp && ls'
MAINTAINER Jane Doe <jane@example.com>
# see README
WORKDIR app
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
ARG VERSION=1.0
run apk add --no-cache curl

FROM alpine:3.19
RUN useradd -u 1000001 appuser
RUN pip3 install -r requirements.txt
	HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
COPY . .
USER 1000:1000
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
RUN curl -fsSL https://example.com/install.sh | sh
COPY --from=buidl /out /app
CMD ["python", "app.py"]
