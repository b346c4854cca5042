# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM fedora AS Build
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
RUN wget -q -O- https://example.com/key | gpg --dearmor > /usr/share/keyrings/x.gpg
RUN dnf install httpd-2.4.59
HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]
RUN microdnf install -y shadow-utils && microdnf clean all
RUN for f in a b c; do touch /tmp/$f; done
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
RUN useradd -u 1000001 appuser
ADD app.py /app/

FROM node:20-alpine
# install things
RUN gem install bundler
RUN export PATH=$PATH:/opt/bin && tool --version
USER root
ADD vendor.tar.gz /opt/
USER app
# install things
RUN ln -sf /bin/bash /bin/sh
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cython==3.0.10 \
 && apk del .build-deps
COPY --from=buidl /out /app
CMD python app.py
