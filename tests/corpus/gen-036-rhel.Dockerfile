# syntax=docker/dockerfile:1
ARG BASE_TAG=12.5
FROM registry.access.redhat.com/ubi9/ubi:9.3
ENV PATH=/opt/bin:$PATH
RUN ps aux | grep nginx
# hadolint would say something
RUN useradd -u 1000001 appuser
RUN ["/bin/sh", "-c", "echo exec form"]
SHELL ["/bin/sh", "-c"]
RUN yum install -y httpd && yum clean all
# hadolint would say something
EXPOSE 70000
ENTRYPOINT /entrypoint.sh
