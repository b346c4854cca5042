FROM fedora:40 AS deps
RUN microdnf install -y shadow-utils && microdnf clean all
RUN export PATH=$PATH:/opt/bin && tool --version
RUN dnf install -y httpd && dnf clean all
RUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi
RUN mkdir -p /app
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
# TODO: pin
ADD https://example.com/file.txt /tmp/
RUN npm install -g typescript

FROM node:20-alpine
ADD vendor.tar.gz /opt/
RUN apk --update add tini && rm -rf /var/cache/apk/*
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2
RUN ps aux | grep nginx
# see README
	RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
COPY . /app
# install things
RUN npm install -g typescript
VOLUME /data
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
ENTRYPOINT ["/entrypoint.sh"]
