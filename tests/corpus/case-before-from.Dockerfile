LABEL team=web
ARG V=1
ENV X=1
FROM alpine:3.19
