FROM alpine:3.19
RUN   ["/bin/sh", "-c", "echo exec form"]
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN apk upgrade --no-cache
	ENV APP_HOME=/app APP_LOG=$APP_HOME/log
# TODO: pin
run apk add --no-cache curl
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
