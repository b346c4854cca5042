ARG BASE_TAG=12.5
FROM oraclelinux:8 AS builder
RUN echo 'hello' > /etc/motd
# TODO: pin
RUN export PATH=$PATH:/opt/bin && tool --version
MAINTAINER Jane Doe <jane@example.com>
# install things
RUN dnf -y upgrade && dnf -y install git-2.44.0 && dnf clean all
# install things
ARG GITHUB_TOKEN
# hadolint would say something
healthcheck --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
RUN yum makecache && yum install -y --setopt=tsflags=nodocs python3
ADD https://example.com/file.txt /tmp/
	RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all

FROM --platform=$TARGETPLATFORM registry.access.redhat.com/ubi9/ubi:9.3
RUN npm install
RUN pip install --no-cache-dir flask==3.0.3 gunicorn>=21.2
RUN yum -y install epel-release && yum -y install nginx-1.20.1 && yum clean all
RUN useradd -u 1000001 appuser
# see README
RUN pip3 install -r requirements.txt
RUN dnf install httpd-2.4.59
onbuild COPY . /app
COPY --from=builder /out /app
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
