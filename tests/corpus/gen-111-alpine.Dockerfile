FROM registry.fedoraproject.org/fedora-minimal:40 AS builder
env DEBIAN_FRONTEND noninteractive
RUN dnf install httpd-2.4.59
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
# hadolint would say something
EXPOSE 8080
# install things
MAINTAINER Jane Doe <jane@example.com>

FROM alpine:latest
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN pip3 install -r requirements.txt
# TODO: pin
EXPOSE 8080
COPY --from=build /out /app
CMD python app.py
