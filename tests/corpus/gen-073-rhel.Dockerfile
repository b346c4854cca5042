# syntax=docker/dockerfile:1
FROM oraclelinux:8 AS build
ENV DB_PASSWORD=changeme
run yum install httpd-2.4.6
RUN dnf install httpd-2.4.59
RUN service nginx stop || true
# see README
RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum

FROM rockylinux:9
VOLUME   /data
RUN   npm install -g typescript
# hadolint would say something
RUN yum install -y openssl-devel-1.0.2k && rm -rf /var/cache/yum
RUN for f in a b c; do touch /tmp/$f; done
RUN bash -c 'cd /tmp && ls'
COPY --from=0 /out /app
CMD python app.py
