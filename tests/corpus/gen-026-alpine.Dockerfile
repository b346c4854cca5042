FROM --platform=linux/amd64 node:20-alpine
# TODO: pin
RUN ps aux | grep nginx
EXPOSE 80/tcp 443/tcp
RUN apk upgrade --no-cache
# see README
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
RUN apk --update add tini && rm -rf /var/cache/apk/*
ENV DB_PASSWORD=changeme
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
