# syntax=docker/dockerfile:1
FROM node:20-alpine
ARG GITHUB_TOKEN
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
RUN groupadd -r app && useradd -r -g app app
	USER root
ENTRYPOINT ["/entrypoint.sh"]
