FROM alpine:3.19
RUN apk add --no-cache --virtual .deps build-base=0.5-r3
RUN apk add --no-cache -t .deps gcc
RUN apk add --no-cache --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing foo=1.0
RUN apk add --no-cache ./local.apk
RUN apk add --no-cache "python3>3.10" 'py3-pip<24'
RUN apk --no-cache add curl
