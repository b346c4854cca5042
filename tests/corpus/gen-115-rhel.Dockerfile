# syntax=docker/dockerfile:1
ARG BASE_TAG=12.5
FROM registry.suse.com/bci/bci-base:15.5 AS deps
ONBUILD RUN apt-get install -y foo
RUN sudo chown -R app /app
	RUN zypper in -y git-core=2.43.0 && zypper cc -a
RUN zypper refresh && zypper dup -y

FROM rockylinux:9
RUN dnf install -y httpd && dnf clean all
RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi
RUN ps aux | grep nginx
RUN yum install -y httpd && yum clean all
RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum
ENV DB_PASSWORD=changeme
# install things
RUN service nginx stop || true
add https://example.com/file.txt /tmp/
run bash -c 'cd /tmp && ls'
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["/entrypoint.sh"]
