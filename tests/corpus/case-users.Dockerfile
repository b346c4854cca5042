FROM alpine:3.19 AS build
USER root
FROM alpine:3.19
USER 0:0
RUN whoami
USER ${APP_USER}
USER app:app
USER 1000:root
