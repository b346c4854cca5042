# syntax=docker/dockerfile:1
FROM oraclelinux:8
RUN bash -c 'cd /tmp && ls'
# see README
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
RUN ps aux | grep nginx
RUN mkdir -p /app
RUN yum install httpd-2.4.6
# TODO: pin
RUN service nginx stop || true
RUN useradd -u 1000001 appuser
CMD ["nginx", "-g", "daemon off;"]
CMD ["nginx"]
