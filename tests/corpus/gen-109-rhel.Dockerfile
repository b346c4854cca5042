FROM python:3.12-alpine AS Build
RUN bash -c 'cd /tmp && ls'
EXPOSE 80/tcp 443/tcp
	COPY a.txt b.txt /opt/data
# install things
COPY --chown=app:app src/ /app/src/
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
RUN apk add --no-cache curl
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
RUN apk add --no-cache curl=8.5.0-r0 bash~5.2

FROM --platform=$BUILDPLATFORM amazonlinux:2023
RUN npm install
run dnf install httpd-2.4.59
RUN dnf install -y --setopt=install_weak_deps=False python3-pip && rm -rf /var/cache/dnf
RUN yum install -y httpd && yum clean all
EXPOSE 8080
COPY --from=nginx:1.25 /etc/nginx /etc/nginx
CMD ["python", "app.py"]
