FROM --platform=$TARGETPLATFORM node:20-alpine AS build
RUN ln -sf /bin/bash /bin/sh
run chmod +x /entrypoint.sh
RUN --mount=type=cache,target=/var/cache/apk apk add --update python3
ENV APP_HOME=/app APP_LOG=$APP_HOME/log
RUN apk --update add tini && rm -rf /var/cache/apk/*
EXPOSE 8080
ENV DEBIAN_FRONTEND noninteractive
RUN apk add --no-cache curl
USER 1000

FROM registry.fedoraproject.org/fedora-minimal:40
# hadolint would say something
RUN dnf install -y httpd && dnf clean all
# install things
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
# hadolint would say something
RUN pip3 install -r requirements.txt
COPY --from=build /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
