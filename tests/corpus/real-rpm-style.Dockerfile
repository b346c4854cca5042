FROM centos:7
RUN yum -y update && yum -y install httpd php && yum clean all
RUN yum install -y epel-release
RUN yum groupinstall -y "Development Tools"
FROM fedora:39
RUN dnf install -y git && dnf clean all
RUN dnf -y install gcc-13.2.1 make
RUN microdnf install -y java-17 && microdnf clean all
FROM opensuse/leap:15.5
RUN zypper install -y curl
RUN zypper -n in vim=9.0 && zypper clean
RUN zypper --non-interactive refresh && zypper --non-interactive install --no-recommends -y git-2.43
FROM alpine
RUN apk update && apk add curl
RUN apk add --no-cache bash=5.2.21-r0 'git>2'
RUN apk upgrade
FROM ubuntu:22.04
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get -qq update && apt-get -qq install -y --no-install-recommends software-properties-common=0.99* && add-apt-repository -y ppa:deadsnakes/ppa && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get -y dist-upgrade
RUN apt-get install -y -q --no-install-recommends tzdata && apt-get clean
RUN gem install rails && bundle install
RUN go get github.com/x/y && go install github.com/a/b@latest
RUN cargo install ripgrep
RUN wget http://x/y.tgz && curl -O http://x/z
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ls | wc -l
RUN ["/bin/sh", "-c", "ls | wc"]
COPY a b /dest
COPY --from=0 /x /y
COPY --from=nosuch /x /y
ENV A=1 B=$A
ONBUILD RUN apt-get install foo
WORKDIR relative/path
ENTRYPOINT ["/bin/sh", "-c", "exec app"]
