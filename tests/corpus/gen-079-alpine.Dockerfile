FROM --platform=linux/amd64 fedora:40 AS builder
USER app
ENV PIP_NO_CACHE_DIR=1
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
RUN yarn install --frozen-lockfile && yarn cache clean
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
# see README
ENV DB_PASSWORD=changeme
# TODO: pin
RUN useradd -u 1000001 appuser
COPY a.txt b.txt /opt/data

FROM alpine:3.19
EXPOSE 80/tcp 443/tcp
RUN pip3 install -r requirements.txt
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
	HEALTHCHECK CMD curl -f http://localhost/ || exit 1
# install things
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
	ONBUILD RUN apt-get install -y foo
env PATH=/opt/bin:$PATH
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
RUN   apk upgrade --no-cache
COPY --from=builder /out /app
ENTRYPOINT ["/entrypoint.sh"]
