FROM rockylinux:9
ARG NGINX_VERSION=1.20.1
RUN yum install -y nginx-${NGINX_VERSION} && yum clean all
RUN yum install -y python3-pip && yum clean all
RUN yum install -y /tmp/local.rpm && yum clean all
RUN yum module install -y nodejs:18 && yum clean all
RUN yum module install -y nodejs && yum clean all
RUN dnf install -y nginx-${NGINX_VERSION} && dnf clean all
RUN microdnf install -y tar-1.34 gzip && microdnf clean all
RUN yum clean all && yum install -y wget-1.21
