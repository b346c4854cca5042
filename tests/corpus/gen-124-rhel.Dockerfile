ARG BASE_TAG=12.5
FROM registry.access.redhat.com/ubi9/ubi:9.3
expose 8080
ARG VERSION=1.0
COPY a.txt b.txt /opt/data
RUN yum makecache && yum install -y --setopt=tsflags=nodocs python3
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
